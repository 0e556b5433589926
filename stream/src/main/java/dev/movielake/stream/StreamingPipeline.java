package dev.movielake.stream;

import dev.movielake.config.CheckpointLocation;
import dev.movielake.config.IngestConfig;
import dev.movielake.config.QualityConfig;
import dev.movielake.lakehouse.IcebergStorageManager;
import dev.movielake.lakehouse.SchedulerPool;
import dev.movielake.lakehouse.TableName;
import dev.movielake.model.Layer;
import dev.movielake.model.RecordType;
import dev.movielake.stream.audit.AuditGate;
import dev.movielake.stream.audit.HeldBatchAlert;
import dev.movielake.stream.bronze.BronzeStream;
import dev.movielake.stream.bronze.DeadLetterTable;
import dev.movielake.stream.gold.GoldRefresh;
import dev.movielake.stream.gold.WindowedTrends;
import dev.movielake.stream.quality.QualityAlert;
import dev.movielake.stream.silver.Quarantine;
import dev.movielake.stream.silver.SilverStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.SnapshotSummary;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryException;
import org.apache.spark.sql.streaming.Trigger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole streaming path, Kafka -> bronze -> silver -> gold, as Structured Streaming queries with
 * a checkpoint each under one folder, local or s3a://: {@code bronze/<type>}, {@code
 * silver/<type>}, {@code gold/trending}, {@code gold/sentiment}. The gold aggregates that are
 * functions of the whole silver state are refreshed on a timer (and once at the end of a run-once).
 * Each query that reads bronze registers as a reader of it ({@link SourceReader}, {@code
 * stream.<query name>}), so expiring bronze never removes what a stopped query resumes from.
 */
public final class StreamingPipeline {
  private static final Logger LOG = LoggerFactory.getLogger(StreamingPipeline.class);

  /** How often a running pipeline checks its queries and whether it is asked to stop. */
  private static final Duration POLL = Duration.ofMillis(200);

  /** How long a graceful stop waits for the micro-batches and the gold refresh in flight. */
  private static final Duration STOP_GRACE = Duration.ofMinutes(2);

  private final IcebergStorageManager storage;
  private final String bootstrapServers;
  private final Map<RecordType, String> topics;
  private final CheckpointLocation checkpoints;
  private final Clock clock;
  private final Map<RecordType, Long> batchLimits;
  private final QualityConfig quality;

  /**
   * @param topics the Kafka topic of each record type
   */
  public StreamingPipeline(
      IcebergStorageManager storage,
      String bootstrapServers,
      Map<RecordType, String> topics,
      Path checkpoints,
      Clock clock) {
    this(storage, bootstrapServers, topics, CheckpointLocation.local(checkpoints), clock);
  }

  /**
   * @param checkpoints a local folder or an s3a:// location, on the S3 storage of {@code storage}'s
   *     configuration
   */
  public StreamingPipeline(
      IcebergStorageManager storage,
      String bootstrapServers,
      Map<RecordType, String> topics,
      CheckpointLocation checkpoints,
      Clock clock) {
    this(
        storage,
        bootstrapServers,
        topics,
        checkpoints,
        clock,
        Map.of(),
        QualityConfig.from(Map.of()));
  }

  /**
   * The pipeline as the configuration describes it: each record type's topic as this deployment
   * names it, the checkpoints under the configured folder, held batches handled as {@code quality}
   * says.
   */
  public static StreamingPipeline configured(
      IcebergStorageManager storage,
      IngestConfig ingest,
      QualityConfig quality,
      String bootstrapServers) {
    Map<RecordType, String> topics = new EnumMap<>(RecordType.class);
    for (RecordType type : RecordType.values()) {
      topics.put(type, ingest.kafka().topic(type.recordType()));
    }
    return new StreamingPipeline(
            storage, bootstrapServers, topics, ingest.checkpoints(), Clock.systemUTC())
        .withQuality(quality);
  }

  private StreamingPipeline(
      IcebergStorageManager storage,
      String bootstrapServers,
      Map<RecordType, String> topics,
      CheckpointLocation checkpoints,
      Clock clock,
      Map<RecordType, Long> batchLimits,
      QualityConfig quality) {
    this.storage = storage;
    this.bootstrapServers = bootstrapServers;
    this.topics = Map.copyOf(topics);
    this.checkpoints = checkpoints;
    this.clock = clock;
    this.batchLimits = Map.copyOf(batchLimits);
    this.quality = quality;
  }

