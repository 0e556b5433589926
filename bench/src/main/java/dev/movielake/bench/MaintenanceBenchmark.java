package dev.movielake.bench;

import dev.movielake.config.IngestConfig;
import dev.movielake.config.LakehouseConfig;
import dev.movielake.config.QualityConfig;
import dev.movielake.ingest.kafka.RecordPublisher;
import dev.movielake.ingest.run.BatchCheckpoint;
import dev.movielake.ingest.run.BatchIngestion;
import dev.movielake.ingest.run.IngestionProgress;
import dev.movielake.ingest.tmdb.TmdbCounters;
import dev.movielake.lakehouse.IcebergStorageManager;
import dev.movielake.lakehouse.TableName;
import dev.movielake.lakehouse.maintenance.MaintenancePlanner;
import dev.movielake.lakehouse.maintenance.service.MaintenanceEntry;
import dev.movielake.lakehouse.maintenance.service.MaintenanceService;
import dev.movielake.lakehouse.maintenance.service.Outcome;
import dev.movielake.lakehouse.maintenance.service.TableCondition;
import dev.movielake.lakehouse.maintenance.service.TriggerPolicy;
import dev.movielake.lakehouse.table.TableFiles;
import dev.movielake.model.Layer;
import dev.movielake.model.PipelineTable;
import dev.movielake.model.RecordType;
import dev.movielake.ops.wiring.IngestionServices;
import dev.movielake.simulator.SimulatorOptions;
import dev.movielake.stream.StreamingPipeline;
import dev.movielake.stream.maintenance.PipelineMaintenance;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.apache.iceberg.AppendFiles;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.DataFiles;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.types.Types;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.Trigger;

/**
 * Whether the maintenance service keeps a long stream's tables healthy without costing the stream a
 * commit, in one run.
 *
 * <p>Soak: the built-in simulator's catalog is ingested whole, then a few of its pages again every
 * 10 seconds (the same movies changing), while every layer streams at a 10-second trigger with gold
 * refreshed every minute and the maintenance service running beside the queries, with the product's
 * default triggers, for the soak's minutes. Measured: streaming commits refused by another commit
 * (each one a write planned again), the most small files any partition of any table holds at the
 * end, and one fixed silver query at the end against the same query at the start, both while the
 * stream runs.
 *
 * <p>Planning: a table of 10,000 data files (200 commits of 50 files over 50 partitions, metadata
 * only) is read the way the service reads every table, against Spark's {@code files} metadata table
 * grouped by partition.
 */
public final class MaintenanceBenchmark implements Benchmark {
  private static final String TRIGGER = "10 seconds";
  private static final Duration GOLD_REFRESH = Duration.ofMinutes(1);
  private static final int CHANGED_PAGES = 3;
  private static final int QUERY_ROUNDS = 5;
  private static final int PLAN_COMMITS = 200;
  private static final int PLAN_FILES_PER_COMMIT = 50;
  private static final int PLAN_PARTITIONS = 50;

  private final SparkSession spark;
  private final LakehouseConfig config;
  private final Duration soak;

  public MaintenanceBenchmark(SparkSession spark, LakehouseConfig config, Duration soak) {
    this.spark = spark;
    this.config = config;
    this.soak = soak;
  }

  @Override
  public String name() {
    return "maintenance";
  }

  /** What the soak measured. */
  record Soak(
      long commitFailures,
      long maxSmallFiles,
      String crowdedTable,
      double queryStart,
      double queryEnd,
      List<MaintenanceEntry> actions,
      Map<String, long[]> tablesAtEnd,
      long batches) {}

