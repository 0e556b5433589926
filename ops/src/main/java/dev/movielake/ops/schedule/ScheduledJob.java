package dev.movielake.ops.schedule;

import dev.movielake.config.ScheduleConfig;
import dev.movielake.config.ScheduleConfig.Job;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A job the scheduler runs: pipeline commands run one after the other, each in a JVM of its own,
 * the same commands the Airflow DAGs in {@code deploy/airflow} call.
 *
 * @param schedule empty when the job is switched off (it can still be run by hand)
 * @param commands each a {@code pipeline} command line; the job stops at the first that fails
 */
public record ScheduledJob(
    Job job,
    Optional<CronSchedule> schedule,
    List<List<String>> commands,
    int retries,
    Duration retryDelay,
    Duration timeout) {
  public ScheduledJob {
    commands = commands.stream().map(List::copyOf).toList();
  }

  public String name() {
    return job.id();
  }

  /**
   * What each job runs; maintenance follows the plan, so only the tables that need it are touched.
   */
  public static List<List<String>> commandsOf(Job job) {
    return switch (job) {
      case INGESTION -> List.of(List.of("ingest", "batch"));
      case PROCESSING -> List.of(List.of("batch"), List.of("publish"));
      case QUALITY -> List.of(List.of("quality"));
      case MAINTENANCE -> List.of(List.of("maintain", "all", "--planned"));
    };
  }

  /** The jobs of a configuration, in its order; a bad cron expression names its variable. */
  public static List<ScheduledJob> of(ScheduleConfig config) {
    List<ScheduledJob> jobs = new ArrayList<>();
    config
        .jobs()
        .forEach(
            (job, settings) ->
                jobs.add(
                    new ScheduledJob(
                        job,
                        settings
                            .cron()
                            .map(
                                cron ->
                                    CronSchedule.parse(
                                        cron, config.timeZone(), job.cronVariable())),
                        commandsOf(job),
                        settings.retries(),
                        config.retryDelay(),
                        settings.timeout())));
    return jobs;
  }
}
