package dev.movielake.stream.metrics;

import dev.movielake.lakehouse.IcebergStorageManager;
import dev.movielake.lakehouse.TableName;
import dev.movielake.model.PipelineTable;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.sql.streaming.SourceProgress;
import org.apache.spark.sql.streaming.StreamingQueryListener;
import org.apache.spark.sql.streaming.StreamingQueryProgress;

/**
 * The streaming queries of one Spark session on Prometheus, from their progress events, each meter
 * tagged with the query's name ({@code bronze_movies}, {@code silver_reviews}, {@code
 * gold_trending}, ...):
 *
 * <ul>
 *   <li>{@code lakehouse_stream_batch_duration_seconds}: each micro-batch, start to commit ({@code
 *       triggerExecution}); rate of {@code _sum} over {@code _count} is the mean, {@code _max} the
 *       slowest of the last minutes;
 *   <li>{@code lakehouse_stream_input_rows_per_second}, {@code
 *       lakehouse_stream_processed_rows_per_second}: as the last batch measured them, 0 while the
 *       query is idle (nothing new in its source);
 *   <li>{@code lakehouse_stream_rows_total}: rows read;
 *   <li>{@code lakehouse_stream_kafka_lag_records} (with {@code topic}): see {@link KafkaLag};
 *   <li>{@code lakehouse_stream_query_failures_total}: runs that ended with an exception;
 *   <li>{@code lakehouse_stream_queries_active}: the session's running queries;
 *   <li>{@code lakehouse_stream_commit_failures_total} (with {@code layer} and {@code table}, as
 *       the API's {@code lakehouse_table_*} gauges name tables): writes through the storage manager
 *       that collided with another writer's commit and were planned again ({@link
 *       IcebergStorageManager#commitRetries()}). Maintenance must leave this at 0: a conflict is
 *       for maintenance to retry, never the stream.
 * </ul>
 *
 * <p>The gauges of a query are removed when it terminates, so a stopped query shows no rate or lag
 * instead of its last one; counters and the timer stay, as Prometheus expects of them.
 *
 * <p>Micrometer holds what its function meters read only weakly. The listener registration keeps
 * this object reachable while it listens; after {@link #close} the caller keeps it (or the commit
 * counters read nothing).
 */
public final class StreamMetrics extends StreamingQueryListener implements AutoCloseable {
  public static final String BATCH_DURATION = "lakehouse.stream.batch.duration";
  public static final String INPUT_ROWS_PER_SECOND = "lakehouse.stream.input.rows.per.second";
  public static final String PROCESSED_ROWS_PER_SECOND =
      "lakehouse.stream.processed.rows.per.second";
  public static final String ROWS = "lakehouse.stream.rows";
  public static final String KAFKA_LAG = "lakehouse.stream.kafka.lag.records";
  public static final String QUERY_FAILURES = "lakehouse.stream.query.failures";
  public static final String QUERIES_ACTIVE = "lakehouse.stream.queries.active";
  public static final String COMMIT_FAILURES = "lakehouse.stream.commit.failures";

  private final IcebergStorageManager storage;
  private final MeterRegistry registry;

  /** The name of each run this listener has seen start or progress: termination has no name. */
  private final Map<UUID, String> runs = new ConcurrentHashMap<>();

  private final Map<String, QueryGauges> gauges = new HashMap<>();
  private final Set<TableName> countedTables = ConcurrentHashMap.newKeySet();

  private StreamMetrics(IcebergStorageManager storage, MeterRegistry registry) {
    this.storage = storage;
    this.registry = registry;
  }

  /**
   * Registers the meters and starts listening to the queries of {@code storage}'s Spark session;
   * register before starting the queries, so each is seen from its start.
   */
  public static StreamMetrics register(IcebergStorageManager storage, MeterRegistry registry) {
    StreamMetrics metrics = new StreamMetrics(storage, registry);
    Gauge.builder(QUERIES_ACTIVE, metrics, StreamMetrics::activeQueries)
        .description("Streaming queries running in this process")
        .register(registry);
    // Every table the pipeline writes counts from 0, so Prometheus sees a first collision as one.
    for (PipelineTable table : PipelineTable.values()) {
      metrics.countCommitFailures(storage.table(table.layer(), table.tableName()));
    }
    storage.spark().streams().addListener(metrics);
    return metrics;
  }

  @Override
  public void onQueryStarted(QueryStartedEvent event) {
    String query = name(event.name(), event.id());
    runs.put(event.runId(), query);
    // Present from the start, so the first batch and the first failure are increases.
    batchDuration(query);
    rows(query);
    failures(query);
    queryGauges(query);
  }