  /**
   * The same pipeline reading at most this many records of a type per micro-batch (Kafka offsets in
   * bronze, rows in silver; Iceberg never splits a file, so silver may take a little more). Bounds
   * the memory and the duration of a batch after a long stop; also splits a backlog into batches.
   */
  public StreamingPipeline withBatchLimits(Map<RecordType, Long> limits) {
    return new StreamingPipeline(
        storage, bootstrapServers, topics, checkpoints, clock, limits, quality);
  }

  /**
   * The same pipeline under these quality settings: the thresholds each silver batch is judged by
   * as a whole ({@code QualityConfig.expectations()}), what a stream does with a batch its audit
   * held ({@code QUALITY_HELD_BATCH}), and where the alert goes.
   */
  public StreamingPipeline withQuality(QualityConfig settings) {
    return new StreamingPipeline(
        storage, bootstrapServers, topics, checkpoints, clock, batchLimits, settings);
  }

  /** The audit gate every silver batch passes through, as the quality settings say. */
  AuditGate auditGate() {
    return new AuditGate(
        storage,
        quality.heldBatchPolicy(),
        quality.heldBatchPoll(),
        new HeldBatchAlert(new QualityAlert(quality)),
        clock);
  }

  /** Queries started together; {@link #close} stops them and the gold timer. */
  public final class Running implements AutoCloseable {
    private final List<StreamingQuery> queries;
    private final List<SourceReader> readers;
    private final ScheduledExecutorService goldTimer;

    private Running(
        List<StreamingQuery> queries,
        List<SourceReader> readers,
        ScheduledExecutorService goldTimer) {
      this.queries = List.copyOf(queries);
      this.readers = List.copyOf(readers);
      this.goldTimer = goldTimer;
    }

    public List<StreamingQuery> queries() {
      return queries;
    }

    /** Blocks until every query ends; the first failure stops the others and is thrown. */
    public void awaitTermination() throws StreamingQueryException {
      awaitTermination(new CountDownLatch(1));
    }

