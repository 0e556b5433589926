package dev.movielake.app.demo;

import dev.movielake.app.cli.ByteSize;
import dev.movielake.app.cli.Json;
import dev.movielake.app.cli.JsonOption;
import dev.movielake.app.cli.LakehouseCommand;
import dev.movielake.app.cli.TextTable;
import dev.movielake.config.LakehouseConfig;
import dev.movielake.ingest.run.IngestionReport;
import dev.movielake.lakehouse.table.TableStatistics;
import java.io.PrintWriter;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code pipeline demo}: the whole pipeline end to end on the configured (by default embedded) lakehouse. */
@Command(
    name = "demo",
    description = {
      "Runs the whole pipeline end to end and prints a summary.",
      "On the configured lakehouse (embedded by default): generated movies into bronze, cleaned",
      "into silver, aggregated into gold; then time travel, a schema change and maintenance."
    })
public final class DemoCommand extends LakehouseCommand {
  @Option(names = "--once", description = "End after the summary (the default until the serving layer exists).")
  boolean once;

  @Option(names = "--movies", defaultValue = "5000", description = "Movies to generate (default ${DEFAULT-VALUE}).")
  int movies;

  @Option(names = "--people", defaultValue = "3000", description = "People to generate (default ${DEFAULT-VALUE}).")
  int people;

  @Option(names = "--batches", defaultValue = "6", description = "Bronze micro-batches per table (default ${DEFAULT-VALUE}).")
  int batches;

  @Option(names = "--seed", defaultValue = "42", description = "Seed of the generated data (default ${DEFAULT-VALUE}).")
  long seed;

  @Mixin JsonOption json;

  @Override
  protected int run() {
    DemoOptions options = new DemoOptions(movies, people, batches, seed);
    // Progress goes to stderr when stdout carries JSON.
    PrintWriter progressWriter = json.enabled() ? err() : out();
    progressWriter.println("Movie lakehouse demo: bronze -> silver -> gold on Iceberg, with Spark "
        + storage().spark().version());
    Demo.Summary summary = new Demo(storage(), options, context().ingestConfig(), progressWriter).run();
    if (json.enabled()) {
      Json.print(out(), summary);
      return 0;
    }
    printSummary(summary);
    return 0;
  }

  private void printSummary(Demo.Summary summary) {
    PrintWriter out = out();
    out.println();
    out.println("Tables");
    TextTable tables = new TextTable("layer", "table", "records", "files", "small files", "snapshots", "size", "partitioning");
    for (TableStatistics table : summary.tables()) {
      tables.row(table.layer().id(), table.table(), table.recordCount(), table.fileCount(), table.smallFileCount(),
          table.snapshotCount(), new ByteSize(table.totalSizeBytes()), table.partitioning());
    }
    tables.print(out);
    out.println();
    IngestionReport report = summary.ingestion();
    out.printf(Locale.ROOT,
        "Ingestion     %d movies, %d people: %d records into Kafka %s; %d requests, %d retries, %d skipped%n",
        report.movies(), report.people(), report.records(), report.recordsPerTopic(), report.requests().requests(),
        report.requests().retries(), report.requests().skipped().size());
    out.printf(Locale.ROOT, "Time travel   movie %d rated %.3f at snapshot %d, %.3f now%n",
        summary.correctedMovieId(), summary.ratingBefore(), summary.snapshotBeforeCorrection(), summary.ratingAfter());
    out.printf(Locale.ROOT, "Schema        added %s to silver movies_clean; old snapshots read unchanged%n",
        String.join(", ", summary.columnsAdded()));
    out.printf(Locale.ROOT, "Maintenance   %d planned action(s): data files %d -> %d, small files %d -> %d%n",
        summary.plan().actionCount(), summary.filesBefore(), summary.filesAfter(),
        summary.smallFilesBefore(), summary.smallFilesAfter());
    LakehouseConfig config = context().config();
    out.println();
    out.println("Where everything is");
    out.printf("  catalog     %s (%s)%n", config.catalog().type().id(), context().secrets().mask(config.catalog().uri()));
    out.printf("  warehouse   %s%n", config.warehousePath());
    out.printf("  databases   %s%n", java.util.Arrays.stream(dev.movielake.config.Layer.values())
        .map(layer -> layer.id() + "=" + config.database(layer)).toList());
    out.println();
    out.println("Next: ./pipeline tables list | ./pipeline tables history silver movies_clean"
        + " | ./pipeline maintain report | ./pipeline --help");
    if (!once) {
      out.println("(The REST API and dashboard join the demo with the serving layer; until then it ends here.)");
    }
    out.flush();
  }
}
