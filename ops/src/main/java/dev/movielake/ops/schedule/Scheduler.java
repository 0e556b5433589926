package dev.movielake.ops.schedule;

import dev.movielake.ops.schedule.RunRecord.Outcome;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fires jobs when their cron expression says, each on a thread of its own. A failed attempt is
 * retried after the job's delay; a job whose previous run is still going is skipped for that fire
 * time (recorded as such), never run twice at once, also across processes ({@link JobLock}). A fire
 * time missed while the scheduler was down is not caught up, as Airflow's {@code catchup=False}.
 * Every run ends up in the {@link RunHistory}.
 */
public final class Scheduler implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Scheduler.class);

  /** The loop wakes at least this often, so a changed system clock is noticed. */
  private static final Duration LONGEST_SLEEP = Duration.ofMinutes(1);

  /** Waits between attempts; tests pass one that moves their clock. */
  public interface Pause {
    void pause(Duration duration) throws InterruptedException;
  }

  /** What the scheduler reports as it goes (progress for people). */
  public interface Listener {
    Listener NONE = new Listener() {};

    default void attemptStarted(ScheduledJob job, int attempt) {}

    default void attemptFailed(ScheduledJob job, int attempt, String error, Duration retryIn) {}

    default void finished(RunRecord record) {}
  }

  private final Map<String, ScheduledJob> jobs = new LinkedHashMap<>();
  private final JobRunner runner;
  private final RunHistory history;
  private final Path lockFolder;
  private final Clock clock;
  private final Pause pause;
  private final Listener listener;
  private final Map<String, Instant> nextRuns = new ConcurrentHashMap<>();
  private final Map<String, Instant> running = new ConcurrentHashMap<>();
  private final Set<CompletableFuture<RunRecord>> inFlight = ConcurrentHashMap.newKeySet();
  private final ExecutorService executor =
      Executors.newCachedThreadPool(
          task -> {
            Thread thread = new Thread(task, "scheduled-job");
            thread.setDaemon(true);
            return thread;
          });

  public Scheduler(
      List<ScheduledJob> jobs,
      JobRunner runner,
      RunHistory history,
      Path lockFolder,
      Clock clock,
      Pause pause,
      Listener listener) {
    jobs.forEach(job -> this.jobs.put(job.name(), job));
    this.runner = runner;
    this.history = history;
    this.lockFolder = lockFolder;
    this.clock = clock;
    this.pause = pause;
    this.listener = listener;
    Instant now = clock.instant();
    for (ScheduledJob job : jobs) {
      job.schedule().ifPresent(schedule -> nextRuns.put(job.name(), schedule.nextAfter(now)));
    }
  }

  public Optional<ScheduledJob> job(String name) {
    return Optional.ofNullable(jobs.get(name));
  }

  /** The next fire time of each scheduled job (switched-off jobs are absent). */
  public Map<String, Instant> nextRuns() {
    Map<String, Instant> ordered = new LinkedHashMap<>();
    jobs.keySet()
        .forEach(
            name ->
                Optional.ofNullable(nextRuns.get(name)).ifPresent(next -> ordered.put(name, next)));
    return ordered;
  }

  /**
   * Starts every job whose fire time has come and moves its next fire time past now. A job still
   * running from before is recorded as skipped instead.
   *
   * @return the runs started, completing with their records
   */
  public synchronized List<CompletableFuture<RunRecord>> runDue() {
    Instant now = clock.instant();
    List<CompletableFuture<RunRecord>> started = new ArrayList<>();
    for (ScheduledJob job : jobs.values()) {
      Instant due = nextRuns.get(job.name());
      if (due == null || now.isBefore(due)) {
        continue;
      }
      nextRuns.put(job.name(), job.schedule().orElseThrow().nextAfter(now));
      Instant previous = running.putIfAbsent(job.name(), now);
      if (previous != null) {
        record(
            new RunRecord(
                job.name(),
                "schedule",
                due,
                now,
                now,
                Outcome.SKIPPED,
                0,
                "the run started at " + previous + " is still going",
                null));
        continue;
      }
      CompletableFuture<RunRecord> run =
          CompletableFuture.supplyAsync(() -> execute(job, "schedule", due), executor);
      inFlight.add(run);
      run.whenComplete(
          (record, error) -> {
            running.remove(job.name());
            inFlight.remove(run);
          });
      started.add(run);
    }
    return started;
  }

  /** Runs a job now, in this thread, with its retries (the {@code schedule run} command). */
  public RunRecord runNow(ScheduledJob job) {
    Instant now = clock.instant();
    if (running.putIfAbsent(job.name(), now) != null) {
      return record(
          new RunRecord(
              job.name(),
              "manual",
              now,
              now,
              now,
              Outcome.SKIPPED,
              0,
              "a scheduled run of " + job.name() + " is still going",
              null));
    }
    try {
      return execute(job, "manual", now);
    } finally {
      running.remove(job.name());
    }
  }

  /** When {@link #runDue} next has something to do. */
  public Optional<Instant> nextWakeUp() {
    return nextRuns.values().stream().min(Instant::compareTo);
  }

  /**
   * Fires jobs until {@code stop} is released; then stops the runs still going (recorded as
   * interrupted).
   */
  public void runUntil(CountDownLatch stop) throws InterruptedException {
    while (stop.getCount() > 0) {
      runDue();
      Instant now = clock.instant();
      Duration wait = nextWakeUp().map(next -> Duration.between(now, next)).orElse(LONGEST_SLEEP);
      if (wait.compareTo(LONGEST_SLEEP) > 0) {
        wait = LONGEST_SLEEP;
      }
      if (!wait.isNegative() && !wait.isZero()) {
        stop.await(wait.toMillis() + 1, TimeUnit.MILLISECONDS);
      }
    }
  }

  private RunRecord execute(ScheduledJob job, String trigger, Instant due) {
    Instant started = clock.instant();
    Optional<JobLock> lock = JobLock.tryAcquire(lockFolder, job.name());
    if (lock.isEmpty()) {
      return record(
          new RunRecord(
              job.name(),
              trigger,
              due,
              started,
              started,
              Outcome.SKIPPED,
              0,
              "another process is running "
                  + job.name()
                  + " (lock "
                  + lockFolder.resolve(job.name() + ".lock")
                  + ")",
              null));
    }
    try (JobLock ignored = lock.get()) {
      int attempts = job.retries() + 1;
      JobRunner.Attempt last = null;
      for (int attempt = 1; attempt <= attempts; attempt++) {
        listener.attemptStarted(job, attempt);
        try {
          last = runner.run(job, attempt, job.timeout());
        } catch (InterruptedException e) {
          String log =
              e instanceof JobRunner.Stopped stopped
                  ? stopped.log().map(Path::toString).orElse(null)
                  : null;
          return record(
              new RunRecord(
                  job.name(),
                  trigger,
                  due,
                  started,
                  clock.instant(),
                  Outcome.INTERRUPTED,
                  attempt,
                  "the scheduler was stopped during attempt " + attempt,
                  log));
        } catch (RuntimeException e) {
          last =
              JobRunner.Attempt.failure(
                  "cannot run " + job.name() + ": " + e.getMessage(), Optional.empty());
        }
        if (last.succeeded()) {
          return record(
              new RunRecord(
                  job.name(),
                  trigger,
                  due,
                  started,
                  clock.instant(),
                  Outcome.SUCCEEDED,
                  attempt,
                  null,
                  logOf(last)));
        }
        if (attempt < attempts) {
          listener.attemptFailed(job, attempt, last.error().orElse("failed"), job.retryDelay());
          try {
            pause.pause(job.retryDelay());
          } catch (InterruptedException e) {
            return record(
                new RunRecord(
                    job.name(),
                    trigger,
                    due,
                    started,
                    clock.instant(),
                    Outcome.INTERRUPTED,
                    attempt,
                    "the scheduler was stopped while waiting to retry after: "
                        + last.error().orElse("failed"),
                    logOf(last)));
          }
        }
      }
      return record(
          new RunRecord(
              job.name(),
              trigger,
              due,
              started,
              clock.instant(),
              last.timedOut() ? Outcome.TIMED_OUT : Outcome.FAILED,
              attempts,
              last.error().orElse("failed"),
              logOf(last)));
    }
  }

  private static String logOf(JobRunner.Attempt attempt) {
    return attempt.log().map(Path::toString).orElse(null);
  }

  private RunRecord record(RunRecord record) {
    history.append(record);
    LOG.debug(
        "{} {} ({} attempt(s), {} ms){}",
        record.job(),
        record.outcome(),
        record.attempts(),
        record.duration().toMillis(),
        record.error() == null ? "" : ": " + record.error());
    listener.finished(record);
    return record;
  }

  /**
   * Interrupts the runs still going (their runner stops the commands) and waits for their records.
   */
  @Override
  public void close() {
    executor.shutdownNow();
    for (CompletableFuture<RunRecord> run : List.copyOf(inFlight)) {
      try {
        run.get(2, TimeUnit.MINUTES);
      } catch (Exception e) {
        LOG.warn("a job did not stop in time: {}", e.getMessage());
      }
    }
  }
}
