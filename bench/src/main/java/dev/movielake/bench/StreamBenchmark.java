package dev.movielake.bench;

import dev.movielake.config.LakehouseConfig;
import dev.movielake.lakehouse.IcebergStorageManager;
import dev.movielake.lakehouse.TableName;
import dev.movielake.model.Layer;
import dev.movielake.model.RecordType;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.SparkSession;

/**
 * The streaming path measured in one run, on a Kafka broker, databases ({@code bench_stream_*}) and
 * checkpoints of its own under {@code $LAKEHOUSE_HOME/bench/stream}: Kafka -> bronze throughput of
 * the real bronze stream against Spark writing the same records as plain Parquet, produce-to-silver
 * latency of the running pipeline, and exactly once across SIGKILLs of the real program.
 */
public final class StreamBenchmark implements Benchmark {
  private static final String THROUGHPUT_TOPIC = RecordType.MOVIES.recordType();
  private static final String LATENCY_TOPIC = "movies_latency";
  private static final String CRASH_TOPIC = "movies_crash";

  /**
   * How much of each part to run; the defaults are the benchmark's, tests use less.
   *
   * @param throughputRuns runs of each of Iceberg and Parquet, alternated
   * @param latencyProbes movies timed from produce to silver
   * @param kills SIGKILLs of the pipeline JVM
   */
  public record Settings(
      int throughputRuns,
      Duration latencyTrigger,
      int latencyProbes,
      int kills,
      Duration crashTrigger) {
    static Settings defaults() {
      return new Settings(3, Duration.ofSeconds(10), 5, 3, Duration.ofSeconds(2));
    }
  }

  private final IcebergStorageManager storage;
  private final Path home;
  private final Settings settings;
  private final String pipelineMainClass;

  /**
   * @param pipelineMainClass the main class of the {@code pipeline} command line: the crash part
   *     runs the real {@code pipeline stream} in a JVM of its own and kills it, and that command
   *     line is built on this module
   */
  public StreamBenchmark(SparkSession spark, LakehouseConfig config, String pipelineMainClass) {
    this(spark, config, Settings.defaults(), pipelineMainClass);
  }

  public StreamBenchmark(
      SparkSession spark, LakehouseConfig config, Settings settings, String pipelineMainClass) {
    Map<Layer, String> databases = new EnumMap<>(Layer.class);
    for (Layer layer : Layer.values()) {
      databases.put(layer, "bench_stream_" + layer.id());
    }
    this.storage = new IcebergStorageManager(spark, config.withDatabases(databases));
    this.home = config.home().resolve("bench").resolve("stream");
    this.settings = settings;
    this.pipelineMainClass = pipelineMainClass;
  }

  @Override
  public String name() {
    return "stream";
  }

