package dev.movielake.app.demo;

import dev.movielake.app.cli.LakehouseCommand;
import dev.movielake.app.cli.LakehouseContext;
import dev.movielake.app.serve.ServeCommand;
import dev.movielake.app.serve.ServingStack;
import dev.movielake.app.stack.StackCommand;
import dev.movielake.cli.ByteSize;
import dev.movielake.cli.Json;
import dev.movielake.cli.JsonOption;
import dev.movielake.cli.TextTable;
import dev.movielake.config.EnvironmentSource;
import dev.movielake.config.LakehouseConfig;
import dev.movielake.config.ServeConfig;
import dev.movielake.ingest.run.IngestionReport;
import dev.movielake.lakehouse.table.TableStatistics;
import dev.movielake.model.Layer;
import dev.movielake.ops.stack.LocalStack;
import dev.movielake.ops.stack.StackEnvironment;
import dev.movielake.ops.stack.StackState;
import dev.movielake.ops.wiring.ServingDatabase;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code pipeline demo}: the whole pipeline end to end on the configured (by default embedded)
 * lakehouse.
 */
@Command(
    name = "demo",
    description = {
      "Run the whole pipeline end to end, print a summary, then serve the API and dashboard.",
      "On the configured systems (embedded by default): TMDB (the built-in simulator) -> Kafka ->"
          + " bronze",
      "-> silver -> gold with the streaming queries; then a schema change, a second run after TMDB",
      "changed movies (with time travel), and maintenance. Shares checkpoints with 'pipeline"
          + " stream':",
      "a second demo continues the first."
    })
public final class DemoCommand extends LakehouseCommand {
  @Option(
      names = "--once",
      description =
          "End after the summary and a check that the API answers, instead of "
              + "serving the API and dashboard until stopped.")
  boolean once;

  @Option(
      names = "--pages",
      defaultValue = "1",
      description =
          "Pages of each TMDB list to ingest, 20 movies a page (default ${DEFAULT-VALUE}).")
  int pages;

  @Option(
      names = "--changes",
      defaultValue = "3",
      description =
          "Movies the simulator changes before the second run (default ${DEFAULT-VALUE}).")
  int changes;

  @Option(
      names = "--stack",
      description =
          "Run on the local production-like stack (Hive Metastore on PostgreSQL, S3 warehouse,"
              + " Kafka, MongoDB server): the one 'pipeline stack up' runs, else one started for"
              + " the demo.")
  boolean onStack;

  @Option(
      names = "--stack-folder",
      defaultValue = StackCommand.FOLDER_DEFAULT,
      description =
          "The stack's folder with --stack (default ${DEFAULT-VALUE}; env LAKEHOUSE_STACK_HOME).")
  Path stackFolder;

  @Mixin JsonOption json;

  private LakehouseContext stackContext;

  @Override
  protected LakehouseContext context() {
    return stackContext != null ? stackContext : super.context();
  }

  @Override
  protected int run() {
    if (!onStack) {
      return runDemo();
    }
    PrintWriter progressWriter = json.enabled() ? err() : out();
    Path home = stackFolder.toAbsolutePath().normalize();
    Map<String, String> stackVariables;
    LocalStack started = null;
    Thread stopStack = null;
    if (StackState.running(home).isPresent()) {
      progressWriter.println("Using the stack running in " + home + ".");
      stackVariables = StackEnvironment.read(home);
    } else {
      progressWriter.println(
          "Starting a local stack in " + home + " for the demo (stopped at its end):");
      progressWriter.flush();
      started =
          LocalStack.start(
              home,
              step -> {
                progressWriter.println("  " + step);
                progressWriter.flush();
              });
      stackVariables = started.environment();
      LocalStack stack = started;
      // Ctrl-C while serving: the stack's server processes must not outlive the demo.
      stopStack = new Thread(stack::close, "demo-stack-shutdown");
      Runtime.getRuntime().addShutdownHook(stopStack);
    }
    Map<String, String> variables = new HashMap<>(EnvironmentSource.load());
    variables.putAll(stackVariables);
    stackContext = new LakehouseContext(() -> variables);
    try {
      return runDemo();
    } finally {
      stackContext.close();
      if (started != null) {
        started.close();
        try {
          Runtime.getRuntime().removeShutdownHook(stopStack);
        } catch (IllegalStateException e) {
          // already shutting down: the hook runs and finds nothing left to stop
        }
      }
    }
  }

