package dev.movielake.app.cluster;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.movielake.app.cli.LakehouseContext;
import dev.movielake.app.cli.PipelineRunner;
import dev.movielake.app.cli.PipelineRunner.Run;
import dev.movielake.config.LakehouseConfig;
import dev.movielake.infra.kafka.EmbeddedKafka;
import dev.movielake.infra.spark.StandaloneCluster;
import dev.movielake.lakehouse.SparkCatalogProperties;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The batch and maintenance jobs submitted with spark-submit to a real Spark standalone cluster (a
 * master and a worker JVM, executors started by the worker) write the same tables as the same job
 * in local mode. Runs on the packaged application: target/app.jar, the jars of target/submit-jars,
 * and Spark's own jars from target/spark-home/jars, as a user submits it.
 */
class SparkSubmitClusterIT {
  private static final Path BUILD =
      Path.of(System.getProperty("app.build.directory", "target")).toAbsolutePath();
  private static final String TYPES = "movies";

  /** Small data: fewer tasks per shuffle make both runs faster. */
  private static final String SHUFFLE_PARTITIONS = "2";

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Columns the run sets, not the data: the wall clock (and what a batch check observed, which for
   * freshness is an age measured by it), the quality and audit logs' batch (the streaming query's
   * id, a gold refresh's silver snapshots) and the audit branch named after it. They differ between
   * any two runs.
   */
  private static final Set<String> RUN_COLUMNS =
      Set.of(
          "bronze_ingested_at",
          "failed_at",
          "quarantined_at",
          "checked_at",
          "audited_at",
          "observed",
          "batch",
          "branch");

  /** The pipeline's configuration variables: a submitted job sees only what the test gives it. */
  private static final List<String> CONFIGURATION_PREFIXES =
      List.of(
          "LAKEHOUSE_",
          "ICEBERG_",
          "SPARK_",
          "KAFKA_",
          "TMDB_",
          "MONGODB_",
          "API_",
          "PIPELINE_",
          "STREAM_");

  @TempDir Path work;

  private final List<Process> submissions = new ArrayList<>();

