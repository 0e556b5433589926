package dev.movielake.app.bench;

import dev.movielake.app.PipelineCommand;
import dev.movielake.app.cli.LakehouseCommand;
import dev.movielake.bench.Benchmark;
import dev.movielake.bench.BenchmarkReport;
import dev.movielake.bench.BenchmarkWriter;
import dev.movielake.bench.ConcurrencyBenchmark;
import dev.movielake.bench.IncrementalBenchmark;
import dev.movielake.bench.IngestBenchmark;
import dev.movielake.bench.LakehouseBenchmark;
import dev.movielake.bench.MaintenanceBenchmark;
import dev.movielake.bench.QualityGatesBenchmark;
import dev.movielake.bench.ServeBenchmark;
import dev.movielake.bench.StreamBenchmark;
import dev.movielake.cli.JsonOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code pipeline bench NAME}: measures side by side, prints a table, writes
 * docs/benchmarks/NAME.md and .json.
 */
@Command(
    name = "bench",
    description = {
      "Measures side by side; prints a table and writes NAME.md and NAME.json.",
      "Benchmarks: lakehouse (the seed's Parquet vs Iceberg table: partition filter, schema"
          + " change,",
      "metadata query, time travel); ingest (TMDB simulator -> Kafka: rate, throughput, losses);",
      "stream (Kafka -> bronze throughput against plain Parquet, produce-to-silver latency, exactly"
          + " once",
      "across killed pipeline JVMs); serve (the REST API on the embedded MongoDB: lookups and"
          + " searches",
      "per second and latency, from a load generator JVM); concurrency (eight writer JVMs on one"
          + " table:",
      "appends, upserts, a partition overwrite and a compaction, on the JDBC catalog over"
          + " PostgreSQL",
      "and on the Hive Metastore: rows lost or doubled, commit retries); incremental (gold and"
          + " publishing",
      "from silver's change feed against full recomputes, after 1% of 100,000 movies changed);",
      "quality-gates (data faults kept off main and the gate's cost); maintenance (a stream at a"
          + " 10-second trigger",
      "with the maintenance service beside it for --minutes: commits refused, small files, query"
          + " time; planning a 10,000-file table)."
    })
public final class BenchCommand extends LakehouseCommand {
  @Parameters(
      paramLabel = "NAME",
      description = "The benchmark to run: ${COMPLETION-CANDIDATES}.",
      completionCandidates = Names.class)
  String name;

  @Option(
      names = "--rows",
      description =
          "Size: rows of generated data for lakehouse (default 5000000), movies in the simulator"
              + " for ingest (default 1000), Kafka movie records for stream (default 200000),"
              + " movies in MongoDB for serve (default 100000), rows per writer and round for"
              + " concurrency (default 1000), silver movies for incremental (default 100000),"
              + " movies in the simulator for quality-gates (default 20000) and maintenance"
              + " (default 2000).")
  Long rows;

  @Option(
      names = "--minutes",
      defaultValue = "20",
      description =
          "How long the maintenance benchmark's stream runs with the service beside it (default"
              + " ${DEFAULT-VALUE}).")
  long minutes;

  @Option(
      names = "--output",
      defaultValue = "docs/benchmarks",
      description = "Folder for NAME.md and NAME.json (default ${DEFAULT-VALUE}).")
  Path output;

  @Mixin JsonOption json;

  static final class Names implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return List.of(
              "lakehouse",
              "ingest",
              "stream",
              "serve",
              "concurrency",
              "incremental",
              "quality-gates",
              "maintenance")
          .iterator();
    }
  }

  @Override
  protected int run() {
    long size =
        rows != null
            ? rows
            : switch (name) {
              case "ingest", "concurrency" -> 1000;
              case "stream" -> 200_000;
              case "serve", "incremental" -> 100_000;
              case "quality-gates" -> 20_000;
              case "maintenance" -> 2_000;
              default -> 5_000_000;
            };
    if (size < 100) {
      throw new IllegalArgumentException("--rows must be at least 100, got " + size);
    }
    Benchmark benchmark =
        switch (name) {
          case "lakehouse" -> new LakehouseBenchmark(storage().spark(), context().config());
          case "ingest" -> new IngestBenchmark(context().ingestConfig());
          case "stream" ->
              new StreamBenchmark(
                  storage().spark(), context().config(), PipelineCommand.class.getName());
          case "serve" -> new ServeBenchmark();
          case "incremental" -> new IncrementalBenchmark(storage().spark(), context().config());
          case "quality-gates" -> new QualityGatesBenchmark(storage().spark(), context().config());
          case "maintenance" ->
              new MaintenanceBenchmark(
                  storage().spark(), context().config(), Duration.ofMinutes(minutes));
          case "concurrency" ->
              new ConcurrencyBenchmark(
                  storage().spark(), context().config(), PipelineCommand.class.getName());
          default ->
              throw new IllegalArgumentException(
                  "unknown benchmark '"
                      + name
                      + "'; accepted values: lakehouse, ingest, stream, serve, concurrency,"
                      + " incremental, quality-gates, maintenance");
        };
    err().println("Benchmark " + name + " (size " + size + ")");
    BenchmarkReport report = benchmark.run(size, err());
    String command = "./pipeline bench " + name + " --rows " + size;
    BenchmarkWriter.write(report, output, command);
    if (json.enabled()) {
      out().print(BenchmarkWriter.json(report));
    } else {
      out().println(BenchmarkWriter.console(report));
      out()
          .println(
              "Written to "
                  + output.resolve(name + ".md")
                  + " and "
                  + output.resolve(name + ".json"));
    }
    out().flush();
    return 0;
  }
}
