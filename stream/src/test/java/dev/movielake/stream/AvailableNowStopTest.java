package dev.movielake.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.movielake.infra.kafka.EmbeddedKafka;
import dev.movielake.lakehouse.IcebergStorageManager;
import dev.movielake.lakehouse.testing.SharedSpark;
import dev.movielake.model.Layer;
import dev.movielake.model.PipelineTable;
import dev.movielake.model.RecordType;
import dev.movielake.stream.testing.RecordFeed;
import java.nio.file.Path;
import java.time.Clock;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.streaming.StreamingQueryListener;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The batch run ({@code stream --available-now}, {@code batch}) asked to stop, as Ctrl-C and
 * SIGTERM do: bronze stops between two micro-batches, silver and gold are left for the next run,
 * and that run takes every Kafka record exactly once.
 */
class AvailableNowStopTest {
  private static final int WAVES = 4;

  /** Gold's refresh is not what is stopped here, and it is the slow part of a run. */
  private static final Set<Layer> BRONZE_AND_SILVER = EnumSet.of(Layer.BRONZE, Layer.SILVER);

  @TempDir static Path folder;
  private static EmbeddedKafka broker;

  @BeforeAll
  static void start() throws Exception {
    broker = EmbeddedKafka.start(folder.resolve("kafka"));
    RecordFeed.createTopics(broker.bootstrapServers());
    try (RecordFeed feed = new RecordFeed(broker.bootstrapServers())) {
      for (int wave = 0; wave < WAVES; wave++) {
        feed.send(wave);
      }
    }
  }

  @AfterAll
  static void stop() {
    if (broker != null) {
      broker.close();
    }
  }

  @Test
  void aStoppedRunEndsBetweenBatchesAndTheNextRunTakesTheRestExactlyOnce() throws Exception {
    IcebergStorageManager storage = SharedSpark.storage("available_now_stop");
    CountDownLatch stop = new CountDownLatch(1);
    // Asked to stop as bronze starts: its first micro-batch is then under way or about to be.
    StreamingQueryListener stopAsBronzeStarts =
        new StreamingQueryListener() {
          @Override
          public void onQueryStarted(QueryStartedEvent event) {
            if (event.name().equals("bronze_movies")) {
              stop.countDown();
            }
          }

          @Override
          public void onQueryProgress(QueryProgressEvent event) {}

          @Override
          public void onQueryIdle(QueryIdleEvent event) {}

          @Override
          public void onQueryTerminated(QueryTerminatedEvent event) {}
        };
    storage.spark().streams().addListener(stopAsBronzeStarts);
    try {
      pipeline(storage)
          .withBatchLimits(Map.of(RecordType.MOVIES, 5L))
          .runAvailableNow(BRONZE_AND_SILVER, EnumSet.of(RecordType.MOVIES), stop);
    } finally {
      storage.spark().streams().removeListener(stopAsBronzeStarts);
    }

    assertThat(stop.getCount()).as("asked to stop").isZero();
    assertThat(storage.spark().streams().active()).isEmpty();
    long afterStop = bronzeMovies(storage).count();
    assertThat(storage.tableExists(Layer.SILVER, PipelineTable.MOVIES_CLEAN.tableName()))
        .as("silver left for the next run")
        .isFalse();

    pipeline(storage).runAvailableNow(BRONZE_AND_SILVER, EnumSet.of(RecordType.MOVIES));

    Dataset<Row> offsets = bronzeMovies(storage).select("kafka_partition", "kafka_offset");
    long records = offsets.count();
    assertThat(afterStop).as("bronze rows when stopped, of %s", records).isLessThan(records);
    assertThat(offsets.distinct().count()).as("distinct Kafka offsets").isEqualTo(records);
    assertThat(records).isGreaterThanOrEqualTo((long) WAVES * RecordFeed.MOVIES_PER_WAVE);
    assertThat(storage.readFromLayer(Layer.SILVER, PipelineTable.MOVIES_CLEAN.tableName()).count())
        .isPositive();
  }

  private static Dataset<Row> bronzeMovies(IcebergStorageManager storage) {
    return storage.readFromLayer(Layer.BRONZE, RecordType.MOVIES.bronzeTable().tableName());
  }

  private static StreamingPipeline pipeline(IcebergStorageManager storage) {
    Map<RecordType, String> topics = new EnumMap<>(RecordType.class);
    for (RecordType type : RecordType.values()) {
      topics.put(type, type.recordType());
    }
    return new StreamingPipeline(
        storage,
        broker.bootstrapServers(),
        topics,
        folder.resolve("checkpoints"),
        Clock.systemUTC());
  }
}