  /**
   * @param rows movies in the simulator's catalog
   */
  @Override
  public BenchmarkReport run(long rows, PrintWriter progress) {
    double[] plan = plan(progress);
    Soak soaked = soak((int) rows, progress);
    double ratio = soaked.queryEnd() / soaked.queryStart();
    Map<String, Long> byOutcome =
        soaked.actions().stream()
            .collect(
                Collectors.groupingBy(
                    entry ->
                        entry.action().name().toLowerCase(Locale.ROOT) + " " + entry.outcome().id(),
                    TreeMap::new,
                    Collectors.counting()));
    long maintenanceConflicts =
        soaked.actions().stream().filter(entry -> entry.outcome() == Outcome.CONFLICT).count();
    List<BenchmarkResult> results =
        List.of(
            BenchmarkResult.atMost("stream_commit_failures", soaked.commitFailures(), "commits", 0),
            BenchmarkResult.atMost(
                "max_small_files_per_partition", soaked.maxSmallFiles(), "files", 12),
            BenchmarkResult.atMost("query_time_ratio_end_vs_start", ratio, "ratio", 1.2),
            BenchmarkResult.atMost("plan_seconds_10k_files", plan[0], "seconds", 1),
            BenchmarkResult.recorded("maintenance_actions", soaked.actions().size(), "actions"),
            BenchmarkResult.recorded(
                "maintenance_conflicts_retried", maintenanceConflicts, "actions"),
            BenchmarkResult.recorded("soak_minutes", soak.toMinutes(), "minutes"));

    List<List<String>> table = new ArrayList<>();
    table.add(List.of("measured", "value", "side by side"));
    table.add(
        List.of(
            "planning a table of 10,000 data files",
            seconds(plan[0]) + " (the service's read: manifests, snapshots, triggers)",
            "Spark's files metadata table grouped by partition: " + seconds(plan[1])));
    table.add(
        List.of(
            "fixed silver query",
            "end " + seconds(soaked.queryEnd()),
            "start "
                + seconds(soaked.queryStart())
                + String.format(Locale.ROOT, "; ratio %.2f", ratio)));
    table.add(
        List.of(
            "streaming commits refused",
            Long.toString(soaked.commitFailures()),
            soaked.batches() + " micro-batches in " + soak.toMinutes() + " min"));
    table.add(
        List.of(
            "most small files in one partition at the end",
            Long.toString(soaked.maxSmallFiles()),
            soaked.crowdedTable()));
    byOutcome.forEach(
        (action, count) -> table.add(List.of("maintenance: " + action, Long.toString(count), "")));
    soaked
        .tablesAtEnd()
        .forEach(
            (name, counts) ->
                table.add(
                    List.of(
                        "at the end: " + name,
                        counts[0] + " data files, " + counts[1] + " most small in a partition",
                        counts[2] + " snapshots")));
    List<String> notes =
        List.of(
            "Soak: the built-in simulator ("
                + rows
                + " movies) is ingested whole, then its first "
                + CHANGED_PAGES
                + " pages again every 10 s (the same movies, changed), while bronze, silver and"
                + " gold stream at a "
                + TRIGGER
                + " trigger (gold refreshed every minute) and the maintenance service runs beside"
                + " them in the same process with the default triggers, for "
                + soak.toMinutes()
                + " min.",
            "stream_commit_failures: writes of the stream that another commit refused and that"
                + " were planned again (TableWriter's retries), over every table. Maintenance's own"
                + " conflicts are retried by the service and counted apart.",
            "max_small_files_per_partition: files under the small-file threshold in the most"
                + " crowded partition of any table, read from manifests at the end while the"
                + " stream still runs.",
            "query_time_ratio_end_vs_start: the median of "
                + QUERY_ROUNDS
                + " runs of the same silver query (movies per release year with their average"
                + " rating) at the end over the same at the start, both while the stream runs.",
            "plan_seconds_10k_files: median of 5 reads (after one warm-up) of a table of 10,000"
                + " data files, metadata only: the condition the service reads for every table"
                + " (live files per partition from manifests, the snapshot log, expirable"
                + " snapshots) and its triggers' decision, plus the maintenance plan.");
    return new BenchmarkReport(name(), rows, results, table, notes);
  }

  // ---- planning ----

