package dev.movielake.stream.metrics;

import static dev.movielake.lakehouse.testing.MovieRows.movie;
import static org.apache.spark.sql.functions.call_udf;
import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.movielake.infra.kafka.EmbeddedKafka;
import dev.movielake.lakehouse.IcebergStorageManager;
import dev.movielake.lakehouse.table.WriteOptions;
import dev.movielake.lakehouse.testing.MovieRows;
import dev.movielake.lakehouse.testing.SharedSpark;
import dev.movielake.model.Layer;
import dev.movielake.model.PipelineTable;
import dev.movielake.stream.testing.RecordFeed;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryException;
import org.apache.spark.sql.streaming.StreamingQueryListener;
import org.apache.spark.sql.streaming.StreamingQueryProgress;
import org.apache.spark.sql.streaming.Trigger;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stream's metrics from real queries on the shared Spark session: a Kafka query held to a few
 * records per batch (so it runs behind), a query whose batch fails, and a write that collides with
 * another writer's commit; scraped as Prometheus would.
 */
class StreamMetricsTest {
  private static final String HOLD = "hold_metrics_merge_until_rival_committed";
  private static final int RECORDS_PER_BATCH = 4;

  @TempDir static Path folder;
  private static EmbeddedKafka broker;
  private static volatile CountDownLatch mergeRunning;
  private static volatile CountDownLatch rivalCommitted;

  private final SparkSession spark = SharedSpark.session();
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

