package dev.movielake.lakehouse.table.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.movielake.lakehouse.table.TableHealth;
import dev.movielake.lakehouse.table.TableStatistics;
import dev.movielake.model.Layer;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TableStatisticsBuilderTest {
  private static final Instant COMMITTED = Instant.parse("2024-05-01T10:00:00Z");

  @Test
  void unsetValuesDescribeAnEmptyUnpartitionedTableWithoutCommit() {
    assertThat(TableStatisticsBuilder.of(Layer.GOLD, "gold.movie_metrics").build())
        .isEqualTo(
            new TableStatistics(
                Layer.GOLD,
                "gold.movie_metrics",
                "file:/lakehouse/gold/movie_metrics",
                2,
                new TableStatistics.CurrentSnapshot(Optional.empty(), Optional.empty()),
                new TableStatistics.Records(0, 0, true),
                new TableStatistics.Files(0, 0, 0, 0, 0, 0, 1, 0, ""),
                new TableStatistics.Deletes(0, 0, 0),
                new TableStatistics.Snapshots(0, 1, 0),
                new TableStatistics.Layout(1, "unpartitioned", 12),
                new TableStatistics.Metadata(0, 0),
                TableHealth.PERFECT));
  }

  @Test
  void derivesRowsInDataFilesExactnessAndFileSizesAsTheCatalogDoes() {
    TableStatistics statistics =
        TableStatisticsBuilder.of(Layer.SILVER, "silver.movies_clean")
            .location("file:/warehouse/silver/movies_clean")
            .currentSnapshot(42, COMMITTED)
            .records(110)
            .files(4, 4096)
            .smallFiles(3)
            .partitions(2)
            .deleteFiles(1)
            .positionDeletes(20)
            .snapshots(5)
            .tags(2)
            .partitioning("years(release_date)")
            .build();

    assertThat(statistics)
        .isEqualTo(
            new TableStatistics(
                Layer.SILVER,
                "silver.movies_clean",
                "file:/warehouse/silver/movies_clean",
                2,
                new TableStatistics.CurrentSnapshot(Optional.of(42L), Optional.of(COMMITTED)),
                new TableStatistics.Records(110, 130, true),
                new TableStatistics.Files(4, 4096, 1024, 512, 2048, 3, 2, 3, ""),
                new TableStatistics.Deletes(1, 20, 0),
                new TableStatistics.Snapshots(5, 1, 2),
                new TableStatistics.Layout(1, "years(release_date)", 12),
                new TableStatistics.Metadata(0, 0),
                statistics.health()));
    assertThat(statistics.health())
        .as("scored against the default policy")
        .isEqualTo(TableHealth.of(statistics, TableStatisticsBuilder.defaultPolicy()));
    assertThat(statistics.health().healthScore()).isEqualTo(86);
  }

  @Test
  void setValuesWinOverDerivedOnes() {
    TableStatistics statistics =
        TableStatisticsBuilder.of(Layer.BRONZE, "movies_raw")
            .records(90)
            .dataFileRecords(100)
            .equalityDeletes(3)
            .files(2, 300)
            .averageFileSizeBytes(150)
            .minFileSizeBytes(100)
            .maxFileSizeBytes(200)
            .formatVersion(3)
            .branches(2)
            .partitionSpecs(2)
            .columns(7)
            .mostSmallFiles(6, "release_year=2024")
            .manifests(3)
            .metadataFileSizeBytes(4096)
            .health(new TableHealth(55, List.of()))
            .build();

    assertThat(statistics.records()).isEqualTo(new TableStatistics.Records(90, 100, false));
    assertThat(statistics.files())
        .isEqualTo(new TableStatistics.Files(2, 300, 150, 100, 200, 0, 1, 6, "release_year=2024"));
    assertThat(statistics.metadata()).isEqualTo(new TableStatistics.Metadata(3, 4096));
    assertThat(statistics.health().healthScore()).isEqualTo(55);
    assertThat(statistics.formatVersion()).isEqualTo(3);
    assertThat(statistics.snapshots().branchCount()).isEqualTo(2);
    assertThat(statistics.layout()).isEqualTo(new TableStatistics.Layout(2, "unpartitioned", 7));
    assertThat(statistics.location()).isEqualTo("file:/lakehouse/bronze/movies_raw");
  }
}
