package dev.movielake.app.schedule;

import dev.movielake.app.PipelineCommand;
import dev.movielake.app.cli.GracefulStop;
import dev.movielake.app.cli.LakehouseCommand;
import dev.movielake.cli.Json;
import dev.movielake.cli.JsonOption;
import dev.movielake.cli.TextTable;
import dev.movielake.config.IngestConfig;
import dev.movielake.config.KafkaConfig;
import dev.movielake.config.ScheduleConfig;
import dev.movielake.ops.schedule.CronSchedule;
import dev.movielake.ops.schedule.ProcessJobRunner;
import dev.movielake.ops.schedule.RunHistory;
import dev.movielake.ops.schedule.RunRecord;
import dev.movielake.ops.schedule.ScheduleFolder;
import dev.movielake.ops.schedule.ScheduledJob;
import dev.movielake.ops.schedule.Scheduler;
import dev.movielake.ops.wiring.KafkaCluster;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/**
 * {@code pipeline schedule}: the built-in scheduler (ingestion hourly, processing daily, quality
 * every 6 hours, maintenance weekly), the jobs and their next runs, the run history, and a job run
 * by hand. State lives in {@code LAKEHOUSE_HOME/schedule}: {@code history.jsonl}, one log per
 * command run in {@code logs/}, and the job locks.
 */
@Command(
    name = "schedule",
    description =
        "Run the jobs on their cron schedules until stopped (Ctrl-C); see also list, history and"
            + " run.",
    subcommands = {
      ScheduleCommand.ListJobs.class,
      ScheduleCommand.History.class,
      ScheduleCommand.RunJob.class
    })
public final class ScheduleCommand extends LakehouseCommand {
  /** The jobs run this program's commands: it names itself to the scheduler that starts them. */
  private static final String PIPELINE = PipelineCommand.class.getName();

  @Option(
      names = "--jobs",
      split = ",",
      paramLabel = "JOB",
      description =
          "Only these jobs (ingestion, processing, quality, maintenance); all enabled ones by"
              + " default.")
  List<String> only;

