package dev.movielake.lakehouse;

import static dev.movielake.lakehouse.testing.MovieRows.movie;
import static org.assertj.core.api.Assertions.assertThat;

import dev.movielake.lakehouse.table.TableWriter;
import dev.movielake.lakehouse.table.WriteOptions;
import dev.movielake.lakehouse.table.WriteResult;
import dev.movielake.lakehouse.testing.AnswerLosingCatalog;
import dev.movielake.lakehouse.testing.AnswerLosingCatalog.Outcome;
import dev.movielake.lakehouse.testing.MovieRows;
import dev.movielake.lakehouse.testing.SharedSpark;
import dev.movielake.model.Layer;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A commit whose answer the catalog lost ({@code CommitStateUnknownException}) is looked up in the
 * table's history by its write id, never blindly written again: one that landed is reported as
 * written, one that did not is written once more. The catalog is Iceberg's JDBC catalog with the
 * answer of one commit dropped, loaded by Spark like any catalog, so the write goes through Spark's
 * real append and MERGE paths.
 */
class UnknownCommitStateTest {
  private static final String CATALOG = "answer_losing";

  private static IcebergStorageManager storage;
  private final SparkSession spark = SharedSpark.session();

  @BeforeAll
  static void catalogThatLosesAnswers() {
    storage = SharedSpark.storage("unknown_state", Map.of("ICEBERG_CATALOG_NAME", CATALOG));
    // Spark loads a catalog on first use: the same JDBC catalog, with commits that lose answers.
    SharedSpark.session()
        .conf()
        .set("spark.sql.catalog." + CATALOG + ".catalog-impl", AnswerLosingCatalog.class.getName());
  }

  @Test
  void anAppendThatLandedIsReportedOnceAndNotWrittenAgain() {
    storage.writeToSilver(MovieRows.range(spark, 1, 10, 2000, 1), "landed", WriteOptions.append());

    AnswerLosingCatalog.loseTheNextAnswer(Outcome.LANDED);
    WriteResult result =
        storage.writeToSilver(
            MovieRows.range(spark, 100, 5, 2001, 1), "landed", WriteOptions.append());

    assertThat(AnswerLosingCatalog.armed()).as("the lost answer was injected").isFalse();
    assertThat(storage.readFromLayer(Layer.SILVER, "landed").count()).isEqualTo(15);
    Table table = storage.loadTable(Layer.SILVER, "landed");
    List<Snapshot> written = snapshotsOfWrite(table, result);
    assertThat(written).hasSize(1);
    assertThat(result.snapshotId()).contains(table.currentSnapshot().snapshotId());
    assertThat(result.addedRecords()).isEqualTo(5);
    assertThat(result.commitRetries()).isZero();
  }

  @Test
  void anUpsertThatDidNotLandIsWrittenOnce() {
    storage.writeToSilver(MovieRows.range(spark, 1, 10, 2000, 1), "lost", WriteOptions.append());

    AnswerLosingCatalog.loseTheNextAnswer(Outcome.LOST);
    Dataset<Row> changes =
        MovieRows.of(
            spark,
            movie(1, "Renamed", "2000-03-01", 9.5, 1, 2),
            movie(50, "New", "2000-03-01", 7.0, 1, 2));
    WriteResult result = storage.writeToSilver(changes, "lost", WriteOptions.upsert("movie_id"));

    assertThat(AnswerLosingCatalog.armed()).as("the lost answer was injected").isFalse();
    Dataset<Row> movies = storage.readFromLayer(Layer.SILVER, "lost");
    assertThat(movies.count()).isEqualTo(11);
    assertThat(movies.select("movie_id").distinct().count()).isEqualTo(11);
    assertThat(movies.where("movie_id = 1").first().getString(1)).isEqualTo("Renamed");
    Table table = storage.loadTable(Layer.SILVER, "lost");
    assertThat(snapshotsOfWrite(table, result)).hasSize(1);
    assertThat(result.snapshotId()).contains(table.currentSnapshot().snapshotId());
    // Written again only after the history showed the first attempt missing.
    assertThat(result.commitRetries()).isEqualTo(1);
  }

  private static List<Snapshot> snapshotsOfWrite(Table table, WriteResult result) {
    String writeId =
        table.snapshot(result.snapshotId().orElseThrow()).summary().get(TableWriter.WRITE_ID);
    assertThat(writeId).isNotNull();
    return StreamSupport.stream(table.snapshots().spliterator(), false)
        .filter(snapshot -> writeId.equals(snapshot.summary().get(TableWriter.WRITE_ID)))
        .toList();
  }
}
