package dev.movielake.config;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The built-in scheduler ({@code pipeline schedule}): when each job runs, how often a failed run is
 * retried and how long a run may take. The defaults are the original Airflow DAGs' schedules.
 *
 * @param jobs per job, in the order they are listed
 * @param retryDelay wait between a failed attempt and the next
 * @param timeZone the zone cron expressions are read in
 */
public record ScheduleConfig(Map<Job, JobSchedule> jobs, Duration retryDelay, ZoneId timeZone) {
  public static final String RETRY_DELAY_SECONDS = "SCHEDULE_RETRY_DELAY_SECONDS";
  public static final String TIME_ZONE = "SCHEDULE_TIME_ZONE";

  /** The value of a job's cron variable that switches the job off. */
  public static final String OFF = "off";

  /** The scheduled jobs; each runs pipeline commands. */
  public enum Job {
    /** {@code @hourly} with 3 retries in the original {@code movie_data_ingestion} DAG. */
    INGESTION("0 * * * *", 3, Duration.ofMinutes(50)),
    /** {@code @daily} in {@code movie_data_processing}. */
    PROCESSING("0 0 * * *", 1, Duration.ofHours(3)),
    /** {@code 0 *}{@code /6 * * *} in {@code data_quality_monitoring}. */
    QUALITY("0 */6 * * *", 1, Duration.ofHours(1)),
    /** {@code 0 2 * * 0} (Sunday 2 AM) with 2 retries in the seed's {@code iceberg_maintenance}. */
    MAINTENANCE("0 2 * * 0", 2, Duration.ofHours(6));

    private final String defaultCron;
    private final int defaultRetries;
    private final Duration defaultTimeout;

    Job(String defaultCron, int defaultRetries, Duration defaultTimeout) {
      this.defaultCron = defaultCron;
      this.defaultRetries = defaultRetries;
      this.defaultTimeout = defaultTimeout;
    }

    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }

    public String cronVariable() {
      return "SCHEDULE_" + name() + "_CRON";
    }

    public String retriesVariable() {
      return "SCHEDULE_" + name() + "_RETRIES";
    }

    public String timeoutVariable() {
      return "SCHEDULE_" + name() + "_TIMEOUT_MINUTES";
    }

    public static Optional<Job> byId(String id) {
      for (Job job : values()) {
        if (job.id().equalsIgnoreCase(id)) {
          return Optional.of(job);
        }
      }
      return Optional.empty();
    }
  }

  /**
   * @param cron a five-field cron expression (minute hour day-of-month month day-of-week), or empty
   *     when the job is switched off
   * @param retries attempts after the first failed one
   * @param timeout a run still going after this is stopped and counted as failed
   */
  public record JobSchedule(Optional<String> cron, int retries, Duration timeout) {}

  public ScheduleConfig {
    jobs = Collections.unmodifiableMap(new LinkedHashMap<>(jobs));
  }

  public static ScheduleConfig from(Map<String, String> variables) {
    return from(new VariableReader(variables));
  }

  static ScheduleConfig from(VariableReader reader) {
    Map<Job, JobSchedule> jobs = new LinkedHashMap<>();
    for (Job job : Job.values()) {
      String cron = reader.string(job.cronVariable(), job.defaultCron);
      Optional<String> enabled = OFF.equalsIgnoreCase(cron) ? Optional.empty() : Optional.of(cron);
      int retries = reader.nonNegativeInt(job.retriesVariable(), job.defaultRetries);
      Duration timeout =
          Duration.ofMinutes(
              reader.positiveLong(job.timeoutVariable(), job.defaultTimeout.toMinutes()));
      jobs.put(job, new JobSchedule(enabled, retries, timeout));
    }
    Duration retryDelay = Duration.ofSeconds(reader.nonNegativeInt(RETRY_DELAY_SECONDS, 300));
    String zone = reader.string(TIME_ZONE, "UTC");
    ZoneId timeZone;
    try {
      timeZone = ZoneId.of(zone);
    } catch (DateTimeException e) {
      throw new ConfigException(
          TIME_ZONE, "'" + zone + "' is not a time zone; use e.g. UTC or Europe/Paris");
    }
    return new ScheduleConfig(jobs, retryDelay, timeZone);
  }
}