  /**
   * @param rows movie records in Kafka for the throughput runs
   */
  @Override
  public BenchmarkReport run(long rows, PrintWriter progress) {
    step(progress, "preparing: dropping the bench_stream_* tables and " + home);
    dropBenchTables();
    BenchmarkFolder.delete(home);
    step(progress, "starting an embedded broker of the benchmark's own");
    try (BenchmarkKafka kafka = BenchmarkKafka.start(home.resolve("kafka"));
        MovieProducer producer = new MovieProducer(kafka.bootstrapServers())) {
      kafka.createMovieTopic(THROUGHPUT_TOPIC);
      step(
          progress,
          "producing "
              + rows
              + " movie records into topic "
              + THROUGHPUT_TOPIC
              + " ("
              + BenchmarkKafka.PARTITIONS
              + " partitions)");
      long bytes = producer.send(THROUGHPUT_TOPIC, 1, rows);
      long inKafka = kafka.records(THROUGHPUT_TOPIC);
      if (inKafka != rows) {
        throw new IllegalStateException(
            "topic " + THROUGHPUT_TOPIC + " holds " + inKafka + " records, expected " + rows);
      }

      // Alternated, so noise from the machine (2 cores, other work) hits both sides alike.
      BronzeThroughput throughput =
          new BronzeThroughput(
              storage,
              kafka.bootstrapServers(),
              THROUGHPUT_TOPIC,
              rows,
              home.resolve("throughput"));
      int runs = settings.throughputRuns();
      List<BronzeThroughput.Run> iceberg = new ArrayList<>();
      List<BronzeThroughput.Run> parquet = new ArrayList<>();
      // One unmeasured run of each first: JIT and class loading would otherwise fall on whichever
      // goes first.
      step(progress, "warm-up: one unmeasured run of each");
      throughput.iceberg(runs);
      throughput.parquet(runs);
      for (int run = 0; run < runs; run++) {
        step(
            progress,
            "run " + (run + 1) + " of " + runs + ": Kafka -> bronze (Iceberg, the bronze stream)");
        iceberg.add(took(progress, throughput.iceberg(run), rows));
        step(
            progress,
            "run " + (run + 1) + " of " + runs + ": Kafka -> plain Parquet folder (same parsing)");
        parquet.add(took(progress, throughput.parquet(run), rows));
      }

      step(
          progress,
          "latency: bronze and silver running at a "
              + settings.latencyTrigger().toSeconds()
              + " s trigger, "
              + settings.latencyProbes()
              + " movies from produce to silver");
      dropBenchTables();
      kafka.createMovieTopic(LATENCY_TOPIC);
      List<Double> latencies =
          new SilverLatency(
                  storage,
                  producer,
                  kafka.bootstrapServers(),
                  LATENCY_TOPIC,
                  home.resolve("latency").resolve("checkpoints"),
                  settings.latencyTrigger())
              .measure(settings.latencyProbes(), progress);

      step(
          progress,
          "crash: the pipeline in a JVM of its own, killed "
              + settings.kills()
              + " times while movies arrive");
      dropBenchTables();
      kafka.createMovieTopic(CRASH_TOPIC);
      CrashRecovery.Outcome crash =
          new CrashRecovery(
                  storage,
                  kafka,
                  CRASH_TOPIC,
                  home.resolve("crash"),
                  settings.crashTrigger(),
                  pipelineMainClass)
              .run(settings.kills(), progress);

      return report(rows, bytes, iceberg, parquet, latencies, crash);
    }
  }