    /**
     * Blocks until every query ends, or until {@code stop} is released: then the queries are
     * stopped gracefully ({@link #stopGracefully}) and this returns. The first failure stops the
     * others and is thrown.
     */
    public void awaitTermination(CountDownLatch stop) throws StreamingQueryException {
      try {
        while (!stop.await(POLL.toMillis(), TimeUnit.MILLISECONDS)) {
          boolean active = false;
          for (StreamingQuery query : queries) {
            if (query.isActive()) {
              active = true;
            } else if (query.exception().isDefined()) {
              close();
              throw query.exception().get();
            }
          }
          if (!active) {
            readers.forEach(SourceReader::catchUp);
            return;
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      stopGracefully(STOP_GRACE);
    }

    /**
     * Stops without aborting a write: a gold refresh in flight finishes, and each query is stopped
     * between two micro-batches, so the batch in flight commits first. A query still busy after
     * {@code grace} is stopped in its batch, which its checkpoint replays exactly once at the next
     * start (bronze and silver writes are idempotent by batch).
     */
    public void stopGracefully(Duration grace) {
      long deadline = System.nanoTime() + grace.toNanos();
      if (goldTimer != null) {
        goldTimer.shutdown();
        try {
          if (!goldTimer.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
            LOG.warn("the gold refresh did not finish within {}; it is interrupted", grace);
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      for (StreamingQuery query : queries) {
        try {
          while (query.isActive()
              && query.status().isTriggerActive()
              && System.nanoTime() < deadline) {
            Thread.sleep(POLL.toMillis());
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        stop(query);
      }
      close();
    }

    @Override
    public void close() {
      if (goldTimer != null) {
        goldTimer.shutdownNow();
      }
      for (StreamingQuery query : queries) {
        stop(query);
      }
      // The last batch's progress event may still be queued: register it before returning.
      readers.forEach(SourceReader::catchUp);
    }

    private static void stop(StreamingQuery query) {
      try {
        query.stop();
      } catch (TimeoutException e) {
        LOG.warn("query {} did not stop in time", query.name());
      }
    }
  }

  /**
   * Starts every query of the chosen layers at once, each reading the layer before it as that
   * commits; gold aggregates refresh every {@code goldRefresh} while gold is chosen.
   */
  public Running start(
      Set<Layer> layers, Set<RecordType> types, Trigger trigger, Duration goldRefresh) {
    CheckpointFolder root = checkpointRoot();
    createRejectTables();
    List<StreamingQuery> queries = new ArrayList<>();
    List<SourceReader> readers = new ArrayList<>();
    try {
      // The queries' threads inherit the pool from this one (see SchedulerPool).
      SchedulerPool.STREAMING.run(
          storage.spark(),
          () -> {
            for (Layer layer : List.of(Layer.BRONZE, Layer.SILVER, Layer.GOLD)) {
              if (layers.contains(layer)) {
                queries.addAll(startLayer(root, layer, types, trigger, readers));
              }
            }
            return null;
          });
    } catch (RuntimeException e) {
      new Running(queries, readers, null).close();
      throw e;
    }
    ScheduledExecutorService timer = null;
    if (layers.contains(Layer.GOLD)) {
      timer =
          Executors.newSingleThreadScheduledExecutor(
              runnable -> {
                Thread thread = new Thread(runnable, "gold-refresh");
                thread.setDaemon(true);
                return thread;
              });
      timer.scheduleWithFixedDelay(
          () -> {
            SchedulerPool.STREAMING.enter(storage.spark());
            refreshGoldQuietly();
          },
          goldRefresh.toMillis(),
          goldRefresh.toMillis(),
          TimeUnit.MILLISECONDS);
    }
    return new Running(queries, readers, timer);
  }

  /**
   * Processes what is available now, layer after layer (each layer sees everything the one before
   * it committed), then refreshes the gold aggregates: the batch run.
   */
  public GoldRefresh.Result runAvailableNow(Set<Layer> layers, Set<RecordType> types)
      throws StreamingQueryException {
    return runAvailableNow(layers, types, new CountDownLatch(1));
  }

  /**
   * The batch run, which {@code stop} ends early without aborting a write: the layer under way
   * stops between two micro-batches ({@link Running#stopGracefully}), and the later layers and the
   * gold refresh are left to the next run, which resumes from the checkpoints exactly once.
   */
  public GoldRefresh.Result runAvailableNow(
      Set<Layer> layers, Set<RecordType> types, CountDownLatch stop)
      throws StreamingQueryException {
    CheckpointFolder root = checkpointRoot();
    createRejectTables();
    for (Layer layer : List.of(Layer.BRONZE, Layer.SILVER, Layer.GOLD)) {
      if (stop.getCount() == 0) {
        return new GoldRefresh.Result(List.of());
      }
      if (layers.contains(layer)) {
        Set<RecordType> chosen = layer == Layer.BRONZE ? types : withBronzeData(types);
        List<SourceReader> readers = new ArrayList<>();
        List<StreamingQuery> queries =
            startLayer(root, layer, chosen, Trigger.AvailableNow(), readers);
        new Running(queries, readers, null).awaitTermination(stop);
      }
    }
    return layers.contains(Layer.GOLD) && stop.getCount() > 0
        ? refreshGold()
        : new GoldRefresh.Result(List.of());
  }

  /**
   * The types whose bronze table holds data files. Silver and gold read bronze through Iceberg's
   * streaming source, whose run-once mode fails (a null offset in {@code
   * prepareForTriggerAvailableNow}) when the table has nothing to read since the stream's first
   * offset: no snapshot with a file, as after a first run on empty topics, whose bronze batches
   * commit empty appends. Such a table has nothing available now anyway.
   */
  private Set<RecordType> withBronzeData(Set<RecordType> types) {
    Set<RecordType> withData = EnumSet.noneOf(RecordType.class);
    for (RecordType type : types) {
      String table = type.bronzeTable().tableName();
      Snapshot current =
          storage.tableExists(Layer.BRONZE, table)
              ? storage.loadTable(Layer.BRONZE, table).currentSnapshot()
              : null;
      if (current != null
          && Long.parseLong(
                  current.summary().getOrDefault(SnapshotSummary.TOTAL_DATA_FILES_PROP, "0"))
              > 0) {
        withData.add(type);
      }
    }
    return withData;
  }

  /**
   * Creates {@code bronze.dead_letter} and {@code silver.quarantine} empty unless they exist: a
   * clean pipeline may write no row there for a long time, and the quality monitor, {@code query},
   * the doctor and the API's lakehouse view must find them from the first run. Whatever the chosen
   * layers, as the readers of these tables do not choose layers.
   */
  private void createRejectTables() {
    storage.createDatabases();
    DeadLetterTable.ensure(storage);
    new Quarantine(storage).ensureTable();
  }

  public GoldRefresh.Result refreshGold() {
    return new GoldRefresh(storage, clock, auditGate()).refresh();
  }

  private void refreshGoldQuietly() {
    try {
      GoldRefresh.Result result = refreshGold();
      if (result.writtenTables() > 0) {
        LOG.info("gold refreshed: {} tables rewritten", result.writtenTables());
      }
    } catch (RuntimeException e) {
      // The next tick retries; gold stays at its last good snapshot meanwhile.
      LOG.warn("gold refresh failed, retrying at the next interval: {}", e.getMessage());
    }
  }

  /**
   * The checkpoints' folder, probed before any query starts: a location the pipeline cannot use
   * fails here, naming {@code STREAM_CHECKPOINT_DIR}, instead of inside a query's first batch.
   */
  private CheckpointFolder checkpointRoot() {
    CheckpointFolder root =
        CheckpointFolder.of(checkpoints, storage.spark().sparkContext().hadoopConfiguration());
    root.probe(storage.config());
    return root;
  }

  /**
   * @param readers receives a {@link SourceReader} for each query that reads an Iceberg table,
   *     which registers the query's checkpoint position as a reader of that table
   */
  private List<StreamingQuery> startLayer(
      CheckpointFolder root,
      Layer layer,
      Set<RecordType> types,
      Trigger trigger,
      List<SourceReader> readers) {
    storage.createDatabases(); // before the queries, which would otherwise race to create them
    List<StreamingQuery> queries = new ArrayList<>();
    switch (layer) {
      case BRONZE:
        BronzeStream bronze = new BronzeStream(storage, bootstrapServers);
        for (RecordType type : RecordType.values()) {
          if (types.contains(type)) {
            queries.add(
                bronze.start(
                    type,
                    topic(type),
                    root.resolve("bronze/" + type.recordType()),
                    trigger,
                    Optional.ofNullable(batchLimits.get(type))));
          }
        }
        break;
      case SILVER:
        SilverStream silver = new SilverStream(storage, clock, auditGate(), quality.expectations());
        for (RecordType type : RecordType.withSilverTable()) {
          if (types.contains(type)) {
            CheckpointFolder checkpoint = root.resolve("silver/" + type.recordType());
            InitialOffsetRepair.repair(checkpoint, storage, bronzeTable(type));
            StreamingQuery query =
                silver.start(type, checkpoint, trigger, Optional.ofNullable(batchLimits.get(type)));
            queries.add(query);
            readers.add(SourceReader.follow(storage, query, bronzeTable(type)));
          }
        }
        break;
      case GOLD:
        WindowedTrends trends = new WindowedTrends(storage);
        if (types.contains(RecordType.MOVIES)) {
          CheckpointFolder checkpoint = root.resolve("gold/trending");
          InitialOffsetRepair.repair(checkpoint, storage, bronzeTable(RecordType.MOVIES));
          StreamingQuery query = trends.startTrending(checkpoint, trigger);
          queries.add(query);
          readers.add(SourceReader.follow(storage, query, bronzeTable(RecordType.MOVIES)));
        }
        if (types.contains(RecordType.REVIEWS)) {
          CheckpointFolder checkpoint = root.resolve("gold/sentiment");
          InitialOffsetRepair.repair(checkpoint, storage, bronzeTable(RecordType.REVIEWS));
          StreamingQuery query = trends.startSentiment(checkpoint, trigger);
          queries.add(query);
          readers.add(SourceReader.follow(storage, query, bronzeTable(RecordType.REVIEWS)));
        }
        break;
      default:
        throw new IllegalArgumentException("unknown layer " + layer);
    }
    return queries;
  }

  private TableName bronzeTable(RecordType type) {
    return storage.table(Layer.BRONZE, type.bronzeTable().tableName());
  }

  private String topic(RecordType type) {
    String topic = topics.get(type);
    if (topic == null) {
      throw new IllegalArgumentException("no Kafka topic configured for " + type + " records");
    }
    return topic;
  }
}