  @Test
  void batchAndMaintenanceSubmittedToAStandaloneClusterWriteTheTablesOfLocalMode()
      throws Exception {
    long testStart = System.nanoTime();
    // The cluster boots (two JVMs) while the simulator's data is ingested into Kafka.
    CompletableFuture<StandaloneCluster> starting =
        CompletableFuture.supplyAsync(
            () ->
                StandaloneCluster.start(
                    work.resolve("cluster"), BUILD.resolve("spark-home/jars"), 2, "2g"));
    List<ProcessHandle> processes = List.of();
    try (EmbeddedKafka kafka = EmbeddedKafka.start(work.resolve("kafka"))) {
      Path localHome = work.resolve("local-home");
      Path clusterHome = work.resolve("cluster-home");

      Map<String, String> ingestVariables =
          Map.of(
              "LAKEHOUSE_HOME",
              work.resolve("ingest-home").toString(),
              "KAFKA_BOOTSTRAP_SERVERS",
              kafka.bootstrapServers(),
              "TMDB_SIMULATOR_MOVIES",
              "30",
              "TMDB_REQUESTS_PER_SECOND",
              "200");
      Run ingest;
      try (LakehouseContext context = new LakehouseContext(() -> ingestVariables)) {
        ingest = inProcess(context, "ingest", "batch", "--pages", "1", "--json");
      }
      assertThat(ingest.exitCode()).as(ingest.toString()).isZero();
      assertThat(JSON.readTree(ingest.out()).path("recordsPerTopic").path("movies").asLong())
          .isPositive();
      lap("ingest", testStart);

      // The same job twice over the same topics, each into a lakehouse of its own: through
      // spark-submit
      // on the cluster and, meanwhile, in local mode in this JVM.
      long step = System.nanoTime();
      StandaloneCluster cluster = starting.join();
      assertThat(cluster.aliveWorkers()).isEqualTo(1);
      lap("cluster ready (waited)", step);
      step = System.nanoTime();
      Submission clusterBatch =
          submit(
              cluster, clusterHome, kafka.bootstrapServers(), "batch", "--types", TYPES, "--json");
      Map<String, String> localVariables =
          Map.of(
              "LAKEHOUSE_HOME",
              localHome.toString(),
              "KAFKA_BOOTSTRAP_SERVERS",
              kafka.bootstrapServers(),
              "SPARK_SHUFFLE_PARTITIONS",
              SHUFFLE_PARTITIONS);
      try (LakehouseContext local = new LakehouseContext(() -> localVariables)) {
        Run localBatch = inProcess(local, "batch", "--types", TYPES, "--json");
        assertThat(localBatch.exitCode()).as(localBatch.toString()).isZero();
        Map<String, Long> localRows = rows(localBatch.out());
        assertThat(localRows.get("silver.movies_clean")).isPositive();
        lap("batch in local mode", step);

        Run clusterRun = clusterBatch.await();
        assertThat(clusterRun.exitCode()).as(clusterRun.toString()).isZero();
        assertThat(rows(clusterRun.out())).isEqualTo(localRows);
        lap("batch through spark-submit (in parallel)", step);
        assertRanOnTheCluster(cluster, 1);

        step = System.nanoTime();
        SparkSession spark = local.spark();
        SparkSession clusterView = viewOf(spark, clusterHome);
        String catalog = local.config().catalog().name();
        List<String> compared = new ArrayList<>();
        for (String table : localRows.keySet()) {
          // The summary also lists tables a run had nothing to write into (not created).
          if ((table.startsWith("silver.") || table.startsWith("gold."))
              && localRows.get(table) > 0) {
            assertThat(contents(clusterView, catalog + "." + table))
                .as(table)
                .isEqualTo(contents(spark, catalog + "." + table));
            compared.add(table);
          }
        }
        assertThat(compared).contains("silver.movies_clean", "gold.movies_by_year_genre");
        lap("compared " + compared.size() + " tables", step);

        step = System.nanoTime();
        Run maintain =
            submit(
                    cluster,
                    clusterHome,
                    kafka.bootstrapServers(),
                    "maintain",
                    "all",
                    "--layer",
                    "silver",
                    "--json")
                .await();
        assertThat(maintain.exitCode()).as(maintain.toString()).isZero();
        assertThat(JSON.readTree(maintain.out()).path("tables").size()).isPositive();
        for (String table : compared) {
          // Compaction rewrote files, expiry dropped snapshots: the rows stay.
          assertThat(clusterView.table(catalog + "." + table).count())
              .as(table)
              .isEqualTo(localRows.get(table));
        }
        lap("maintain all through spark-submit", step);
        assertRanOnTheCluster(cluster, 2);
        processes = ProcessHandle.current().descendants().toList();
      }
    } finally {
      // A failed assertion may leave a driver running.
      for (Process submission : submissions) {
        submission.destroyForcibly().waitFor();
      }
      StandaloneCluster cluster = starting.handle((started, failure) -> started).join();
      if (cluster != null) {
        cluster.close();
        // The link to the build's jars; JUnit would warn about it when it deletes the folder.
        Files.deleteIfExists(cluster.sparkHome().resolve("jars"));
      }
    }
    // Master, worker and executors: nothing outlives the cluster.
    for (ProcessHandle process : processes) {
      process.onExit().get(30, TimeUnit.SECONDS);
    }
    assertThat(processes).as("processes left behind").noneMatch(ProcessHandle::isAlive);
    lap("whole test", testStart);
  }

  /** The master saw the applications finish, and executors the worker started ran their tasks. */
  private void assertRanOnTheCluster(StandaloneCluster cluster, int applications) throws Exception {
    JsonNode state = JSON.readTree(cluster.masterState());
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    // The driver's exit reaches the master a moment later.
    while (state.path("completedapps").size() < applications && System.nanoTime() < deadline) {
      Thread.sleep(200);
      state = JSON.readTree(cluster.masterState());
    }
    assertThat(state.path("completedapps").size())
        .as(state.toPrettyString())
        .isEqualTo(applications);
    state
        .path("completedapps")
        .forEach(
            application -> {
              assertThat(application.path("name").asText()).isEqualTo("movie-lakehouse");
              assertThat(application.path("state").asText()).isEqualTo("FINISHED");
            });
    List<Path> executorLogs;
    try (Stream<Path> files = Files.walk(work.resolve("cluster/worker"))) {
      executorLogs =
          files.filter(file -> file.getFileName().toString().equals("stderr")).sorted().toList();
    }
    assertThat(executorLogs).hasSize(applications);
    String executorLog =
        Files.readString(executorLogs.get(applications - 1), StandardCharsets.UTF_8);
    // The executor fetched the application from the driver and ran tasks of it.
    assertThat(executorLog)
        .contains("Fetching spark://")
        .contains("app.jar")
        .contains("Finished task");
  }

