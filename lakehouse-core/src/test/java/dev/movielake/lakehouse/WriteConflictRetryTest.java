package dev.movielake.lakehouse;

import static dev.movielake.lakehouse.testing.MovieRows.movie;
import static org.apache.spark.sql.functions.call_udf;
import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.movielake.lakehouse.table.WriteOptions;
import dev.movielake.lakehouse.table.WriteResult;
import dev.movielake.lakehouse.testing.MovieRows;
import dev.movielake.lakehouse.testing.SharedSpark;
import dev.movielake.model.Layer;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An upsert racing another writer's append, made deterministic: the upsert's rows pass through a
 * function that holds the MERGE after it planned its scan of the table, until the rival append
 * committed. Its serializable validation then fails, exactly as when two processes collide.
 */
class WriteConflictRetryTest {
  private static final String HOLD = "hold_until_rival_committed";

  /**
   * Merge-on-read takes the upsert's rows into the MERGE as they are, so the hold runs inside it; a
   * copy-on-write MERGE would compute them first, before it plans its scan.
   */
  private static final Map<String, String> MERGE_ON_READ =
      Map.of("write.merge.mode", "merge-on-read");

  private static volatile CountDownLatch mergeRunning;
  private static volatile CountDownLatch rivalCommitted;

  private final SparkSession spark = SharedSpark.session();

  @BeforeAll
  static void registerHold() {
    SharedSpark.session()
        .udf()
        .register(
            HOLD,
            (UDF1<Long, Boolean>)
                id -> {
                  mergeRunning.countDown();
                  return rivalCommitted.await(60, TimeUnit.SECONDS);
                },
            DataTypes.BooleanType);
  }

  @Test
  void anUpsertThatCollidesWithAnAppendIsPlannedAgainAndLosesNothing() throws Exception {
    IcebergStorageManager storage = SharedSpark.storage("conflict");
    storage.writeToSilver(
        MovieRows.range(spark, 1, 10, 2000, 1),
        "movies",
        WriteOptions.append().withTableProperties(MERGE_ON_READ));

    WriteResult upsert = upsertBesideRivalAppend(storage);

    assertThat(upsert.commitRetries()).isEqualTo(1);
    assertThat(storage.commitRetries().values()).containsExactly(1L);
    Dataset<Row> movies = storage.readFromLayer(Layer.SILVER, "movies");
    assertThat(movies.count()).isEqualTo(10 + 1 + 5); // the rival's 5 and the upsert's new movie
    assertThat(movies.where("movie_id = 1").first().getString(1)).isEqualTo("Renamed");
    assertThat(movies.select("movie_id").distinct().count()).isEqualTo(movies.count());
  }

  @Test
  void withoutRetriesTheCollisionFailsNamingTheSettingAndLeavesTheRivalsSnapshot()
      throws Exception {
    IcebergStorageManager storage =
        SharedSpark.storage("no_retry", Map.of("ICEBERG_WRITE_CONFLICT_RETRIES", "0"));
    storage.writeToSilver(
        MovieRows.range(spark, 1, 10, 2000, 1),
        "movies",
        WriteOptions.append().withTableProperties(MERGE_ON_READ));

    assertThatThrownBy(() -> upsertBesideRivalAppend(storage))
        .isInstanceOf(LakehouseException.class)
        .hasMessageContaining("collided with other writers' commits 1 times")
        .hasMessageContaining("ICEBERG_WRITE_CONFLICT_RETRIES")
        .hasMessageContaining("Found conflicting files");

    Dataset<Row> movies = storage.readFromLayer(Layer.SILVER, "movies");
    assertThat(movies.count()).isEqualTo(15);
    assertThat(movies.where("movie_id = 1").first().getString(1)).isEqualTo("Movie 1");
  }

  /** Upserts a renamed movie and a new one while a rival appends five movies in between. */
  private WriteResult upsertBesideRivalAppend(IcebergStorageManager storage) throws Exception {
    mergeRunning = new CountDownLatch(1);
    rivalCommitted = new CountDownLatch(1);
    CompletableFuture<Void> rival =
        CompletableFuture.runAsync(
            () -> {
              try {
                mergeRunning.await(60, TimeUnit.SECONDS);
                storage.writeToSilver(
                    MovieRows.range(spark, 100, 5, 2001, 1), "movies", WriteOptions.append());
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              } finally {
                rivalCommitted.countDown();
              }
            });
    Dataset<Row> changes =
        MovieRows.of(
                spark,
                movie(1, "Renamed", "2000-03-01", 9.5, 1, 2),
                movie(50, "New", "2000-03-01", 7.0, 1, 2))
            .where(call_udf(HOLD, col("movie_id")));
    try {
      return storage.writeToSilver(changes, "movies", WriteOptions.upsert("movie_id"));
    } finally {
      rival.get(60, TimeUnit.SECONDS);
    }
  }
}
