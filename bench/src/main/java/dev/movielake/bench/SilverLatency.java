package dev.movielake.bench;

import dev.movielake.lakehouse.IcebergStorageManager;
import dev.movielake.lakehouse.table.ReadOptions;
import dev.movielake.model.Layer;
import dev.movielake.model.PipelineTable;
import dev.movielake.model.RecordType;
import dev.movielake.stream.StreamingPipeline;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.Trigger;

/**
 * End-to-end latency of the running pipeline (bronze and silver at a processing-time trigger, in
 * this JVM): from producing a movie to its row being visible in silver.
 */
final class SilverLatency {
  private static final long POLL_MILLIS = 200;
  private static final long SEED_ID = 1;

  private final IcebergStorageManager storage;
  private final MovieProducer producer;
  private final String bootstrapServers;
  private final String topic;
  private final Path checkpoints;
  private final Duration trigger;

  SilverLatency(
      IcebergStorageManager storage,
      MovieProducer producer,
      String bootstrapServers,
      String topic,
      Path checkpoints,
      Duration trigger) {
    this.storage = storage;
    this.producer = producer;
    this.bootstrapServers = bootstrapServers;
    this.topic = topic;
    this.checkpoints = checkpoints;
    this.trigger = trigger;
  }

  /** Seconds from produce to visible in silver, one per probe movie. */
  List<Double> measure(int probes, PrintWriter progress) {
    StreamingPipeline pipeline =
        new StreamingPipeline(
            storage,
            bootstrapServers,
            Map.of(RecordType.MOVIES, topic),
            checkpoints,
            Clock.systemUTC());
    producer.sendNow(topic, SEED_ID);
    List<Double> latencies = new ArrayList<>();
    try (StreamingPipeline.Running running =
        pipeline.start(
            EnumSet.of(Layer.BRONZE, Layer.SILVER),
            EnumSet.of(RecordType.MOVIES),
            Trigger.ProcessingTime(trigger.toSeconds() + " seconds"),
            Duration.ofMinutes(5))) {
      // The first batches pay for starting up; the seed movie in silver means both layers are warm.
      awaitVisible(running, SEED_ID);
      Random random = new Random(42);
      for (int probe = 1; probe <= probes; probe++) {
        // A random wait puts the probes at different moments of the trigger cycle.
        sleep(random.nextInt((int) trigger.toMillis()));
        long id = SEED_ID + probe;
        long produced = System.nanoTime();
        producer.sendNow(topic, id);
        awaitVisible(running, id);
        double seconds = (System.nanoTime() - produced) / 1e9;
        latencies.add(seconds);
        progress.println(
            String.format(Locale.ROOT, "    movie %d visible in silver after %.1f s", id, seconds));
        progress.flush();
      }
    }
    return latencies;
  }

  private void awaitVisible(StreamingPipeline.Running running, long id) {
    long deadline = System.nanoTime() + trigger.multipliedBy(10).plusMinutes(2).toNanos();
    while (!visible(id)) {
      for (StreamingQuery query : running.queries()) {
        if (!query.isActive()) {
          throw new IllegalStateException(
              "the query "
                  + query.name()
                  + " stopped"
                  + (query.exception().isDefined()
                      ? ": " + query.exception().get().getMessage()
                      : ""));
        }
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("movie " + id + " did not reach silver in time");
      }
      sleep(POLL_MILLIS);
    }
  }

  /** False also before silver's first batch has created the table. */
  private boolean visible(long id) {
    return storage.tableExists(Layer.SILVER, PipelineTable.MOVIES_CLEAN.tableName())
        && !storage
            .readFromLayer(
                Layer.SILVER,
                PipelineTable.MOVIES_CLEAN.tableName(),
                ReadOptions.current().where("movie_id = " + id))
            .isEmpty();
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while measuring the latency", e);
    }
  }
}