  @Override
  protected int run() {
    IngestConfig ingest = context().ingestConfig();
    List<ScheduledJob> jobs = selected(context().scheduleConfig(), only, spec.commandLine());
    ScheduleFolder folder = ScheduleFolder.of(ingest);
    PrintWriter err = err();
    CountDownLatch stop = new CountDownLatch(1);
    // The graceful stop is opened first and closed last, so Ctrl-C waits until the runs still going
    // are stopped and recorded and the broker is closed. Jobs run in JVMs of their own; with the
    // embedded broker they share this one, since only one process at a time can open its folder.
    try (GracefulStop ignored = new GracefulStop(stop::countDown, ProcessJobRunner.SHUTDOWN_GRACE);
        KafkaCluster kafka = KafkaCluster.openEmbedded(ingest).orElse(null)) {
      Map<String, String> environment = new HashMap<>(context().variables());
      if (kafka != null) {
        environment.put(KafkaConfig.BOOTSTRAP_SERVERS, kafka.bootstrapServers());
        err.println("embedded Kafka for the jobs on " + kafka.bootstrapServers());
      }
      try (Scheduler scheduler =
          folder.scheduler(jobs, PIPELINE, environment, new ProgressListener(err))) {
        printJobs(jobs, scheduler.nextRuns());
        err.println(
            "scheduler running; history in " + folder.history().file() + "; Ctrl-C stops it");
        err.flush();
        scheduler.runUntil(stop);
        err.println("stopping: runs still going are stopped and recorded as interrupted");
        err.flush();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return 0;
  }

  private void printJobs(List<ScheduledJob> jobs, Map<String, Instant> nextRuns) {
    TextTable table = new TextTable("JOB", "CRON", "NEXT RUN", "RETRIES", "TIMEOUT", "COMMANDS");
    for (ScheduledJob job : jobs) {
      table.row(
          job.name(),
          job.schedule().map(CronSchedule::expression).orElse("off"),
          Optional.ofNullable(nextRuns.get(job.name())),
          job.retries(),
          job.timeout().toMinutes() + " min",
          commands(job));
    }
    table.print(out());
    out().flush();
  }

  static String commands(ScheduledJob job) {
    return String.join(
        "; ",
        job.commands().stream().map(command -> "pipeline " + String.join(" ", command)).toList());
  }

  /**
   * The configured jobs, or the named ones; an unknown name is a usage error listing the known
   * ones.
   */
  static List<ScheduledJob> selected(
      ScheduleConfig config, List<String> names, CommandLine commandLine) {
    List<ScheduledJob> all = ScheduledJob.of(config);
    if (names == null || names.isEmpty()) {
      return all;
    }
    List<ScheduledJob> chosen = new ArrayList<>();
    for (String name : names) {
      ScheduleConfig.Job job =
          ScheduleConfig.Job.byId(name.strip())
              .orElseThrow(
                  () ->
                      new ParameterException(
                          commandLine,
                          "unknown job '"
                              + name
                              + "'; the jobs are ingestion, processing, quality, maintenance"));
      all.stream().filter(scheduled -> scheduled.job() == job).forEach(chosen::add);
    }
    return chosen;
  }

  /** Progress lines for people, on stderr. */
  private static final class ProgressListener implements Scheduler.Listener {
    private final PrintWriter err;

    ProgressListener(PrintWriter err) {
      this.err = err;
    }

    @Override
    public synchronized void attemptStarted(ScheduledJob job, int attempt) {
      err.println(
          TextTable.text(Instant.now())
              + " "
              + job.name()
              + ": attempt "
              + attempt
              + " of "
              + (job.retries() + 1)
              + " started ("
              + commands(job)
              + ")");
      err.flush();
    }

    @Override
    public synchronized void attemptFailed(
        ScheduledJob job, int attempt, String error, Duration retryIn) {
      err.println(
          TextTable.text(Instant.now())
              + " "
              + job.name()
              + ": attempt "
              + attempt
              + " failed: "
              + error
              + "; retrying in "
              + TextTable.text(retryIn));
      err.flush();
    }

    @Override
    public synchronized void finished(RunRecord record) {
      err.println(
          TextTable.text(Instant.now())
              + " "
              + record.job()
              + ": "
              + record.outcome().name().toLowerCase(Locale.ROOT)
              + " after "
              + TextTable.text(record.duration())
              + (record.error() == null ? "" : ": " + record.error()));
      err.flush();
    }
  }

  @Command(
      name = "list",
      description =
          "The jobs: cron expression, next run, retries, timeout and the commands they run.")
  static final class ListJobs extends LakehouseCommand {
    @Mixin JsonOption json;

    record JobView(
        String job,
        String cron,
        String description,
        Instant nextRun,
        int retries,
        Duration retryDelay,
        Duration timeout,
        List<String> commands) {}

    @Override
    protected int run() {
      Instant now = Instant.now();
      List<JobView> views = new ArrayList<>();
      for (ScheduledJob job : selected(context().scheduleConfig(), List.of(), spec.commandLine())) {
        views.add(
            new JobView(
                job.name(),
                job.schedule().map(CronSchedule::expression).orElse(ScheduleConfig.OFF),
                job.schedule()
                    .map(CronSchedule::describe)
                    .orElse("switched off (" + job.job().cronVariable() + "=off)"),
                job.schedule().map(schedule -> schedule.nextAfter(now)).orElse(null),
                job.retries(),
                job.retryDelay(),
                job.timeout(),
                job.commands().stream()
                    .map(command -> "pipeline " + String.join(" ", command))
                    .toList()));
      }
      if (json.enabled()) {
        Json.print(out(), views);
        return 0;
      }
      TextTable table =
          new TextTable("JOB", "CRON", "WHEN", "NEXT RUN", "RETRIES", "TIMEOUT", "COMMANDS");
      for (JobView view : views) {
        table.row(
            view.job(),
            view.cron(),
            view.description(),
            view.nextRun(),
            view.retries() + " (every " + TextTable.text(view.retryDelay()) + ")",
            view.timeout().toMinutes() + " min",
            String.join("; ", view.commands()));
      }
      table.print(out());
      out().flush();
      return 0;
    }
  }

  @Command(
      name = "history",
      description = "Past runs, newest first: outcome, duration, attempts and error.")
  static final class History extends LakehouseCommand {
    @Option(names = "--job", paramLabel = "JOB", description = "Only this job's runs.")
    String job;

    @Option(
        names = "--limit",
        paramLabel = "N",
        defaultValue = "20",
        description = "At most N runs (default: ${DEFAULT-VALUE}).")
    int limit;

    @Mixin JsonOption json;

    @Override
    protected int run() {
      if (limit < 1) {
        throw new ParameterException(
            spec.commandLine(), "--limit must be at least 1, got " + limit);
      }
      if (job != null && ScheduleConfig.Job.byId(job).isEmpty()) {
        throw new ParameterException(
            spec.commandLine(),
            "unknown job '" + job + "'; the jobs are ingestion, processing, quality, maintenance");
      }
      RunHistory history = ScheduleFolder.of(context().ingestConfig()).history();
      List<RunRecord> records = history.read(Optional.ofNullable(job), limit);
      if (json.enabled()) {
        Json.print(out(), records);
        return 0;
      }
      if (records.isEmpty()) {
        println(
            "no runs yet in "
                + history.file()
                + " (start the scheduler with 'pipeline schedule' or run a job with 'pipeline"
                + " schedule run JOB')");
        return 0;
      }
      TextTable table =
          new TextTable(
              "JOB", "TRIGGER", "DUE", "STARTED", "DURATION", "OUTCOME", "ATTEMPTS", "ERROR");
      for (RunRecord record : records) {
        table.row(
            record.job(),
            record.trigger(),
            record.scheduledFor(),
            record.startedAt(),
            record.duration(),
            record.outcome(),
            record.attempts(),
            record.error());
      }
      table.print(out());
      out().flush();
      return 0;
    }
  }

  @Command(
      name = "run",
      description = "Run one job now, with its retries, and record it in the history.")
  static final class RunJob extends LakehouseCommand {
    @Parameters(paramLabel = "JOB", description = "ingestion, processing, quality or maintenance")
    String job;

    @Mixin JsonOption json;

    @Override
    protected int run() {
      ScheduledJob scheduled =
          selected(context().scheduleConfig(), List.of(job), spec.commandLine()).get(0);
      // Ctrl-C interrupts the run, which stops its command and records it as interrupted.
      Thread running = Thread.currentThread();
      try (GracefulStop ignored =
              new GracefulStop(running::interrupt, ProcessJobRunner.SHUTDOWN_GRACE);
          Scheduler scheduler =
              ScheduleFolder.of(context().ingestConfig())
                  .scheduler(
                      List.of(scheduled),
                      PIPELINE,
                      context().variables(),
                      json.enabled() ? Scheduler.Listener.NONE : new ProgressListener(err()))) {
        RunRecord record = scheduler.runNow(scheduled);
        if (json.enabled()) {
          Json.print(out(), record);
        } else {
          println(
              record.job()
                  + " "
                  + record.outcome().name().toLowerCase(Locale.ROOT)
                  + " after "
                  + TextTable.text(record.duration())
                  + " ("
                  + record.attempts()
                  + " attempt(s))"
                  + (record.error() == null ? "" : ": " + record.error())
                  + (record.log() == null ? "" : "; log: " + record.log()));
        }
        return record.outcome() == RunRecord.Outcome.SUCCEEDED ? 0 : 1;
      }
    }
  }
}
