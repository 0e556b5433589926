package dev.movielake.bench;

import dev.movielake.config.LakehouseConfig;
import dev.movielake.infra.hive.HiveMetastoreServer;
import dev.movielake.infra.postgres.PostgresServer;
import dev.movielake.lakehouse.IcebergStorageManager;
import dev.movielake.lakehouse.LakehouseSession;
import dev.movielake.model.Layer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.spark.sql.SparkSession;

/**
 * Writers in many processes on one Iceberg table: eight JVMs at once (three appenders, three
 * upserters, one overwriter of a partition, one compactor) run a {@link ConcurrencyPlan} on the
 * JDBC catalog over PostgreSQL, then on the Hive Metastore, each with a warehouse in a folder under
 * {@code $LAKEHOUSE_HOME/bench/concurrency}. The final table is compared by key with what the plan
 * writes: rows lost (a failed round, or an update overwritten by a stale one) and rows doubled.
 */
public final class ConcurrencyBenchmark implements Benchmark {
  private static final String JDBC_DATABASE = "iceberg_catalog";
  private static final String METASTORE_DATABASE = "metastore";

  /** Catalog names are unique per run: Spark keeps a catalog it loaded for the session's life. */
  private static final AtomicInteger RUNS = new AtomicInteger();

  /**
   * How the scenario runs; the defaults are the benchmark's.
   *
   * @param rounds rounds of each data writer
   * @param writerJvmOptions memory and compiler options of each writer JVM
   * @param timeout per catalog, after which the writers left are killed (their rounds then count as
   *     failed)
   */
  public record Settings(
      int rounds,
      List<String> writerJvmOptions,
      Duration timeout,
      int crashKills,
      long crashMovies) {
    public Settings {
      writerJvmOptions = List.copyOf(writerJvmOptions);
    }

    static Settings defaults() {
      // Eight JVMs share the machine: a modest heap each, one GC thread, and the quick compiler
      // only (a writer lives a minute, too short for the optimizing one to pay back: five upsert
      // rounds took 18 s of CPU with it against 34 s with both compilers on this machine).
      return new Settings(
          5,
          List.of("-Xmx768m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"),
          Duration.ofMinutes(30),
          5,
          2000);
    }
  }

  /** One catalog's scenario: what the writers said and what the table holds. */
  record CatalogRun(
      String catalog, WriterProcesses.Run writers, ConcurrencyPlan.Check check, Duration wall) {
    int roundsCommitted() {
      return writers.outcomes().stream()
          .filter(outcome -> !outcome.writer().startsWith("compactor"))
          .mapToInt(WriterOutcome::roundsCommitted)
          .sum();
    }

    int roundsFailed() {
      return writers.outcomes().stream()
          .filter(outcome -> !outcome.writer().startsWith("compactor"))
          .mapToInt(WriterOutcome::roundsFailed)
          .sum();
    }

    double writerCpuSeconds() {
      return writers.outcomes().stream().mapToDouble(WriterOutcome::cpuSeconds).sum();
    }

    int commitRetries() {
      return writers.outcomes().stream().mapToInt(WriterOutcome::commitRetries).sum();
    }

    WriterOutcome compactor() {
      return writers.outcomes().stream()
          .filter(outcome -> outcome.writer().startsWith("compactor"))
          .findFirst()
          .orElseThrow();
    }
  }

  private final SparkSession spark;
  private final Path home;
  private final Settings settings;
  private final String pipelineMainClass;

  /**
   * @param spark this JVM's session, which only creates the table and reads it at the end
   * @param config the user's configuration: only its home is used, for the benchmark's folder
   */
  public ConcurrencyBenchmark(
      SparkSession spark, LakehouseConfig config, String pipelineMainClass) {
    this(spark, config, pipelineMainClass, Settings.defaults());
  }

  /**
   * @param pipelineMainClass the {@code pipeline} command's main class, which the crash part runs
   *     (and kills) in JVMs of its own
   */
  public ConcurrencyBenchmark(
      SparkSession spark, LakehouseConfig config, String pipelineMainClass, Settings settings) {
    this.spark = spark;
    this.home = config.home().resolve("bench").resolve("concurrency");
    this.settings = settings;
    this.pipelineMainClass = pipelineMainClass;
  }

  @Override
  public String name() {
    return "concurrency";
  }

