package dev.movielake.lakehouse;

import static dev.movielake.lakehouse.testing.MovieRows.movie;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.movielake.lakehouse.table.Partitioning;
import dev.movielake.lakehouse.table.SchemaChange;
import dev.movielake.lakehouse.table.WriteMode;
import dev.movielake.lakehouse.table.WriteOptions;
import dev.movielake.lakehouse.table.WriteResult;
import dev.movielake.lakehouse.testing.MovieRows;
import dev.movielake.lakehouse.testing.SharedSpark;
import dev.movielake.model.Layer;
import java.util.List;
import org.apache.iceberg.Table;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;

class StorageManagerWriteTest {
  private final SparkSession spark = SharedSpark.session();
  private final IcebergStorageManager storage = SharedSpark.storage("write");

  @Test
  void writeThatCreatesTheTableWritesItsRowsOnce() {
    WriteResult result =
        storage.writeToBronze(
            MovieRows.range(spark, 1, 100, 2000, 5),
            "movies_raw",
            WriteOptions.append().partitionedBy("years(release_date)"));

    assertThat(result.createdTable()).isTrue();
    assertThat(result.addedRecords()).isEqualTo(100);
    assertThat(storage.readFromLayer(Layer.BRONZE, "movies_raw").count()).isEqualTo(100);
    Table table = storage.loadTable(Layer.BRONZE, "movies_raw");
    assertThat(table.spec().fields()).hasSize(1);
    assertThat(table.spec().fields().get(0).transform().toString()).isEqualTo("year");
    assertThat(table.properties()).containsEntry("write.metadata.metrics.default", "full");
  }

  @Test
  void createTableWithoutRowsThenAppendDoesNotDuplicate() {
    var rows = MovieRows.range(spark, 1, 10, 2000, 2);
    assertThat(
            storage.createTable(
                Layer.SILVER, "created", rows, Partitioning.of("bucket(4, movie_id)"), false))
        .isTrue();
    assertThat(storage.createTable(Layer.SILVER, "created", rows, Partitioning.none(), false))
        .isFalse();
    assertThat(storage.readFromLayer(Layer.SILVER, "created").count()).isZero();

    storage.writeToSilver(rows, "created", WriteOptions.append());
    assertThat(storage.readFromLayer(Layer.SILVER, "created").count()).isEqualTo(10);
  }

  @Test
  void overwriteReplacesOnlyThePartitionsItWrites() {
    storage.writeToGold(
        MovieRows.of(
            spark, movie(1, "A", "2001-01-01", 5, 0, 1), movie(2, "B", "2002-01-01", 6, 0, 1)),
        "by_year",
        WriteOptions.overwrite().partitionedBy("years(release_date)"));

    storage.writeToGold(
        MovieRows.of(spark, movie(3, "C", "2002-06-01", 7, 0, 1)),
        "by_year",
        WriteOptions.overwrite());

    List<Row> rows =
        storage.readFromLayer(Layer.GOLD, "by_year").orderBy("movie_id").collectAsList();
    assertThat(rows).extracting(row -> row.getLong(0)).containsExactly(1L, 3L);
  }

  @Test
  void upsertUpdatesByKeyAndKeepsTheLatestDuplicate() {
    storage.writeToSilver(
        MovieRows.of(
            spark,
            movie(1, "Old title", "2001-01-01", 5, 10, 1),
            movie(2, "Kept", "2002-01-01", 6, 20, 1)),
        "movies_clean",
        WriteOptions.upsert("movie_id").latestBy("updated_at"));

    WriteResult result =
        storage.writeToSilver(
            MovieRows.of(
                spark,
                movie(1, "Newest title", "2001-01-01", 8, 11, 3),
                movie(1, "Stale title", "2001-01-01", 7, 12, 2),
                movie(3, "New movie", "2003-01-01", 9, 30, 1)),
            "movies_clean",
            WriteOptions.upsert("movie_id").latestBy("updated_at"));

    assertThat(result.createdTable()).isFalse();
    List<Row> rows =
        storage.readFromLayer(Layer.SILVER, "movies_clean").orderBy("movie_id").collectAsList();
    assertThat(rows)
        .extracting(row -> row.getLong(0) + ":" + row.getString(1))
        .containsExactly("1:Newest title", "2:Kept", "3:New movie");
  }

