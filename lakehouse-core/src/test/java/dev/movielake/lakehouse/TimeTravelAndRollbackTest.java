package dev.movielake.lakehouse;

import static dev.movielake.lakehouse.testing.MovieRows.movie;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.movielake.lakehouse.table.ReadOptions;
import dev.movielake.lakehouse.table.WriteOptions;
import dev.movielake.lakehouse.testing.MovieRows;
import dev.movielake.lakehouse.testing.SharedSpark;
import dev.movielake.model.Layer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.iceberg.Table;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TimeTravelAndRollbackTest {
  private final SparkSession spark = SharedSpark.session();
  private final IcebergStorageManager storage = SharedSpark.storage("travel");
  private long firstSnapshot;
  private Instant betweenWrites;

  @BeforeEach
  void twoVersions() throws InterruptedException {
    storage.writeToSilver(
        MovieRows.of(spark, movie(1, "Original", "2001-01-01", 5, 10, 1)),
        "movies",
        WriteOptions.upsert("movie_id"));
    firstSnapshot = storage.loadTable(Layer.SILVER, "movies").currentSnapshot().snapshotId();
    Thread.sleep(20);
    betweenWrites = Instant.now();
    Thread.sleep(20);
    storage.writeToSilver(
        MovieRows.of(
            spark,
            movie(1, "Changed", "2001-01-01", 9, 10, 2),
            movie(2, "Added", "2002-01-01", 7, 0, 2)),
        "movies",
        WriteOptions.upsert("movie_id"));
  }

  private List<String> titles(ReadOptions options) {
    return storage
        .readFromLayer(Layer.SILVER, "movies", options)
        .orderBy("movie_id")
        .collectAsList()
        .stream()
        .map(row -> row.getString(1))
        .toList();
  }

  @Test
  void readsOldRowsAtASnapshotATimestampAndATag() {
    assertThat(titles(ReadOptions.current())).containsExactly("Changed", "Added");
    assertThat(titles(ReadOptions.atSnapshot(firstSnapshot))).containsExactly("Original");
    assertThat(titles(ReadOptions.asOf(betweenWrites))).containsExactly("Original");

    storage.createTag(
        Layer.SILVER,
        "movies",
        "release_v1",
        Optional.of(firstSnapshot),
        Optional.of(Duration.ofDays(30)));
    assertThat(titles(ReadOptions.atTag("release_v1"))).containsExactly("Original");
    assertThat(storage.loadTable(Layer.SILVER, "movies").refs().get("release_v1").maxRefAgeMs())
        .isEqualTo(Duration.ofDays(30).toMillis());
    assertThat(titles(ReadOptions.current().where("vote_average > 8"))).containsExactly("Changed");
  }

  @Test
  void rollbackRestoresTheOldRowsAndCanBeUndone() {
    long latest = storage.loadTable(Layer.SILVER, "movies").currentSnapshot().snapshotId();

    storage.rollbackToSnapshot(Layer.SILVER, "movies", firstSnapshot);
    assertThat(titles(ReadOptions.current())).containsExactly("Original");

    storage.rollbackToSnapshot(Layer.SILVER, "movies", latest); // not an ancestor any more
    assertThat(titles(ReadOptions.current())).containsExactly("Changed", "Added");

    storage.rollbackToTimestamp(Layer.SILVER, "movies", betweenWrites);
    assertThat(titles(ReadOptions.current())).containsExactly("Original");
  }

  @Test
  void branchesTakeWritesApartFromMain() {
    storage.createBranch(Layer.SILVER, "movies", "audit", Optional.empty(), Optional.empty());
    Table table = storage.loadTable(Layer.SILVER, "movies");
    assertThat(table.refs()).containsKeys("main", "audit");
    assertThat(titles(ReadOptions.atBranch("audit"))).containsExactly("Changed", "Added");

    storage.dropBranch(Layer.SILVER, "movies", "audit");
    assertThat(storage.loadTable(Layer.SILVER, "movies").refs()).doesNotContainKey("audit");
    assertThatThrownBy(() -> storage.dropBranch(Layer.SILVER, "movies", "main"))
        .hasMessageContaining("cannot be dropped");
    assertThatThrownBy(
            () ->
                storage.createTag(
                    Layer.SILVER, "movies", "bad tag", Optional.empty(), Optional.empty()))
        .hasMessageContaining("invalid tag name");
  }

  @Test
  void unknownSnapshotsAndRefsFailWithTheFix() {
    assertThatThrownBy(() -> titles(ReadOptions.atSnapshot(42)))
        .isInstanceOf(LakehouseException.class)
        .hasMessageContaining("tables snapshots");
    assertThatThrownBy(() -> storage.rollbackToSnapshot(Layer.SILVER, "movies", 42))
        .hasMessageContaining("not in");
    assertThatThrownBy(() -> titles(ReadOptions.atTag("nope")))
        .hasMessageContaining("no branch or tag");
  }

  @Test
  void historyAndSnapshotsComeFromMetadataTables() {
    List<Row> history = storage.getTableHistory(Layer.SILVER, "movies").collectAsList();
    assertThat(history).hasSize(2);
    assertThat(
            storage.getTableSnapshots(Layer.SILVER, "movies").select("operation").collectAsList())
        .extracting(row -> row.getString(0))
        .containsExactly("append", "overwrite");
    assertThat(storage.getTableFiles(Layer.SILVER, "movies").count()).isPositive();
  }

  @Test
  void disabledTimeTravelIsRefusedNamingTheVariable() {
    IcebergStorageManager restricted =
        SharedSpark.storage("notravel", Map.of("ICEBERG_ENABLE_TIME_TRAVEL", "false"));
    restricted.writeToSilver(
        MovieRows.of(spark, movie(1, "A", "2001-01-01", 5, 10, 1)), "m", WriteOptions.append());
    long id = restricted.loadTable(Layer.SILVER, "m").currentSnapshot().snapshotId();
    assertThat(restricted.readFromLayer(Layer.SILVER, "m").count()).isEqualTo(1);
    assertThatThrownBy(
            () -> restricted.readFromLayer(Layer.SILVER, "m", ReadOptions.atSnapshot(id)))
        .isInstanceOf(FeatureDisabledException.class)
        .hasMessageContaining("ICEBERG_ENABLE_TIME_TRAVEL");
    assertThatThrownBy(() -> restricted.rollbackToSnapshot(Layer.SILVER, "m", id))
        .isInstanceOf(FeatureDisabledException.class);
  }
}