  /** The service's read of a 10,000-file table, and Spark's metadata table alongside (seconds). */
  private double[] plan(PrintWriter progress) {
    Measure.step(progress, "planning: a table of 10,000 data files (metadata only)");
    IcebergStorageManager storage = BenchmarkStorage.empty(spark, config, "bench_plan");
    TableName name = storage.table(Layer.BRONZE, "files_10k");
    Schema schema =
        new Schema(
            Types.NestedField.required(1, "event_id", Types.LongType.get()),
            Types.NestedField.required(2, "day", Types.IntegerType.get()));
    PartitionSpec spec = PartitionSpec.builderFor(schema).identity("day").build();
    Table table = storage.catalog().iceberg().createTable(name.identifier(), schema, spec);
    for (int commit = 0; commit < PLAN_COMMITS; commit++) {
      AppendFiles append = table.newAppend();
      for (int file = 0; file < PLAN_FILES_PER_COMMIT; file++) {
        int partition = (commit * PLAN_FILES_PER_COMMIT + file) % PLAN_PARTITIONS;
        DataFile data =
            DataFiles.builder(spec)
                .withPath(
                    table.location()
                        + "/data/day="
                        + partition
                        + "/f-"
                        + commit
                        + "-"
                        + file
                        + ".parquet")
                .withFormat(FileFormat.PARQUET)
                .withPartitionPath("day=" + partition)
                .withFileSizeInBytes(200_000 + (file * 7919L) % 100_000)
                .withRecordCount(1000)
                .build();
        append.appendFile(data);
      }
      append.commit();
    }
    TriggerPolicy policy = new TriggerPolicy(config.maintenance().triggers(Layer.BRONZE));
    MaintenancePlanner planner = new MaintenancePlanner(storage.catalog(), Clock.systemUTC());
    double[] service = new double[6];
    double[] metadataTable = new double[6];
    long threshold = TableFiles.smallFileThresholdBytes(config, table);
    for (int round = 0; round < service.length; round++) {
      service[round] =
          Measure.seconds(
              () -> {
                Table loaded = storage.catalog().loadTable(name);
                TableCondition condition =
                    TableCondition.read(
                        storage.catalog(), name, loaded, Clock.systemUTC().instant());
                policy.decide(condition, Clock.systemUTC().instant());
                planner.plan(name);
              });
      metadataTable[round] =
          Measure.seconds(
              () ->
                  spark
                      .sql(
                          "SELECT partition, count(*), sum(CASE WHEN file_size_in_bytes < "
                              + threshold
                              + " THEN 1 ELSE 0 END) FROM "
                              + name.sql()
                              + ".`files` GROUP BY partition")
                      .collectAsList());
    }
    long files = TableFiles.of(storage.catalog().loadTable(name), threshold).fileCount();
    progress.println(
        "    "
            + files
            + " files: the service reads them in "
            + seconds(Measure.median(Arrays.copyOfRange(service, 1, service.length))));
    return new double[] {
      Measure.median(Arrays.copyOfRange(service, 1, service.length)),
      Measure.median(Arrays.copyOfRange(metadataTable, 1, metadataTable.length))
    };
  }

  // ---- soak ----

  private Soak soak(int movies, PrintWriter progress) {
    Path home = config.home().resolve("bench").resolve("maintenance");
    BenchmarkFolder.delete(home);
    IngestConfig ingest =
        IngestConfig.from(
            Map.of(
                "LAKEHOUSE_HOME", home.toString(),
                "TMDB_REQUESTS_PER_SECOND", "400",
                "TMDB_CONCURRENCY", "8"));
    IcebergStorageManager storage = BenchmarkStorage.empty(spark, config, "bench_maintenance");
    Measure.step(
        progress, "soak: starting an embedded broker and the simulator (" + movies + " movies)");
    try (IngestionServices services =
            IngestionServices.start(
                ingest,
                SimulatorOptions.defaults().withMovies(movies).withSeed(11).withRateLimit(400));
        RecordPublisher publisher = services.publisher()) {
      Feeder feeder = new Feeder(services, publisher, ingest);
      Measure.step(progress, "soak: ingesting the whole catalog");
      feeder.cycle((movies + 19) / 20);
      StreamingPipeline pipeline =
          StreamingPipeline.configured(
              storage, ingest, QualityConfig.from(Map.of()), services.bootstrapServers());
      List<MaintenanceEntry> actions = Collections.synchronizedList(new ArrayList<>());
      try (StreamingPipeline.Running running =
              pipeline.start(
                  EnumSet.allOf(Layer.class),
                  EnumSet.allOf(RecordType.class),
                  Trigger.ProcessingTime(TRIGGER),
                  GOLD_REFRESH);
          MaintenanceService service =
              PipelineMaintenance.service(storage, Optional.empty(), collecting(actions)).start()) {
        TableName silverMovies =
            storage.table(Layer.SILVER, PipelineTable.MOVIES_CLEAN.tableName());
        Measure.step(progress, "soak: waiting for the catalog in silver");
        awaitStable(storage, silverMovies);
        double start = query(silverMovies);
        progress.println("    fixed silver query at the start: " + seconds(start));
        Thread feeding = new Thread(() -> feeder.run(CHANGED_PAGES), "maintenance-bench-feeder");
        feeding.start();
        long started = System.nanoTime();
        long end = started + soak.toNanos();
        try {
          while (System.nanoTime() < end) {
            sleep(Duration.ofMinutes(1).toMillis());
            progress.println(
                "    "
                    + TimeUnit.NANOSECONDS.toMinutes(System.nanoTime() - started)
                    + " min: "
                    + actions.size()
                    + " maintenance actions, "
                    + storage.commitRetries().values().stream().mapToLong(Long::longValue).sum()
                    + " streaming commits refused, most small files in a partition "
                    + crowded(storage).maxSmallFiles());
            progress.flush();
          }
          Crowded crowded = crowded(storage);
          double endQuery = query(silverMovies);
          long failures =
              storage.commitRetries().values().stream().mapToLong(Long::longValue).sum();
          long batches =
              running.queries().stream()
                  .mapToLong(
                      query -> query.lastProgress() == null ? 0 : query.lastProgress().batchId())
                  .sum();
          return new Soak(
              failures,
              crowded.maxSmallFiles(),
              crowded.table(),
              start,
              endQuery,
              List.copyOf(actions),
              crowded.tables(),
              batches);
        } finally {
          feeder.stop();
          feeding.join();
        }
      }
    } catch (Exception e) {
      throw new IllegalStateException("the maintenance soak failed: " + e.getMessage(), e);
    }
  }