  private int runDemo() {
    DemoOptions options = new DemoOptions(pages, changes);
    // Progress goes to stderr when stdout carries JSON.
    PrintWriter progressWriter = json.enabled() ? err() : out();
    progressWriter.println(
        "Movie lakehouse demo: bronze -> silver -> gold on Iceberg, with Spark "
            + storage().spark().version());
    ServeConfig serveConfig = context().serveConfig();
    ServingDatabase database = ServingDatabase.open(serveConfig);
    ServingStack stack;
    try {
      Demo.Summary summary =
          new Demo(
                  storage(),
                  options,
                  context().ingestConfig(),
                  context().qualityConfig(),
                  database.database(),
                  progressWriter)
              .run();
      if (json.enabled()) {
        Json.print(out(), summary);
      } else {
        printSummary(summary);
      }
      stack = ServingStack.start(context().config(), serveConfig, database);
    } catch (RuntimeException e) {
      database.close();
      throw e;
    }
    progressWriter.println();
    progressWriter.println("API and dashboard, serving " + database.description() + ":");
    stack.printUrls(progressWriter);
    if (once) {
      int status = ApiCheck.status(stack.api().url() + "/health");
      progressWriter.println("API check: GET /health answered " + status + "; stopping (--once).");
      progressWriter.flush();
      stack.close();
      database.close();
      return status == 200 ? 0 : 1;
    }
    progressWriter.println("Stop with Ctrl-C.");
    progressWriter.flush();
    ServeCommand.awaitShutdown(stack, database);
    return 0;
  }

  private void printSummary(Demo.Summary summary) {
    PrintWriter out = out();
    out.println();
    out.println("Tables");
    TextTable tables =
        new TextTable(
            "layer",
            "table",
            "records",
            "files",
            "small files",
            "snapshots",
            "size",
            "partitioning");
    for (TableStatistics table : summary.tables()) {
      tables.row(
          table.layer().id(),
          table.table(),
          table.records().recordCount(),
          table.files().fileCount(),
          table.files().smallFileCount(),
          table.snapshots().snapshotCount(),
          new ByteSize(table.files().totalSizeBytes()),
          table.layout().partitioning());
    }
    tables.print(out);
    out.println();
    IngestionReport report = summary.ingestion();
    out.printf(
        Locale.ROOT,
        "Ingestion     %d movies, %d people: %d records into Kafka %s; %d requests, %d retries, %d"
            + " skipped%n",
        report.movies(),
        report.people(),
        report.records(),
        report.recordsPerTopic(),
        report.requests().requests(),
        report.requests().retries(),
        report.requests().skipped().size());
    out.printf(
        Locale.ROOT,
        "Streaming     %d dead letters in bronze, %d records quarantined in silver; quality %s%n",
        summary.deadLetters(),
        summary.quarantined(),
        summary.qualityScores());
    out.printf(
        Locale.ROOT,
        "Quality       overall %.2f %s over %d tables (pipeline quality;"
            + " /lakehouse/quality/scores)%n",
        summary.quality().overallScore(),
        summary.quality().overallLevel().name().toLowerCase(Locale.ROOT),
        summary.quality().tables().size());
    out.printf(Locale.ROOT, "Trending      %s%n", String.join(", ", summary.topTrending()));
    out.printf(
        Locale.ROOT,
        "Time travel   movie %d had popularity %.3f at snapshot %d, %.3f now (%d records"
            + " re-ingested)%n",
        summary.changedMovieId(),
        summary.popularityBefore(),
        summary.snapshotBeforeChange(),
        summary.popularityAfter(),
        summary.changes().records());
    out.printf(
        Locale.ROOT,
        "Schema        %s silver movies_clean; the next run upserted into it unchanged%n",
        summary.columnsAdded().isEmpty()
            ? "trending_score, ai_generated_summary already in"
            : "added " + String.join(", ", summary.columnsAdded()) + " to");
    out.printf(
        Locale.ROOT,
        "Maintenance   %d planned action(s): data files %d -> %d, small files %d -> %d%n",
        summary.plan().actionCount(),
        summary.filesBefore(),
        summary.filesAfter(),
        summary.smallFilesBefore(),
        summary.smallFilesAfter());
    LakehouseConfig config = context().config();
    out.println();
    out.println("Where everything is");
    out.printf(
        "  catalog     %s (%s)%n",
        config.catalog().type().id(), context().secrets().mask(config.catalog().uri()));
    out.printf("  warehouse   %s%n", config.warehousePath());
    out.printf(
        "  databases   %s%n",
        Arrays.stream(Layer.values())
            .map(layer -> layer.id() + "=" + config.database(layer))
            .toList());
    out.println();
    out.printf(
        Locale.ROOT,
        "Serving       first publish: %s; after TMDB's changes: %s%n",
        Demo.describe(summary.published()),
        Demo.describe(summary.republished()));
    out.println(
        "Next: ./pipeline stream (continuous) | ./pipeline publish | ./pipeline serve | ./pipeline"
            + " tables history silver movies_clean | ./pipeline maintain report | ./pipeline"
            + " --help");
    out.flush();
  }
}
