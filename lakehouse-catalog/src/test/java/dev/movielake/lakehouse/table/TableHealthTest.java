package dev.movielake.lakehouse.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import dev.movielake.config.LakehouseConfig;
import dev.movielake.config.MaintenancePolicy;
import dev.movielake.lakehouse.table.TableHealth.Deduction;
import dev.movielake.lakehouse.table.TableHealth.Input;
import dev.movielake.lakehouse.table.testing.TableStatisticsBuilder;
import dev.movielake.model.Layer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The health score's contract, on constructed statistics: each input's deduction, its clamping at
 * twice the limit, and the score's floor. The policy is the default one (small files 5 per
 * partition, 10 delete files, delete ratio 0.3, 20 manifests, 1000 snapshots, 16 MB of metadata)
 * except where a test sets a layer's own.
 */
class TableHealthTest {
  private static final MaintenancePolicy POLICY = LakehouseConfig.from(Map.of()).maintenance();
  private static final long MB = 1024 * 1024;

  /** A committed, healthy table: one snapshot, one manifest, a small metadata file, no deletes. */
  private static TableStatisticsBuilder table() {
    return TableStatisticsBuilder.of(Layer.SILVER, "silver.movies_clean")
        .currentSnapshot(7, Instant.parse("2026-01-02T03:04:05Z"))
        .records(1000)
        .files(4, 400 * MB)
        .partitions(2)
        .snapshots(1)
        .manifests(1)
        .metadataFileSizeBytes(0)
        .policy(POLICY);
  }

  private static TableHealth health(TableStatisticsBuilder builder) {
    return TableHealth.of(builder.build(), POLICY);
  }

  @Test
  void aHealthyTableScoresHundredWithoutDeductions() {
    assertThat(health(table())).isEqualTo(TableHealth.PERFECT);
  }

  @Test
  void anEmptyTableScoresHundred() {
    TableStatistics empty =
        TableStatisticsBuilder.of(Layer.BRONZE, "bronze.movies_raw")
            .metadataFileSizeBytes(64 * MB)
            .build();

    assertThat(TableHealth.of(empty, POLICY)).isEqualTo(TableHealth.PERFECT);
  }

  @Test
  void smallFilesLoseFortyPointsLinearlyFromOneToTwiceTheLimit() {
    // (value - 1) / (2 * 5 - 1) of 40 points: 1 costs nothing, 5 (the limit) costs 17.8.
    assertThat(health(table().smallFiles(1).mostSmallFiles(1, "release_year=2024")))
        .isEqualTo(TableHealth.PERFECT);
    TableHealth atLimit = health(table().smallFiles(5).mostSmallFiles(5, "release_year=2024"));

    assertThat(atLimit.healthDeductions())
        .containsExactly(
            new Deduction(
                Input.SMALL_FILES,
                5,
                5,
                17.8,
                "5 small files in partition release_year=2024 (limit 5)"));
    assertThat(atLimit.healthScore()).isEqualTo(82);
  }

  @Test
  void smallFilesAtTwiceTheLimitOrMoreLoseTheirWholeWeight() {
    TableHealth twelve = health(table().smallFiles(20).mostSmallFiles(12, "release_year=2024"));
    TableHealth hundred = health(table().smallFiles(100).mostSmallFiles(100, ""));

    assertThat(twelve.healthScore()).isEqualTo(60);
    assertThat(twelve.healthDeductions().get(0).reason())
        .isEqualTo("12 small files in partition release_year=2024 (limit 5)");
    assertThat(hundred.healthScore()).isEqualTo(60);
    assertThat(hundred.healthDeductions().get(0).pointsLost()).isEqualTo(40);
    assertThat(hundred.healthDeductions().get(0).reason())
        .as("an unpartitioned table")
        .isEqualTo("100 small files in the table (limit 5)");
  }

  @Test
  void positionDeletesLoseByTheShareOfRowsTheyRemove() {
    // 150 of 1000 rows: 0.15 / (2 * 0.3) of 20 points.
    TableHealth health =
        health(table().records(850).dataFileRecords(1000).deleteFiles(2).positionDeletes(150));

    assertThat(health.healthDeductions())
        .containsExactly(
            new Deduction(
                Input.POSITION_DELETES,
                0.15,
                0.3,
                5.0,
                "position deletes remove 15% of the rows in data files (limit 30%)"));
    assertThat(health.healthScore()).isEqualTo(95);
  }