  /** Ingests the first pages of the simulator's catalog, every 10 seconds until stopped. */
  private static final class Feeder {
    private final IngestionServices services;
    private final RecordPublisher publisher;
    private final IngestConfig ingest;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private int cycles;

    Feeder(IngestionServices services, RecordPublisher publisher, IngestConfig ingest) {
      this.services = services;
      this.publisher = publisher;
      this.ingest = ingest;
    }

    void cycle(int pages) {
      new BatchIngestion(
              services.client(new TmdbCounters()),
              publisher,
              ingest.kafka(),
              ingest.tmdb().concurrency(),
              IngestionProgress.NONE)
          .run(pages, BatchCheckpoint.openOrStart(ingest.state().resolve("cycle-" + cycles++)));
    }

    void run(int pages) {
      while (running.get()) {
        cycle(pages);
        sleep(10_000);
      }
    }

    void stop() {
      running.set(false);
    }
  }

  private static MaintenanceService.Listener collecting(List<MaintenanceEntry> actions) {
    return new MaintenanceService.Listener() {
      @Override
      public void acted(MaintenanceEntry entry) {
        actions.add(entry);
      }
    };
  }

  /** The most crowded partition of any table, and each table's files, small files, snapshots. */
  record Crowded(long maxSmallFiles, String table, Map<String, long[]> tables) {}

  private Crowded crowded(IcebergStorageManager storage) {
    long most = 0;
    String where = "";
    Map<String, long[]> tables = new TreeMap<>();
    for (TableName name : storage.catalog().listAllTables()) {
      Table table = storage.catalog().loadTable(name);
      TableFiles files = TableFiles.of(table, TableFiles.smallFileThresholdBytes(config, table));
      long small = 0;
      String partition = "";
      for (TableFiles.PartitionFiles candidate : files.partitions()) {
        if (candidate.smallFiles() > small) {
          small = candidate.smallFiles();
          partition = candidate.partition();
        }
      }
      int snapshots = 0;
      for (Object ignored : table.snapshots()) {
        snapshots++;
      }
      tables.put(name.toString(), new long[] {files.fileCount(), small, snapshots});
      if (small > most) {
        most = small;
        where = name + " " + partition;
      }
    }
    return new Crowded(most, where, tables);
  }

  /** Waits until silver has the catalog's movies: rows there, and no more a trigger later. */
  private void awaitStable(IcebergStorageManager storage, TableName table) {
    long previous = -1;
    while (true) {
      sleep(10_000);
      if (!storage.catalog().tableExists(table)) {
        continue;
      }
      long count = spark.table(table.qualified()).count();
      if (count > 0 && count == previous) {
        return;
      }
      previous = count;
    }
  }

  /** The median of the fixed silver query's runs, in seconds. */
  private double query(TableName movies) {
    double[] runs = new double[QUERY_ROUNDS];
    for (int round = 0; round < QUERY_ROUNDS; round++) {
      runs[round] =
          Measure.seconds(
              () ->
                  spark
                      .sql(
                          "SELECT year(release_date) AS release_year, count(*) AS movies,"
                              + " avg(vote_average) AS rating FROM "
                              + movies.sql()
                              + " GROUP BY year(release_date) ORDER BY release_year")
                      .collectAsList());
    }
    return Measure.median(runs);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static String seconds(double value) {
    return String.format(Locale.ROOT, "%.3f s", value);
  }
}