  @Override
  public void onQueryProgress(QueryProgressEvent event) {
    StreamingQueryProgress progress = event.progress();
    String query = name(progress.name(), progress.id());
    runs.put(progress.runId(), query);
    Long duration = progress.durationMs().get("triggerExecution");
    if (duration != null) {
      batchDuration(query).record(duration, TimeUnit.MILLISECONDS);
    }
    rows(query).increment(progress.numInputRows());
    Map<String, Long> lag = new HashMap<>();
    for (SourceProgress source : progress.sources()) {
      KafkaLag.of(source).forEach((topic, behind) -> lag.merge(topic, behind, Long::sum));
    }
    queryGauges(query)
        .update(
            finite(progress.inputRowsPerSecond()), finite(progress.processedRowsPerSecond()), lag);
    storage.commitRetries().keySet().forEach(this::countCommitFailures);
  }

  @Override
  public void onQueryIdle(QueryIdleEvent event) {
    String query = runs.get(event.runId());
    if (query != null) {
      // Idle: the source had nothing new, so nothing arrives and nothing is behind.
      queryGauges(query).idle();
    }
  }

  @Override
  public void onQueryTerminated(QueryTerminatedEvent event) {
    String query = runs.remove(event.runId());
    if (query == null) {
      query = event.id().toString();
    }
    if (event.exception().isDefined()) {
      failures(query).increment();
    }
    removeGauges(query);
  }

  /** Stops listening; the meters stay in the registry, which the caller closes. */
  @Override
  public void close() {
    storage.spark().streams().removeListener(this);
  }

  private double activeQueries() {
    return storage.spark().streams().active().length;
  }

  private void countCommitFailures(TableName table) {
    if (countedTables.add(table)) {
      FunctionCounter.builder(
              COMMIT_FAILURES,
              this,
              metrics -> metrics.storage.commitRetries().getOrDefault(table, 0L))
          .description(
              "Writes to a table that collided with another writer's commit and were planned again")
          .tag("layer", table.layer().id())
          .tag("table", table.toString())
          .register(registry);
    }
  }

  private Timer batchDuration(String query) {
    return Timer.builder(BATCH_DURATION)
        .description("Micro-batch duration, from its start to its commit")
        .tag("query", query)
        .register(registry);
  }

  private Counter rows(String query) {
    return Counter.builder(ROWS)
        .description("Rows the query read from its source")
        .tag("query", query)
        .register(registry);
  }

  private Counter failures(String query) {
    return Counter.builder(QUERY_FAILURES)
        .description("Runs of the query that ended with an exception")
        .tag("query", query)
        .register(registry);
  }

  private synchronized QueryGauges queryGauges(String query) {
    return gauges.computeIfAbsent(query, QueryGauges::new);
  }

  private synchronized void removeGauges(String query) {
    QueryGauges removed = gauges.remove(query);
    if (removed != null) {
      removed.remove();
    }
  }

  private static String name(String name, UUID id) {
    return name == null ? id.toString() : name;
  }

  /** Spark reports NaN or infinity for a batch too short to measure. */
  private static double finite(double value) {
    return Double.isFinite(value) ? value : 0;
  }

  /** The gauges of one running query, removed together when it terminates. */
  private final class QueryGauges {
    private final String query;
    private final List<Meter> meters = new ArrayList<>();
    private final Map<String, AtomicLong> lag = new HashMap<>();
    private volatile double inputRowsPerSecond;
    private volatile double processedRowsPerSecond;

    QueryGauges(String query) {
      this.query = query;
      meters.add(
          Gauge.builder(INPUT_ROWS_PER_SECOND, this, gauges -> gauges.inputRowsPerSecond)
              .description("Rows per second arriving at the query, in its last micro-batch")
              .tag("query", query)
              .register(registry));
      meters.add(
          Gauge.builder(PROCESSED_ROWS_PER_SECOND, this, gauges -> gauges.processedRowsPerSecond)
              .description("Rows per second the query processed, in its last micro-batch")
              .tag("query", query)
              .register(registry));
    }

    synchronized void update(double input, double processed, Map<String, Long> behind) {
      inputRowsPerSecond = input;
      processedRowsPerSecond = processed;
      behind.forEach((topic, records) -> topic(topic).set(records));
    }

    synchronized void idle() {
      inputRowsPerSecond = 0;
      processedRowsPerSecond = 0;
      lag.values().forEach(records -> records.set(0));
    }

    synchronized void remove() {
      meters.forEach(registry::remove);
      meters.clear();
      lag.clear();
    }

    private AtomicLong topic(String topic) {
      return lag.computeIfAbsent(
          topic,
          name -> {
            AtomicLong records = new AtomicLong();
            meters.add(
                Gauge.builder(KAFKA_LAG, records, AtomicLong::get)
                    .description(
                        "Kafka records the query had not read when it planned its last batch")
                    .tag("query", query)
                    .tag("topic", name)
                    .strongReference(true)
                    .register(registry));
            return records;
          });
    }
  }
}