  private BenchmarkReport report(
      long rows,
      long bytes,
      List<BronzeThroughput.Run> iceberg,
      List<BronzeThroughput.Run> parquet,
      List<Double> latencies,
      CrashRecovery.Outcome crash) {
    double icebergSeconds =
        median(iceberg.stream().mapToDouble(BronzeThroughput.Run::seconds).toArray());
    double parquetSeconds =
        median(parquet.stream().mapToDouble(BronzeThroughput.Run::seconds).toArray());
    double icebergRate = rows / icebergSeconds;
    double parquetRate = rows / parquetSeconds;
    double latency = median(latencies.stream().mapToDouble(Double::doubleValue).toArray());
    long trigger = settings.latencyTrigger().toSeconds();
    List<BenchmarkResult> results =
        List.of(
            BenchmarkResult.above("bronze_rows_per_second", icebergRate, "rows/s", 0),
            BenchmarkResult.above(
                "bronze_megabytes_per_second", bytes / 1e6 / icebergSeconds, "MB/s", 0),
            BenchmarkResult.above("parquet_rows_per_second", parquetRate, "rows/s", 0),
            BenchmarkResult.atLeast(
                "iceberg_vs_parquet_throughput", icebergRate / parquetRate, "x", 0.8),
            // A record waits up to one interval for bronze's next trigger and up to one more for
            // silver's trigger after bronze commits; the third interval is for the two batches'
            // work.
            BenchmarkResult.atMost("silver_latency_seconds", latency, "s", 3 * trigger),
            BenchmarkResult.atMost("duplicates_after_crash", crash.duplicates(), "rows", 0),
            BenchmarkResult.atMost("lost_after_crash", crash.lost(), "records", 0));

    int runs = iceberg.size();
    List<List<String>> table = new ArrayList<>();
    table.add(List.of("measure", "value"));
    table.add(
        List.of(
            "Kafka -> bronze, Iceberg (the bronze stream), median of " + runs,
            String.format(
                Locale.ROOT,
                "%.0f rows/s, %.1f MB/s (%s)",
                icebergRate,
                bytes / 1e6 / icebergSeconds,
                runs(iceberg))));
    table.add(
        List.of(
            "Kafka -> plain Parquet folder, same parsing, median of " + runs,
            String.format(
                Locale.ROOT,
                "%.0f rows/s, %.1f MB/s (%s)",
                parquetRate,
                bytes / 1e6 / parquetSeconds,
                runs(parquet))));
    table.add(
        List.of(
            "Iceberg / Parquet throughput",
            String.format(Locale.ROOT, "%.2f", icebergRate / parquetRate)));
    table.add(
        List.of(
            "produce -> visible in silver at a " + trigger + " s trigger",
            String.format(
                Locale.ROOT,
                "median %.1f s (%d movies: %s)",
                latency,
                latencies.size(),
                latencies.stream()
                    .map(value -> String.format(Locale.ROOT, "%.1f s", value))
                    .collect(Collectors.joining(", ")))));
    table.add(
        List.of(
            "pipeline JVM killed (SIGKILL) / batches it had committed",
            crash.kills() + " / " + crash.committedBatches()));
    table.add(
        List.of(
            "crash topic: movies sent / records in Kafka",
            crash.moviesSent() + " / " + crash.inKafka()));
    table.add(
        List.of(
            "bronze rows / distinct offsets / dead letters",
            crash.bronzeRows() + " / " + crash.distinctOffsets() + " / " + crash.deadLetters()));
    table.add(
        List.of("silver movies_clean rows (one per movie)", Long.toString(crash.silverRows())));

    List<String> notes =
        List.of(
            rows
                + " TMDB-shaped movie records ("
                + String.format(Locale.ROOT, "%.0f", (double) bytes / rows)
                + " bytes of JSON each on average) produced beforehand into a topic with "
                + BenchmarkKafka.PARTITIONS
                + " partitions on an embedded broker of the benchmark's own; Spark on "
                + storage.spark().sparkContext().master()
                + " with "
                + Runtime.getRuntime().availableProcessors()
                + " cores.",
            "Throughput is records / wall time of one AvailableNow query over the whole topic, from"
                + " its start to its end, with a fresh table or folder and checkpoint each run;"
                + " Iceberg and Parquet ran alternately, "
                + runs
                + " times each after one unmeasured warm-up run of each, and the medians are"
                + " compared.",
            "The Iceberg side is the product's bronze stream: parsing, dead-letter routing (bad"
                + " records counted during the write), batch marks for exactly once, a table"
                + " partitioned by day. The Parquet side is Spark's file sink with the same Kafka"
                + " columns and from_json parsing, and nothing else.",
            "Data files per run show the write parallelism: both write one file per Kafka"
                + " partition, in parallel (bronze tables use fanout writes with"
                + " write.distribution-mode=none, so no shuffle precedes the write).",
            "Latency: bronze and silver run in this JVM at a "
                + trigger
                + " s processing-time trigger; after a first movie reached silver, each timed movie"
                + " is produced after a random pause (so at different moments of the trigger cycle)"
                + " and silver.movies_clean is polled every 200 ms. Target: three trigger intervals"
                + " (waiting for bronze's trigger, then for silver's, then the two batches' work).",
            "Crash: the real `pipeline stream --layers bronze,silver --types movies --trigger \""
                + settings.crashTrigger().toSeconds()
                + " seconds\"` in a JVM of its own, killed with SIGKILL at a random moment after"
                + " each new committed batch and restarted, while about 300 movies per second"
                + " arrive; a run in this JVM then drains the topic from the same checkpoints."
                + " Duplicates = bronze rows - distinct (partition, offset); lost = records in"
                + " Kafka - (bronze rows + dead letters).");
    return new BenchmarkReport(name(), rows, results, table, notes);
  }

  /** The benchmark's tables only: the storage manager is bound to the bench_stream_* databases. */
  private void dropBenchTables() {
    for (Layer layer : Layer.values()) {
      for (TableName table : storage.listTables(layer)) {
        storage.dropTable(layer, table.table(), true);
      }
    }
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  private static String runs(List<BronzeThroughput.Run> runs) {
    return "runs: "
        + runs.stream()
            .map(run -> String.format(Locale.ROOT, "%.1f s", run.seconds()))
            .collect(Collectors.joining(", "))
        + "; data files per run: "
        + runs.stream()
            .map(run -> Long.toString(run.files()))
            .distinct()
            .collect(Collectors.joining(", "));
  }

  private static BronzeThroughput.Run took(
      PrintWriter progress, BronzeThroughput.Run run, long rows) {
    progress.println(
        String.format(
            Locale.ROOT,
            "    %.1f s, %.0f rows/s, %d data files",
            run.seconds(),
            rows / run.seconds(),
            run.files()));
    progress.flush();
    return run;
  }

  private static void step(PrintWriter progress, String message) {
    progress.println("  " + message + " ...");
    progress.flush();
  }
}
