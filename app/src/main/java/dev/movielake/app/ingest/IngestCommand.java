package dev.movielake.app.ingest;

import dev.movielake.app.cli.GracefulStop;
import dev.movielake.app.cli.LakehouseCommand;
import dev.movielake.cli.Json;
import dev.movielake.cli.JsonOption;
import dev.movielake.cli.TextTable;
import dev.movielake.config.IngestConfig;
import dev.movielake.ingest.kafka.RecordPublisher;
import dev.movielake.ingest.run.BatchCheckpoint;
import dev.movielake.ingest.run.BatchIngestion;
import dev.movielake.ingest.run.ContinuousIngestion;
import dev.movielake.ingest.run.IncrementalIngestion;
import dev.movielake.ingest.run.IngestionProgress;
import dev.movielake.ingest.run.IngestionReport;
import dev.movielake.ingest.run.SyncCursor;
import dev.movielake.ingest.tmdb.TmdbClient;
import dev.movielake.ingest.tmdb.TmdbCounters;
import dev.movielake.ops.wiring.IngestionServices;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code pipeline ingest batch|continuous|incremental}: TMDB into Kafka. */
@Command(
    name = "ingest",
    description =
        "Read TMDB (or the built-in simulator) into Kafka: batch, continuous or incremental.",
    subcommands = {
      IngestCommand.Batch.class,
      IngestCommand.Continuous.class,
      IngestCommand.Incremental.class
    })
public final class IngestCommand {

  static Path checkpointFolder(IngestConfig config, String mode) {
    return config.state().resolve(mode);
  }

  /** Prints a report as a summary table, or as JSON. */
  static void print(PrintWriter out, IngestionReport report, boolean json) {
    if (json) {
      Json.print(out, report);
      return;
    }
    TmdbCounters.Snapshot requests = report.requests();
    TextTable summary =
        new TextTable(
            "mode",
            "seconds",
            "movies",
            "people",
            "resumed",
            "requests",
            "retries",
            "429s",
            "5xx",
            "timeouts",
            "not found",
            "failed",
            "records");
    summary.row(
        report.mode(),
        Math.round(report.duration().toMillis() / 100.0) / 10.0,
        report.movies(),
        report.people(),
        report.resumedMovies(),
        requests.requests(),
        requests.retries(),
        requests.rateLimited(),
        requests.serverErrors(),
        requests.timeouts(),
        requests.notFound(),
        requests.failed(),
        report.records());
    summary.print(out);
    TextTable topics = new TextTable("topic", "records");
    report.recordsPerTopic().forEach(topics::row);
    out.println();
    topics.print(out);
    if (!requests.skipped().isEmpty()) {
      out.println();
      out.println("skipped (" + requests.skipped().size() + "):");
      requests.skipped().stream().limit(50).forEach(item -> out.println("  " + item));
    }
    if (report.interrupted()) {
      out.println("interrupted: the next 'ingest batch' resumes where this run stopped");
    }
    out.flush();
  }

  @Command(
      name = "batch",
      description =
          "Lists, then details with credits and reviews, then people; resumes an interrupted run.")
  static final class Batch extends LakehouseCommand {
    @Option(
        names = "--pages",
        description = "Pages read of each list (default TMDB_LIST_PAGES, 5).")
    Integer pages;

    @Option(names = "--fresh", description = "Start anew even if an earlier run was interrupted.")
    boolean fresh;

    @Mixin JsonOption json;

    @Override
    protected int run() {
      IngestConfig config = context().ingestConfig();
      Path folder = checkpointFolder(config, "batch");
      if (fresh) {
        BatchCheckpoint.openOrStart(folder).complete();
      }
      if (BatchCheckpoint.unfinished(folder)) {
        err().println("resuming the interrupted batch run in " + folder);
      }
      try (IngestionServices services = IngestionServices.start(config);
          RecordPublisher publisher = services.publisher();
          IngestionProgressReporter progress =
              IngestionProgressReporter.create(err(), json.enabled())) {
        TmdbClient client = services.client(new TmdbCounters());
        err().println("TMDB " + client.baseUrl() + " -> Kafka " + services.bootstrapServers());
        BatchIngestion batch =
            new BatchIngestion(
                client, publisher, config.kafka(), services.tmdb().concurrency(), progress);
        IngestionReport report;
        try (GracefulStop ignored = new GracefulStop(batch::stop)) {
          report =
              batch.run(
                  pages == null ? config.tmdb().listPages() : pages,
                  BatchCheckpoint.openOrStart(folder));
        }
        progress.close();
        print(out(), report, json.enabled());
        return report.requests().failed() > 0 ? 1 : 0;
      }
    }
  }

  @Command(
      name = "continuous",
      description = "Batch cycles every interval until stopped (Ctrl-C stops cleanly).")
  static final class Continuous extends LakehouseCommand {
    @Option(
        names = "--interval",
        defaultValue = "60m",
        description = "Time between cycles: 30s, 60m, 2h (default ${DEFAULT-VALUE}).")
    String interval;

    @Option(
        names = "--pages",
        defaultValue = "2",
        description = "Pages read of each list per cycle (default ${DEFAULT-VALUE}).")
    int pages;

    @Override
    protected int run() {
      IngestConfig config = context().ingestConfig();
      Duration every = ContinuousIngestion.parseInterval(interval);
      try (IngestionServices services = IngestionServices.start(config);
          RecordPublisher publisher = services.publisher()) {
        ContinuousIngestion continuous =
            new ContinuousIngestion(
                () ->
                    new BatchIngestion(
                        services.client(new TmdbCounters()),
                        publisher,
                        config.kafka(),
                        services.tmdb().concurrency(),
                        IngestionProgress.NONE),
                every,
                pages,
                checkpointFolder(config, "continuous"));
        err()
            .println(
                "ingesting every "
                    + interval
                    + " from "
                    + services.tmdb().baseUrl().orElseThrow()
                    + " into Kafka "
                    + services.bootstrapServers()
                    + "; Ctrl-C stops");
        try (GracefulStop ignored = new GracefulStop(continuous::stop)) {
          continuous.run(report -> print(out(), report, false));
          publisher.flush();
        }
        return 0;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return 1;
      }
    }
  }

  @Command(
      name = "incremental",
      description = "Re-fetch only movies TMDB reports as changed since the cursor (or --since).")
  static final class Incremental extends LakehouseCommand {
    @Option(
        names = "--since",
        description =
            "First day to sync (YYYY-MM-DD); default: where the last run stopped, else yesterday.")
    LocalDate since;

    @Mixin JsonOption json;

    @Override
    protected int run() {
      IngestConfig config = context().ingestConfig();
      LocalDate today = LocalDate.now(ZoneOffset.UTC);
      if (since != null && since.isAfter(today)) {
        throw new IllegalArgumentException(
            "--since " + since + " is in the future (today is " + today + ")");
      }
      try (IngestionServices services = IngestionServices.start(config);
          RecordPublisher publisher = services.publisher();
          IngestionProgressReporter progress =
              IngestionProgressReporter.create(err(), json.enabled())) {
        IncrementalIngestion incremental =
            new IncrementalIngestion(
                services.client(new TmdbCounters()),
                publisher,
                config.kafka(),
                services.tmdb().concurrency(),
                progress);
        IngestionReport report =
            incremental.run(
                Optional.ofNullable(since),
                new SyncCursor(config.state().resolve("cursor")),
                today);
        progress.close();
        print(out(), report, json.enabled());
        return report.requests().failed() > 0 ? 1 : 0;
      }
    }
  }
}