  @BeforeAll
  static void start() throws Exception {
    broker = EmbeddedKafka.start(folder.resolve("kafka"));
    RecordFeed.createTopics(broker.bootstrapServers());
    try (RecordFeed feed = new RecordFeed(broker.bootstrapServers())) {
      feed.send(0);
    }
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

  @AfterAll
  static void stop() {
    if (broker != null) {
      broker.close();
    }
  }

  /** What the registry said after StreamMetrics had taken each progress event. */
  private record Observed(long rows, double lag, long batches, double active) {}

  @Test
  void aKafkaQueryBehindItsTopicShowsItsLagBatchesAndRowsAndLosesItsGaugesWhenItStops()
      throws Exception {
    IcebergStorageManager storage = SharedSpark.storage("stream_metrics_kafka");
    String query = "bronze_metrics_kafka";
    List<Observed> observed = new CopyOnWriteArrayList<>();
    try (StreamMetrics metrics = StreamMetrics.register(storage, registry)) {
      // Added after StreamMetrics: the listener bus calls listeners in order, one event at a time.
      Terminations terminations =
          new Terminations(
              progress ->
                  observed.add(
                      new Observed(
                          progress.numInputRows(),
                          gaugeValue(StreamMetrics.KAFKA_LAG, "query", query, "topic", "movies"),
                          registry
                              .get(StreamMetrics.BATCH_DURATION)
                              .tag("query", query)
                              .timer()
                              .count(),
                          registry.get(StreamMetrics.QUERIES_ACTIVE).gauge().value())));
      spark.streams().addListener(terminations);
      try {
        StreamingQuery kafka =
            spark
                .readStream()
                .format("kafka")
                .option("kafka.bootstrap.servers", broker.bootstrapServers())
                .option("subscribe", "movies")
                .option("startingOffsets", "earliest")
                .option("maxOffsetsPerTrigger", RECORDS_PER_BATCH)
                .load()
                .writeStream()
                .queryName(query)
                .format("noop")
                .option("checkpointLocation", folder.resolve("checkpoint-kafka").toString())
                .trigger(Trigger.AvailableNow())
                .start();
        kafka.awaitTermination();
        terminations.await(kafka.runId());
      } finally {
        spark.streams().removeListener(terminations);
      }
    }

    long total = observed.stream().mapToLong(Observed::rows).sum();
    assertThat(total).isGreaterThan(2L * RECORDS_PER_BATCH);
    assertThat(observed.get(0).lag()).as("behind after the first batch").isPositive();
    long read = 0;
    for (int batch = 0; batch < observed.size(); batch++) {
      read += observed.get(batch).rows();
      assertThat(observed.get(batch).lag()).as("batch %d", batch).isEqualTo(total - read);
      assertThat(observed.get(batch).batches()).isEqualTo(batch + 1);
      assertThat(observed.get(batch).active()).isGreaterThanOrEqualTo(1);
    }
    assertThat(observed.get(observed.size() - 1).lag()).isZero();

    String scraped = registry.scrape();
    assertThat(scraped)
        .contains(
            "lakehouse_stream_batch_duration_seconds_count{query=\""
                + query
                + "\"} "
                + observed.size())
        .contains("lakehouse_stream_batch_duration_seconds_sum{query=\"" + query + "\"}")
        .contains("lakehouse_stream_batch_duration_seconds_max{query=\"" + query + "\"}")
        .contains("lakehouse_stream_rows_total{query=\"" + query + "\"} " + total + ".0")
        .contains("lakehouse_stream_query_failures_total{query=\"" + query + "\"} 0.0")
        .contains("lakehouse_stream_queries_active ")
        // A stopped query has no rate and no lag rather than its last ones.
        .doesNotContain("lakehouse_stream_kafka_lag_records{query=\"" + query)
        .doesNotContain("lakehouse_stream_input_rows_per_second{query=\"" + query)
        .doesNotContain("lakehouse_stream_processed_rows_per_second{query=\"" + query);
  }

  @Test
  void aQueryThatFailsIsCountedAndItsRatesAreRemoved() throws Exception {
    IcebergStorageManager storage = SharedSpark.storage("stream_metrics_failure");
    String query = "silver_metrics_failing";
    try (StreamMetrics metrics = StreamMetrics.register(storage, registry)) {
      Terminations terminations = new Terminations(progress -> {});
      spark.streams().addListener(terminations);
      try {
        StreamingQuery failing =
            spark
                .readStream()
                .format("rate")
                .option("rowsPerSecond", 10)
                .load()
                .writeStream()
                .queryName(query)
                .option("checkpointLocation", folder.resolve("checkpoint-failing").toString())
                .foreachBatch(
                    (VoidFunction2<Dataset<Row>, Long>)
                        (batch, id) -> {
                          throw new IllegalStateException("a batch that fails on purpose");
                        })
                .start();
        assertThatThrownBy(failing::awaitTermination).isInstanceOf(StreamingQueryException.class);
        terminations.await(failing.runId());
      } finally {
        spark.streams().removeListener(terminations);
      }
    }

    assertThat(registry.get(StreamMetrics.QUERY_FAILURES).tag("query", query).counter().count())
        .isEqualTo(1);
    assertThat(registry.find(StreamMetrics.INPUT_ROWS_PER_SECOND).tag("query", query).gauge())
        .isNull();
    assertThat(registry.find(StreamMetrics.PROCESSED_ROWS_PER_SECOND).tag("query", query).gauge())
        .isNull();
    assertThat(registry.scrape())
        .contains("lakehouse_stream_query_failures_total{query=\"" + query + "\"} 1.0");
  }

  @Test
  void aWriteThatCollidesWithAnotherCommitIsACommitFailureOfItsTableEvenAfterACollection()
      throws Exception {
    IcebergStorageManager storage = SharedSpark.storage("stream_metrics_commits");
    String table = PipelineTable.MOVIES_CLEAN.tableName();
    String tag = storage.table(Layer.SILVER, table).toString();
    try (StreamMetrics metrics = StreamMetrics.register(storage, registry)) {
      assertThat(commitFailures("silver", tag)).isZero();
      assertThat(commitFailures("bronze", storage.table(Layer.BRONZE, "dead_letter").toString()))
          .as("every table of the pipeline counts from 0")
          .isZero();

      storage.writeToSilver(
          MovieRows.range(spark, 1, 10, 2000, 1),
          table,
          WriteOptions.append().withTableProperties(Map.of("write.merge.mode", "merge-on-read")));
      upsertBesideRivalAppend(storage, table);
      System.gc();

      assertThat(commitFailures("silver", tag)).isEqualTo(1);
      assertThat(registry.scrape())
          .contains(
              "lakehouse_stream_commit_failures_total{layer=\"silver\",table=\"" + tag + "\"} 1.0");
    }
  }

  private double commitFailures(String layer, String table) {
    FunctionCounter counter =
        registry
            .get(StreamMetrics.COMMIT_FAILURES)
            .tag("layer", layer)
            .tag("table", table)
            .functionCounter();
    return counter.count();
  }

  private double gaugeValue(String name, String... tags) {
    Gauge gauge = registry.find(name).tags(tags).gauge();
    return gauge == null ? Double.NaN : gauge.value();
  }

  /**
   * An upsert held inside its MERGE until a rival append committed: its commit then collides, and
   * the storage manager plans it again (as {@code WriteConflictRetryTest} in lakehouse-core).
   */
  private void upsertBesideRivalAppend(IcebergStorageManager storage, String table)
      throws Exception {
    mergeRunning = new CountDownLatch(1);
    rivalCommitted = new CountDownLatch(1);
    CompletableFuture<Void> rival =
        CompletableFuture.runAsync(
            () -> {
              try {
                mergeRunning.await(60, TimeUnit.SECONDS);
                storage.writeToSilver(
                    MovieRows.range(spark, 100, 5, 2001, 1), table, WriteOptions.append());
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              } finally {
                rivalCommitted.countDown();
              }
            });
    Dataset<Row> changes =
        MovieRows.of(spark, movie(1, "Renamed", "2000-03-01", 9.5, 1, 2))
            .where(call_udf(HOLD, col("movie_id")));
    try {
      storage.writeToSilver(changes, table, WriteOptions.upsert("movie_id"));
    } finally {
      rival.get(60, TimeUnit.SECONDS);
    }
  }

  /** Calls back on each progress and lets a test wait for a run's termination event. */
  private static final class Terminations extends StreamingQueryListener {
    private final Consumer<StreamingQueryProgress> onProgress;
    private final Map<UUID, CountDownLatch> ended = new ConcurrentHashMap<>();

    Terminations(Consumer<StreamingQueryProgress> onProgress) {
      this.onProgress = onProgress;
    }

    void await(UUID runId) throws InterruptedException {
      assertThat(latch(runId).await(60, TimeUnit.SECONDS)).as("termination event").isTrue();
    }

    private CountDownLatch latch(UUID runId) {
      return ended.computeIfAbsent(runId, id -> new CountDownLatch(1));
    }

    @Override
    public void onQueryStarted(QueryStartedEvent event) {}

    @Override
    public void onQueryProgress(QueryProgressEvent event) {
      onProgress.accept(event.progress());
    }

    @Override
    public void onQueryIdle(QueryIdleEvent event) {}

    @Override
    public void onQueryTerminated(QueryTerminatedEvent event) {
      latch(event.runId()).countDown();
    }
  }
}