  /**
   * @param rows rows each data writer writes in one round
   */
  @Override
  public BenchmarkReport run(long rows, PrintWriter progress) {
    ConcurrencyPlan plan = new ConcurrencyPlan(Math.toIntExact(rows), settings.rounds());
    long started = System.nanoTime();
    step(progress, "preparing: emptying " + home);
    BenchmarkFolder.delete(home);
    List<CatalogRun> runs = new ArrayList<>();
    step(progress, "starting PostgreSQL (the JDBC catalog's and the Hive Metastore's database)");
    long serverStarted = System.nanoTime();
    try (PostgresServer postgres = PostgresServer.start(home.resolve("postgres"), 0)) {
      step(progress, "PostgreSQL up in " + secondsSince(serverStarted) + " s");
      postgres.createDatabase(JDBC_DATABASE);
      Map<String, String> jdbc = new HashMap<>();
      jdbc.put(LakehouseConfig.CATALOG_TYPE, "jdbc");
      jdbc.put(LakehouseConfig.JDBC_URI, postgres.jdbcUrl(JDBC_DATABASE));
      jdbc.put(LakehouseConfig.JDBC_USER, postgres.user());
      jdbc.put(LakehouseConfig.JDBC_PASSWORD, postgres.password());
      runs.add(scenario(plan, "postgres", jdbc, progress));

      postgres.createDatabase(METASTORE_DATABASE);
      step(progress, "starting the Hive Metastore on PostgreSQL");
      long metastoreStarted = System.nanoTime();
      HiveMetastoreServer.Settings metastoreSettings =
          new HiveMetastoreServer.Settings(
              postgres.jdbcUrl(METASTORE_DATABASE),
              postgres.user(),
              postgres.password(),
              warehouse("hive").toUri().toString(),
              0,
              Map.of());
      try (HiveMetastoreServer metastore =
          HiveMetastoreServer.start(
              metastoreSettings, home.resolve("hive").resolve("hive-metastore.log"))) {
        step(progress, "Hive Metastore up in " + secondsSince(metastoreStarted) + " s");
        Map<String, String> hive = new HashMap<>();
        hive.put(LakehouseConfig.CATALOG_TYPE, "hive");
        hive.put(LakehouseConfig.HIVE_METASTORE_URI, metastore.thriftUri());
        runs.add(scenario(plan, "hive", hive, progress));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while the writers ran", e);
    }
    step(
        progress,
        "crashes: the whole pipeline killed "
            + settings.crashKills()
            + " times at random points (bronze, silver, a gold refresh, a publish)");
    PipelineCrashes.Outcome crashes =
        new PipelineCrashes(spark, home.resolve("crashes"), pipelineMainClass)
            .run(settings.crashKills(), settings.crashMovies(), progress);
    Duration total = Duration.ofNanos(System.nanoTime() - started);
    step(progress, "done in " + seconds(total) + " s");
    return report(plan, runs, crashes, total);
  }

  /** The eight writers on one catalog, then the table against the plan. */
  private CatalogRun scenario(
      ConcurrencyPlan plan,
      String catalog,
      Map<String, String> catalogVariables,
      PrintWriter progress)
      throws InterruptedException {
    long started = System.nanoTime();
    Map<String, String> variables = new LinkedHashMap<>(catalogVariables);
    variables.put(LakehouseConfig.HOME, home.resolve(catalog).toString());
    variables.put(
        LakehouseConfig.CATALOG_NAME, "concurrency_" + catalog + "_" + RUNS.incrementAndGet());
    variables.put(LakehouseConfig.WAREHOUSE_PATH, warehouse(catalog).toString());
    for (Layer layer : Layer.values()) {
      variables.put(LakehouseConfig.databaseVariable(layer), "concurrency_" + layer.id());
    }
    // One core and one shuffle partition per writer: eight of them share this machine.
    variables.put(LakehouseConfig.SPARK_MASTER, "local[1]");
    variables.put(LakehouseConfig.SPARK_SHUFFLE_PARTITIONS, "1");
    LakehouseConfig config = LakehouseConfig.from(variables);
    LakehouseSession.registerCatalog(spark, config);
    IcebergStorageManager storage = new IcebergStorageManager(spark, config);
    ConcurrencyTable.create(storage, plan);
    step(
        progress,
        catalog
            + ": "
            + plan.writers().size()
            + " writer JVMs, "
            + plan.rounds()
            + " rounds of "
            + plan.rowsPerRound()
            + " rows each, on "
            + storage.table(ConcurrencyTable.LAYER, ConcurrencyTable.NAME));
    WriterProcesses.Run writers =
        new WriterProcesses(
                plan,
                catalog,
                variables,
                home.resolve(catalog),
                settings.writerJvmOptions(),
                settings.timeout())
            .run(progress);
    ConcurrencyPlan.Check check = plan.check(ConcurrencyTable.read(storage));
    Duration wall = Duration.ofNanos(System.nanoTime() - started);
    step(
        progress,
        catalog
            + ": "
            + check.lost()
            + " rows lost, "
            + check.duplicated()
            + " doubled; JVMs up in "
            + seconds(writers.startup())
            + " s, writing "
            + seconds(writers.writing())
            + " s, "
            + seconds(wall)
            + " s in all");
    return new CatalogRun(catalog, writers, check, wall);
  }

  private Path warehouse(String catalog) {
    return home.resolve(catalog).resolve("warehouse");
  }

  private BenchmarkReport report(
      ConcurrencyPlan plan,
      List<CatalogRun> runs,
      PipelineCrashes.Outcome crashes,
      Duration total) {
    List<BenchmarkResult> results = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    results.addAll(writerResults(runs));
    notes.addAll(writerNotes(plan, runs, total));
    results.add(BenchmarkResult.atLeast("crash_kills", crashes.kills(), "kills", 5));
    results.add(BenchmarkResult.atMost("crash_lost_records", crashes.lostRecords(), "records", 0));
    results.add(
        BenchmarkResult.atMost(
            "crash_duplicated_records", crashes.duplicatedRecords(), "records", 0));
    notes.addAll(crashNotes(crashes));
    return new BenchmarkReport(name(), plan.rowsPerRound(), results, writerComparison(runs), notes);
  }

  private static List<BenchmarkResult> writerResults(List<CatalogRun> runs) {
    List<BenchmarkResult> results = new ArrayList<>();
    long writers = runs.stream().mapToLong(run -> run.writers().reporting()).min().orElse(0);
    results.add(BenchmarkResult.atLeast("writers", writers, "processes", 8));
    results.add(
        BenchmarkResult.atMost(
            "lost_rows", runs.stream().mapToLong(run -> run.check().lost()).sum(), "rows", 0));
    results.add(
        BenchmarkResult.atMost(
            "duplicated_rows",
            runs.stream().mapToLong(run -> run.check().duplicated()).sum(),
            "rows",
            0));
    results.add(
        BenchmarkResult.recorded(
            "commit_retries", runs.stream().mapToLong(CatalogRun::commitRetries).sum(), "retries"));
    results.add(
        BenchmarkResult.atMost(
            "unexpected_rows",
            runs.stream().mapToLong(run -> run.check().unexpected()).sum(),
            "keys",
            0));
    for (CatalogRun run : runs) {
      String suffix = "_" + run.catalog();
      results.add(BenchmarkResult.atMost("lost_rows" + suffix, run.check().lost(), "rows", 0));
      results.add(
          BenchmarkResult.atMost("duplicated_rows" + suffix, run.check().duplicated(), "rows", 0));
      results.add(
          BenchmarkResult.recorded("commit_retries" + suffix, run.commitRetries(), "retries"));
      results.add(BenchmarkResult.recorded("failed_rounds" + suffix, run.roundsFailed(), "rounds"));
      results.add(
          BenchmarkResult.recorded("wall_seconds" + suffix, run.wall().toMillis() / 1000.0, "s"));
    }
    return results;
  }

  private static List<List<String>> writerComparison(List<CatalogRun> runs) {
    List<List<String>> rows = new ArrayList<>();
    rows.add(
        List.of(
            "catalog",
            "JVMs up (s)",
            "writing (s)",
            "wall (s)",
            "writer CPU (s)",
            "rounds committed",
            "rounds failed",
            "commit retries",
            "compactions (files rewritten)",
            "expected rows",
            "table rows",
            "lost",
            "doubled",
            "unexpected"));
    for (CatalogRun run : runs) {
      WriterOutcome compactor = run.compactor();
      rows.add(
          List.of(
              run.catalog(),
              seconds(run.writers().startup()),
              seconds(run.writers().writing()),
              seconds(run.wall()),
              String.format(Locale.ROOT, "%.1f", run.writerCpuSeconds()),
              Integer.toString(run.roundsCommitted()),
              Integer.toString(run.roundsFailed()),
              Integer.toString(run.commitRetries()),
              compactor.roundsCommitted() + " (" + compactor.rewrittenDataFiles() + ")",
              Long.toString(run.check().expectedRows()),
              Long.toString(run.check().tableRows()),
              Long.toString(run.check().lost()),
              Long.toString(run.check().duplicated()),
              Long.toString(run.check().unexpected())));
    }
    return rows;
  }

  private List<String> writerNotes(ConcurrencyPlan plan, List<CatalogRun> runs, Duration total) {
    List<String> notes = new ArrayList<>();
    notes.add(
        "Per catalog, "
            + plan.writers().size()
            + " JVMs at once on one silver table, each with its own Spark session (local[1], "
            + String.join(" ", settings.writerJvmOptions())
            + "): 3 appenders, 3 upserters (MERGE by id; each round updates half of its previous"
            + " round's keys and inserts as many), 1 overwriter (dynamic overwrite of its own"
            + " partition), 1 compactor (rewrite_data_files in a loop while the others write); "
            + plan.rounds()
            + " rounds of "
            + plan.rowsPerRound()
            + " rows per writer. A failed round is recorded and the writer goes on.");
    notes.add(
        "Lost: a key of the plan missing from the table or holding an older version than its last"
            + " round; doubled: rows beyond one per key; unexpected: keys no writer writes.");
    notes.add(
        "Catalogs: the JDBC catalog on PostgreSQL, then the Hive Metastore 2.3 on PostgreSQL (with"
            + " Hive table locks); warehouse in a local folder. Total "
            + seconds(total)
            + " s, PostgreSQL and the metastore's start included.");
    for (CatalogRun run : runs) {
      Map<String, List<String>> byMessage = new LinkedHashMap<>();
      for (WriterOutcome outcome : run.writers().outcomes()) {
        for (String error : outcome.errors()) {
          int colon = error.indexOf(": ");
          String where = colon < 0 ? "" : error.substring(0, colon);
          String message = colon < 0 ? error : error.substring(colon + 2);
          byMessage
              .computeIfAbsent(message, key -> new ArrayList<>())
              .add(outcome.writer() + " " + where);
        }
      }
      byMessage.forEach(
          (message, where) ->
              notes.add(
                  run.catalog()
                      + ": "
                      + where.size()
                      + " failed ("
                      + String.join(", ", where)
                      + "): "
                      + message));
      if (!run.check().lostByWriter().isEmpty()) {
        notes.add(
            run.catalog()
                + ": lost rows by writer: "
                + run.check().lostByWriter().entrySet().stream()
                    .map(entry -> entry.getKey() + " " + entry.getValue())
                    .collect(Collectors.joining(", ")));
      }
    }
    notes.add("Writer logs: " + home + "/<catalog>/logs.");
    return notes;
  }

  private static String secondsSince(long started) {
    return seconds(Duration.ofNanos(System.nanoTime() - started));
  }

  private static String seconds(Duration duration) {
    return String.format(Locale.ROOT, "%.1f", duration.toMillis() / 1000.0);
  }

  private static void step(PrintWriter progress, String message) {
    progress.println("  " + message);
    progress.flush();
  }

  /** Where each kill landed, and every table or collection the crashed run got wrong. */
  private static List<String> crashNotes(PipelineCrashes.Outcome crashes) {
    List<String> notes = new ArrayList<>();
    StringBuilder kills = new StringBuilder("Crashes: each kill aimed at a phase and landed");
    for (PipelineCrashes.Kill kill : crashes.killPoints()) {
      kills
          .append("; kill ")
          .append(kill.number())
          .append(" aimed at ")
          .append(kill.aimedAt().label())
          .append(kill.seen() ? ", " + kill.delayMillis() + " ms after it began" : ", not seen")
          .append(", landed in ")
          .append(kill.landedIn().stream().map(PipelineCrashes.Phase::label).toList());
    }
    notes.add(kills.append('.').toString());
    notes.add("Phases hit: " + crashes.hits() + ".");
    List<RecordDifference> wrong =
        crashes.differences().stream()
            .filter(difference -> difference.lost() > 0 || difference.duplicated() > 0)
            .toList();
    notes.add(
        wrong.isEmpty()
            ? "Every bronze, silver and gold table and every served collection of the crashed run"
                + " equals the uninterrupted run's ("
                + crashes.differences().size()
                + " compared)."
            : "Differences from the uninterrupted run: "
                + wrong.stream()
                    .map(
                        difference ->
                            difference.place()
                                + " lost "
                                + difference.lost()
                                + ", doubled "
                                + difference.duplicated()
                                + " "
                                + difference.examples())
                    .toList()
                + ".");
    return notes;
  }
}