  @Test
  void anOlderVersionArrivingLateDoesNotOverwriteANewerOne() {
    storage.writeToSilver(
        MovieRows.of(spark, movie(1, "Version 5", "2001-01-01", 5, 10, 5)),
        "late_versions",
        WriteOptions.upsert("movie_id").latestBy("updated_at"));
    storage.writeToSilver(
        MovieRows.of(
            spark,
            movie(1, "Version 4", "2001-01-01", 5, 10, 4),
            movie(2, "Other", "2001-01-01", 5, 10, 1)),
        "late_versions",
        WriteOptions.upsert("movie_id").latestBy("updated_at"));
    storage.writeToSilver(
        MovieRows.of(spark, movie(2, "Other again", "2001-01-01", 5, 10, 1)),
        "late_versions",
        WriteOptions.upsert("movie_id").latestBy("updated_at"));

    List<Row> rows =
        storage.readFromLayer(Layer.SILVER, "late_versions").orderBy("movie_id").collectAsList();
    assertThat(rows)
        .extracting(row -> row.getLong(0) + ":" + row.getString(1))
        .containsExactly("1:Version 5", "2:Other again"); // equal versions: the incoming row wins
  }

  @Test
  void upsertsKeepWorkingAfterAColumnWasAddedToTheTable() {
    storage.writeToSilver(
        MovieRows.of(spark, movie(1, "A", "2001-01-01", 5, 10, 1)),
        "evolved",
        WriteOptions.upsert("movie_id"));
    storage.evolveSchema(
        Layer.SILVER, "evolved", SchemaChange.builder().addColumn("trending_score", "double"));
    spark.sql(
        "UPDATE " + storage.table(Layer.SILVER, "evolved").sql() + " SET trending_score = 0.5");

    storage.writeToSilver(
        MovieRows.of(
            spark, movie(1, "A2", "2001-01-01", 6, 10, 2), movie(2, "B", "2002-01-01", 7, 0, 1)),
        "evolved",
        WriteOptions.upsert("movie_id"));

    assertThat(
            storage
                .readFromLayer(Layer.SILVER, "evolved")
                .orderBy("movie_id")
                .selectExpr("movie_id", "title", "trending_score")
                .collectAsList())
        .extracting(Row::toString)
        .containsExactly("[1,A2,0.5]", "[2,B,null]");
  }

  @Test
  void replaceAllSwapsTheWholeContentsInOneCommit() {
    storage.writeToGold(
        MovieRows.of(
            spark, movie(1, "A", "2001-01-01", 5, 0, 1), movie(2, "B", "2002-01-01", 6, 0, 1)),
        "replaced",
        WriteOptions.replaceAll().partitionedBy("years(release_date)"));
    WriteResult result =
        storage.writeToGold(
            MovieRows.of(spark, movie(3, "C", "2003-06-01", 7, 0, 1)),
            "replaced",
            WriteOptions.replaceAll());

    assertThat(storage.readFromLayer(Layer.GOLD, "replaced").collectAsList())
        .extracting(row -> row.getLong(0))
        .containsExactly(3L);
    assertThat(result.snapshotId()).isPresent();
    assertThat(storage.getTableSnapshots(Layer.GOLD, "replaced").count()).isEqualTo(2);
  }

  @Test
  void replayedUpsertChangesNothing() {
    var batch =
        MovieRows.of(spark, movie(1, "A", "2001-01-01", 5, 10, 1), movie(2, "B", null, 6, 20, 1));
    storage.writeToSilver(batch, "replayed", WriteOptions.upsert("movie_id", "release_date"));
    storage.writeToSilver(batch, "replayed", WriteOptions.upsert("movie_id", "release_date"));
    assertThat(storage.readFromLayer(Layer.SILVER, "replayed").count()).isEqualTo(2);
  }