  @Test
  void positionDeletesLoseByTheirFileCountWhenThatIsWorse() {
    // 15 delete files against 10: 15 / 20 of 20 points, more than 1% of rows would cost.
    TableHealth health =
        health(table().records(990).dataFileRecords(1000).deleteFiles(15).positionDeletes(10));

    assertThat(health.healthDeductions())
        .containsExactly(
            new Deduction(Input.POSITION_DELETES, 15, 10, 15.0, "15 delete files (limit 10)"));
    assertThat(health.healthScore()).isEqualTo(85);
  }

  @Test
  void equalityDeletesLoseFortyPointsByTheShareOfRowsTheyRemove() {
    TableHealth health =
        health(table().records(1000).dataFileRecords(1000).deleteFiles(1).equalityDeletes(450));

    assertThat(health.healthDeductions())
        .extracting(Deduction::input, Deduction::pointsLost)
        .containsExactly(tuple(Input.EQUALITY_DELETES, 30.0), tuple(Input.POSITION_DELETES, 1.0));
    assertThat(health.healthDeductions().get(0).reason())
        .isEqualTo("equality deletes remove 45% of the rows in data files (limit 30%)");
    assertThat(health.healthScore()).isEqualTo(69);
  }

  @Test
  void snapshotsManifestsAndMetadataSizeLoseTenPointsEach() {
    TableHealth health =
        health(table().snapshots(1000).manifests(30).metadataFileSizeBytes(16 * MB));

    assertThat(health.healthDeductions())
        .containsExactly(
            new Deduction(Input.MANIFESTS, 30, 20, 7.4, "30 manifests (limit 20)"),
            new Deduction(
                Input.METADATA_SIZE,
                16 * MB,
                16 * MB,
                5.0,
                "metadata file of 16.0 MB (limit 16.0 MB)"),
            new Deduction(Input.SNAPSHOTS, 1000, 1000, 5.0, "1000 snapshots (limit 1000)"));
    // 7.44 + 5 + 4.998, unrounded.
    assertThat(health.healthScore()).isEqualTo(83);
  }

  @Test
  void theScoreNeverFallsUnderZero() {
    // 40 + 20 + 40 + 10 + 10 + 10 = 130 points lost.
    TableHealth health =
        health(
            table()
                .smallFiles(50)
                .records(0)
                .dataFileRecords(1000)
                .deleteFiles(100)
                .positionDeletes(600)
                .equalityDeletes(600)
                .snapshots(5000)
                .manifests(500)
                .metadataFileSizeBytes(100 * MB));

    assertThat(health.healthScore()).isZero();
    assertThat(health.healthDeductions())
        .extracting(Deduction::pointsLost)
        .containsExactly(40.0, 40.0, 20.0, 10.0, 10.0, 10.0);
  }

  @Test
  void aValueUnderItsIdealCostsNothing() {
    assertThat(Input.SNAPSHOTS.pointsLost(0, 1000)).isZero();
    assertThat(Input.MANIFESTS.pointsLost(1, 20)).isZero();
    assertThat(Input.METADATA_SIZE.pointsLost(8 * MB, 16 * MB)).isCloseTo(2.5, within(1e-9));
  }

  @Test
  void eachLayerIsScoredAgainstItsOwnTriggers() {
    MaintenancePolicy strict =
        LakehouseConfig.from(Map.of("ICEBERG_BRONZE_COMPACTION_MIN_SMALL_FILES", "2"))
            .maintenance();
    TableStatistics bronze =
        TableStatisticsBuilder.of(Layer.BRONZE, "bronze.movies_raw")
            .currentSnapshot(1, Instant.parse("2026-01-02T03:04:05Z"))
            .files(3, 3 * MB)
            .smallFiles(3)
            .snapshots(1)
            .manifests(1)
            .build();

    // (3 - 1) / (2 * 2 - 1) of 40 points against 2; (3 - 1) / 9 of 40 against the default 5.
    assertThat(TableHealth.of(bronze, strict).healthScore()).isEqualTo(73);
    assertThat(TableHealth.of(bronze, POLICY).healthScore()).isEqualTo(91);
  }

  @Test
  void aScoreOutsideZeroToHundredIsRefused() {
    assertThatThrownBy(() -> new TableHealth(101, List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a health score is 0 to 100, got 101");
  }
}