  /** Runs the pipeline in this JVM, as ./pipeline does in its own (local mode). */
  private static Run inProcess(LakehouseContext context, String... arguments) {
    return new PipelineRunner(context).run(arguments);
  }

  /** A spark-submit JVM running, its output going to files. */
  private record Submission(Process process, Path out, Path err) {
    Run await() throws IOException, InterruptedException {
      if (!process.waitFor(10, TimeUnit.MINUTES)) {
        process.destroyForcibly().waitFor();
      }
      return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
    }
  }

  /**
   * The command line a user types: SparkSubmit from the cluster's SPARK_HOME, the app jar, its
   * other jars.
   */
  private Submission submit(
      StandaloneCluster cluster, Path home, String bootstrapServers, String... command)
      throws IOException {
    List<String> line = new ArrayList<>();
    line.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    line.addAll(Arrays.asList(Files.readString(BUILD.resolve("jvm-flags")).strip().split("\\s+")));
    line.add("-Xmx1g");
    line.addAll(
        List.of(
            "-cp",
            cluster.sparkHome().resolve("conf")
                + File.pathSeparator
                + cluster.sparkHome().resolve("jars")
                + "/*",
            "org.apache.spark.deploy.SparkSubmit",
            "--master",
            cluster.masterUrl(),
            "--deploy-mode",
            "client",
            "--conf",
            "spark.executor.memory=1g",
            "--conf",
            "spark.cores.max=2",
            "--jars",
            Files.readString(BUILD.resolve("submit-jars")).strip(),
            "--class",
            "dev.movielake.app.PipelineCommand",
            BUILD.resolve("app.jar").toString()));
    line.addAll(List.of(command));
    int number = submissions.size() + 1;
    Path out = work.resolve("submit-" + number + ".out");
    Path err = work.resolve("submit-" + number + ".err");
    ProcessBuilder builder =
        new ProcessBuilder(line)
            .directory(work.toFile())
            .redirectOutput(out.toFile())
            .redirectError(err.toFile());
    builder
        .environment()
        .keySet()
        .removeIf(name -> CONFIGURATION_PREFIXES.stream().anyMatch(name::startsWith));
    builder
        .environment()
        .putAll(
            Map.of(
                "LAKEHOUSE_HOME",
                home.toString(),
                "KAFKA_BOOTSTRAP_SERVERS",
                bootstrapServers,
                "SPARK_SHUFFLE_PARTITIONS",
                SHUFFLE_PARTITIONS,
                "SPARK_LOCAL_IP",
                "127.0.0.1"));
    Process process = builder.start();
    submissions.add(process);
    return new Submission(process, out, err);
  }

  /**
   * A session of the local Spark whose catalog reads the cluster run's lakehouse. Same catalog
   * name: Iceberg's JDBC catalog keeps it in every row of its database.
   */
  private static SparkSession viewOf(SparkSession spark, Path home) {
    SparkSession view = spark.newSession();
    SparkCatalogProperties.of(LakehouseConfig.from(Map.of("LAKEHOUSE_HOME", home.toString())))
        .forEach(
            (key, value) -> {
              if (key.startsWith("spark.sql.catalog.")) {
                view.conf().set(key, value);
              }
            });
    return view;
  }

  /**
   * Every row as JSON, sorted. Floating-point columns are rounded: a sum's last bits depend on the
   * order partial results arrive in.
   */
  private static List<String> contents(SparkSession spark, String table) {
    Dataset<Row> rows = spark.table(table);
    List<Column> columns = new ArrayList<>();
    for (StructField field : rows.schema().fields()) {
      if (RUN_COLUMNS.contains(field.name())) {
        continue;
      }
      boolean floating =
          field.dataType().equals(DataTypes.DoubleType)
              || field.dataType().equals(DataTypes.FloatType);
      columns.add(floating ? round(col(field.name()), 9).as(field.name()) : col(field.name()));
    }
    return rows
        .select(to_json(struct(columns.toArray(Column[]::new))))
        .as(Encoders.STRING())
        .collectAsList()
        .stream()
        .sorted()
        .toList();
  }

  private static Map<String, Long> rows(String summary) throws IOException {
    Map<String, Long> rows = new TreeMap<>();
    JSON.readTree(summary)
        .path("tables")
        .forEach(
            table ->
                rows.put(
                    table.path("layer").asText() + "." + table.path("table").asText(),
                    table.path("rows").asLong()));
    return rows;
  }

  private static void lap(String step, long start) {
    System.err.printf(
        "SparkSubmitClusterIT: %s took %.1f s%n", step, (System.nanoTime() - start) / 1e9);
  }
}