  @Test
  void deleteMatchingRemovesExactlyTheNamedRowsAndAReplayRemovesNothingMore() {
    storage.writeToSilver(
        MovieRows.range(spark, 1, 5, 2000, 2),
        "moved",
        WriteOptions.upsert("movie_id").partitionedBy("years(release_date)"));
    // Two source rows for one key, and a key the table lacks: neither fails the delete.
    var named =
        MovieRows.of(
                spark,
                movie(2, "B", "2001-01-01", 5, 0, 1),
                movie(2, "B again", "2001-01-01", 5, 0, 1),
                movie(4, "D", "2001-01-01", 5, 0, 1),
                movie(99, "Z", "2001-01-01", 5, 0, 1))
            .select("movie_id");

    WriteResult result =
        storage.writeToSilver(named, "moved", WriteOptions.deleteMatching("movie_id"));
    storage.writeToSilver(named, "moved", WriteOptions.deleteMatching("movie_id"));

    assertThat(result.mode()).isEqualTo(WriteMode.DELETE);
    assertThat(result.snapshotId()).isPresent();
    assertThat(storage.readFromLayer(Layer.SILVER, "moved").collectAsList())
        .extracting(row -> row.getLong(0))
        .containsExactlyInAnyOrder(1L, 3L, 5L);
    assertThat(
            storage
                .writeToSilver(named, "never_created", WriteOptions.deleteMatching("movie_id"))
                .snapshotId())
        .isEmpty();
    assertThat(storage.tableExists(Layer.SILVER, "never_created")).isFalse();
  }

  /** Fails the Spark task that meets {@code movie_id} 150, after other rows were written. */
  private static final UDF1<Long, Long> FAIL_ON_150 =
      id -> {
        if (id == 150) {
          throw new IllegalStateException("corrupt record 150");
        }
        return id;
      };

  @Test
  void aWriteThatFailsMidwayLeavesTheTableAtItsLastGoodSnapshot() {
    storage.writeToSilver(
        MovieRows.range(spark, 1, 10, 2000, 2),
        "guarded",
        WriteOptions.upsert("movie_id").partitionedBy("years(release_date)"));
    long good = storage.loadTable(Layer.SILVER, "guarded").currentSnapshot().snapshotId();
    var failing =
        MovieRows.range(spark, 100, 100, 2000, 2)
            .withColumn(
                "movie_id",
                functions.udf(FAIL_ON_150, DataTypes.LongType).apply(functions.col("movie_id")));

    for (WriteOptions options :
        List.of(WriteOptions.append(), WriteOptions.overwrite(), WriteOptions.upsert("movie_id"))) {
      assertThatThrownBy(() -> storage.writeToSilver(failing, "guarded", options))
          .isInstanceOf(LakehouseException.class)
          .hasMessageContaining("stays at its last committed snapshot")
          .hasMessageContaining("corrupt record 150");
      Table table = storage.loadTable(Layer.SILVER, "guarded");
      assertThat(table.currentSnapshot().snapshotId()).isEqualTo(good);
      assertThat(storage.readFromLayer(Layer.SILVER, "guarded").count()).isEqualTo(10);
    }
    // The retried write, with the bad record fixed, succeeds.
    storage.writeToSilver(
        MovieRows.range(spark, 100, 100, 2000, 2), "guarded", WriteOptions.upsert("movie_id"));
    assertThat(storage.readFromLayer(Layer.SILVER, "guarded").count()).isEqualTo(110);
  }

  @Test
  void maliciousNamesAreRejectedBeforeSql() {
    assertThatThrownBy(() -> storage.readFromLayer(Layer.SILVER, "movies; DROP TABLE x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("invalid table name");
    assertThatThrownBy(
            () ->
                storage.writeToSilver(
                    MovieRows.range(spark, 1, 1, 2000, 1), "t`x", WriteOptions.append()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> WriteOptions.upsert("movie_id) OR (1=1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("invalid column name");
    assertThatThrownBy(() -> storage.readFromLayer(Layer.SILVER, "missing"))
        .isInstanceOf(TableNotFoundException.class)
        .hasMessageContaining("tables list");
  }
}
