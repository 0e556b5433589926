package dev.movielake.bench;

import dev.movielake.config.LakehouseConfig;
import dev.movielake.lakehouse.IcebergStorageManager;
import dev.movielake.lakehouse.maintenance.ExpireSnapshots;
import dev.movielake.lakehouse.maintenance.ReaderHold;
import dev.movielake.model.Layer;
import dev.movielake.model.PipelineTable;
import dev.movielake.model.RecordType;
import dev.movielake.stream.StreamingPipeline;
import java.nio.file.Path;
import java.time.Clock;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQueryException;

/**
 * The expiry test of the incremental benchmark: the silver stream stops, bronze gets more movies in
 * several snapshots, bronze is expired with a zero-day policy, and the restarted stream must find
 * every movie, because it registered the bronze snapshot it resumes from. On its own databases,
 * broker and checkpoints, so it shares nothing with the rest of the run.
 */
final class StreamExpiryCheck {
  private static final String TOPIC = "bench_expiry_movies";
  private static final int WAVE = 60;

  private final IcebergStorageManager storage;
  private final Path folder;

  StreamExpiryCheck(SparkSession spark, LakehouseConfig config) {
    Map<Layer, String> databases = new EnumMap<>(Layer.class);
    for (Layer layer : Layer.values()) {
      databases.put(layer, "bench_expiry_" + layer.id());
    }
    this.storage = new IcebergStorageManager(spark, config.withDatabases(databases));
    this.folder = config.home().resolve("bench").resolve("expiry");
  }

  /**
   * @param resumed the restarted stream ran and silver holds every movie of both waves
   * @param expired bronze snapshots the zero-day expiry removed
   * @param held what the registered readers kept, if anything
   * @param problem why it did not resume, if it did not
   */
  record Result(
      boolean resumed,
      long movies,
      int expired,
      Optional<ReaderHold> held,
      Optional<String> problem) {}

  Result run() {
    for (PipelineTable table : PipelineTable.values()) {
      storage.dropTable(table.layer(), table.tableName(), true);
    }
    BenchmarkFolder.delete(folder);
    try (BenchmarkKafka kafka = BenchmarkKafka.start(folder.resolve("kafka"));
        MovieProducer producer = new MovieProducer(kafka.bootstrapServers())) {
      kafka.createMovieTopic(TOPIC);
      return run(kafka, producer);
    } catch (StreamingQueryException e) {
      return new Result(
          false,
          0,
          0,
          Optional.empty(),
          Optional.of("a stream failed before the expiry: " + e.getMessage()));
    }
  }

  private Result run(BenchmarkKafka kafka, MovieProducer producer) throws StreamingQueryException {
    producer.send(TOPIC, 1, WAVE);
    pipeline(kafka)
        .runAvailableNow(EnumSet.of(Layer.BRONZE, Layer.SILVER), EnumSet.of(RecordType.MOVIES));
    producer.send(TOPIC, WAVE + 1, WAVE);
    pipeline(kafka).runAvailableNow(EnumSet.of(Layer.BRONZE), EnumSet.of(RecordType.MOVIES));
    // What 'pipeline maintain expire bronze movies_raw --older-than-days 0' runs.
    ExpireSnapshots.Result expiry =
        new ExpireSnapshots(
                storage.catalog(),
                storage.table(Layer.BRONZE, PipelineTable.MOVIES_RAW.tableName()))
            .olderThanDays(0)
            .execute();
    try {
      pipeline(kafka).runAvailableNow(EnumSet.of(Layer.SILVER), EnumSet.of(RecordType.MOVIES));
    } catch (Exception e) {
      return new Result(
          false, 0, expiry.expiredSnapshots(), expiry.heldBack(), Optional.of(e.getMessage()));
    }
    long movies =
        storage
            .readFromLayer(Layer.SILVER, PipelineTable.MOVIES_CLEAN.tableName())
            .select("movie_id")
            .distinct()
            .count();
    return new Result(
        movies == 2L * WAVE,
        movies,
        expiry.expiredSnapshots(),
        expiry.heldBack(),
        movies == 2L * WAVE
            ? Optional.empty()
            : Optional.of("silver has " + movies + " of " + 2 * WAVE + " movies"));
  }

  /** Ten movies a micro-batch, so bronze has several snapshots older than silver's position. */
  private StreamingPipeline pipeline(BenchmarkKafka kafka) {
    return new StreamingPipeline(
            storage,
            kafka.bootstrapServers(),
            Map.of(RecordType.MOVIES, TOPIC),
            folder.resolve("checkpoints"),
            Clock.systemUTC())
        .withBatchLimits(Map.of(RecordType.MOVIES, 10L));
  }

  static List<String> describe(Result result) {
    return List.of(
        "Expiry test: the silver stream stopped, "
            + WAVE
            + " more movies reached bronze, bronze was expired with a zero-day policy ("
            + result.expired()
            + " snapshots removed"
            + result
                .held()
                .map(
                    held ->
                        ", "
                            + held.keptSnapshots()
                            + " kept for "
                            + String.join(", ", held.readers()))
                .orElse("")
            + "), and the restarted stream "
            + (result.resumed()
                ? "found all " + result.movies() + " movies."
                : "failed: " + result.problem().orElse("unknown")));
  }
}
