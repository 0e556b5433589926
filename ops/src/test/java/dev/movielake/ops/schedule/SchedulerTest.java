package dev.movielake.ops.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.movielake.config.ScheduleConfig;
import dev.movielake.ops.schedule.JobRunner.Attempt;
import dev.movielake.ops.schedule.RunRecord.Outcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchedulerTest {
  /** A Wednesday. */
  private static final Instant WEDNESDAY = Instant.parse("2026-11-25T00:30:00Z");

  @TempDir Path folder;

  private final ManualClock clock = new ManualClock(WEDNESDAY);
  private final List<Duration> pauses = new ArrayList<>();
  private final ScriptedRunner runner = new ScriptedRunner();

  private Scheduler scheduler(Map<String, String> variables) {
    List<ScheduledJob> jobs = ScheduledJob.of(ScheduleConfig.from(variables));
    return new Scheduler(
        jobs,
        runner,
        history(),
        folder.resolve("locks"),
        clock,
        duration -> {
          pauses.add(duration);
          clock.advance(duration);
        },
        Scheduler.Listener.NONE);
  }

  private RunHistory history() {
    return new RunHistory(folder.resolve("history.jsonl"));
  }

  private static RunRecord await(CompletableFuture<RunRecord> run) throws Exception {
    return run.get(10, TimeUnit.SECONDS);
  }

  @Test
  void eachJobFiresOnItsCronExpressionWithoutCatchingUpMissedTimes() throws Exception {
    try (Scheduler scheduler = scheduler(Map.of())) {
      assertThat(scheduler.nextRuns())
          .containsExactly(
              Map.entry("ingestion", Instant.parse("2026-11-25T01:00:00Z")),
              Map.entry("processing", Instant.parse("2026-11-26T00:00:00Z")),
              Map.entry("quality", Instant.parse("2026-11-25T06:00:00Z")),
              Map.entry(
                  "maintenance",
                  Instant.parse("2026-11-29T02:00:00Z"))); // Sunday 2 AM, as in the seed

      clock.set(Instant.parse("2026-11-25T00:59:59Z"));
      assertThat(scheduler.runDue()).isEmpty();
      assertThat(runner.calls()).isEmpty();

      // Down from 00:59:59 to 03:10: the three missed hourly runs become one run, now.
      clock.set(Instant.parse("2026-11-25T03:10:00Z"));
      List<CompletableFuture<RunRecord>> started = scheduler.runDue();
      assertThat(started).hasSize(1);
      RunRecord ingestion = await(started.get(0));
      assertThat(ingestion.job()).isEqualTo("ingestion");
      assertThat(ingestion.outcome()).isEqualTo(Outcome.SUCCEEDED);
      assertThat(ingestion.scheduledFor()).isEqualTo(Instant.parse("2026-11-25T01:00:00Z"));
      assertThat(ingestion.startedAt()).isEqualTo(Instant.parse("2026-11-25T03:10:00Z"));
      assertThat(scheduler.nextRuns().get("ingestion"))
          .isEqualTo(Instant.parse("2026-11-25T04:00:00Z"));
      assertThat(runner.calls())
          .containsExactly(new ScriptedRunner.Call("ingestion", 1, Duration.ofMinutes(50)));

      clock.set(Instant.parse("2026-11-29T02:00:00Z"));
      List<String> fired = new ArrayList<>();
      for (CompletableFuture<RunRecord> run : scheduler.runDue()) {
        fired.add(await(run).job());
      }
      assertThat(fired)
          .containsExactlyInAnyOrder("ingestion", "processing", "quality", "maintenance");
      assertThat(scheduler.nextRuns().get("maintenance"))
          .isEqualTo(Instant.parse("2026-12-06T02:00:00Z"));
      assertThat(scheduler.nextWakeUp()).contains(Instant.parse("2026-11-29T03:00:00Z"));
    }
  }

  @Test
  void aFailedAttemptIsRetriedAfterTheDelayUntilItSucceeds() throws Exception {
    runner.then(
        Attempt.failure("TMDB answered 503", Optional.empty()),
        Attempt.failure("TMDB answered 503", Optional.empty()),
        Attempt.success(Optional.empty()));
    try (Scheduler scheduler = scheduler(Map.of("SCHEDULE_RETRY_DELAY_SECONDS", "120"))) {
      clock.set(Instant.parse("2026-11-25T01:00:00Z"));
      RunRecord run = await(scheduler.runDue().get(0));

      assertThat(run.outcome()).isEqualTo(Outcome.SUCCEEDED);
      assertThat(run.attempts()).isEqualTo(3);
      assertThat(run.error()).isNull();
      assertThat(pauses).containsExactly(Duration.ofMinutes(2), Duration.ofMinutes(2));
      assertThat(run.duration()).isEqualTo(Duration.ofMinutes(4));
      assertThat(runner.calls()).extracting(ScriptedRunner.Call::attempt).containsExactly(1, 2, 3);
    }
  }

  @Test
  void aJobFailsWithTheLastErrorOnceItsRetriesAreSpent() throws Exception {
    runner.then(
        Attempt.failure("first", Optional.empty()),
        Attempt.failure("second", Optional.empty()),
        Attempt.timeout(
            "'pipeline maintain all --planned' still running after the timeout",
            Optional.of(Path.of("run.log"))));
    try (Scheduler scheduler = scheduler(Map.of("SCHEDULE_MAINTENANCE_RETRIES", "2"))) {
      RunRecord run = scheduler.runNow(scheduler.job("maintenance").orElseThrow());

      assertThat(run.outcome()).isEqualTo(Outcome.TIMED_OUT);
      assertThat(run.attempts()).isEqualTo(3);
      assertThat(run.trigger()).isEqualTo("manual");
      assertThat(run.error())
          .isEqualTo("'pipeline maintain all --planned' still running after the timeout");
      assertThat(run.log()).isEqualTo("run.log");
      assertThat(pauses).hasSize(2);
    }
    runner.then(Attempt.failure("boom", Optional.empty()));
    try (Scheduler scheduler = scheduler(Map.of("SCHEDULE_QUALITY_RETRIES", "0"))) {
      RunRecord run = scheduler.runNow(scheduler.job("quality").orElseThrow());
      assertThat(run.outcome()).isEqualTo(Outcome.FAILED);
      assertThat(run.attempts()).isEqualTo(1);
      assertThat(run.error()).isEqualTo("boom");
    }
  }

  @Test
  void aJobStillRunningIsSkippedAtItsNextFireTimeNeverRunTwice() throws Exception {
    runner.holding();
    try (Scheduler scheduler = scheduler(Map.of())) {
      clock.set(Instant.parse("2026-11-25T01:00:00Z"));
      CompletableFuture<RunRecord> first = scheduler.runDue().get(0);
      runner.awaitFirstCall();

      clock.set(Instant.parse("2026-11-25T02:00:00Z"));
      assertThat(scheduler.runDue()).isEmpty();
      RunRecord manual = scheduler.runNow(scheduler.job("ingestion").orElseThrow());
      assertThat(manual.outcome()).isEqualTo(Outcome.SKIPPED);
      assertThat(manual.error()).contains("still going");

      runner.release();
      assertThat(await(first).outcome()).isEqualTo(Outcome.SUCCEEDED);
      assertThat(runner.calls()).hasSize(1);
    }
    List<RunRecord> history = history().read(Optional.of("ingestion"), 10);
    assertThat(history)
        .extracting(RunRecord::outcome)
        .containsExactly(Outcome.SUCCEEDED, Outcome.SKIPPED, Outcome.SKIPPED);
    RunRecord skipped = history.get(2);
    assertThat(skipped.scheduledFor()).isEqualTo(Instant.parse("2026-11-25T02:00:00Z"));
    assertThat(skipped.attempts()).isZero();
    assertThat(skipped.error()).isEqualTo("the run started at 2026-11-25T01:00:00Z is still going");
  }

  @Test
  void aJobLockedByAnotherRunIsSkippedAndTheLockIsFreedAfterARun() throws Exception {
    try (Scheduler scheduler = scheduler(Map.of())) {
      try (JobLock held = JobLock.tryAcquire(folder.resolve("locks"), "quality").orElseThrow()) {
        RunRecord run = scheduler.runNow(scheduler.job("quality").orElseThrow());
        assertThat(run.outcome()).isEqualTo(Outcome.SKIPPED);
        assertThat(run.error()).startsWith("another process is running quality (lock ");
      }
      assertThat(scheduler.runNow(scheduler.job("quality").orElseThrow()).outcome())
          .isEqualTo(Outcome.SUCCEEDED);
      assertThat(JobLock.tryAcquire(folder.resolve("locks"), "quality"))
          .isPresent()
          .get()
          .satisfies(JobLock::close);
    }
  }

  @Test
  void stoppingTheSchedulerInterruptsARunningJobAndRecordsIt() throws Exception {
    runner.holding();
    Scheduler scheduler = scheduler(Map.of());
    clock.set(Instant.parse("2026-11-25T01:00:00Z"));
    CompletableFuture<RunRecord> run = scheduler.runDue().get(0);
    runner.awaitFirstCall();
    scheduler.close();
    assertThat(await(run).outcome()).isEqualTo(Outcome.INTERRUPTED);
    assertThat(history().read(Optional.empty(), 10))
        .extracting(RunRecord::outcome)
        .containsExactly(Outcome.INTERRUPTED);
  }

  @Test
  void theLoopFiresDueJobsUntilStopped() throws Exception {
    CountDownLatch stop = new CountDownLatch(1);
    runner.onRun(stop::countDown);
    Scheduler scheduler = scheduler(Map.of());
    clock.set(Instant.parse("2026-11-25T06:00:00Z"));
    Thread loop =
        new Thread(
            () -> {
              try {
                scheduler.runUntil(stop);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    loop.start();
    loop.join(10_000);
    assertThat(loop.isAlive()).isFalse();
    scheduler.close();
    assertThat(runner.calls())
        .extracting(ScriptedRunner.Call::job)
        .containsExactlyInAnyOrder("ingestion", "quality");
  }

  @Test
  void historyIsReadNewestFirstFilteredAndSurvivesADamagedLine() throws Exception {
    RunHistory history = history();
    Instant start = Instant.parse("2026-11-25T01:00:00Z");
    history.append(
        new RunRecord(
            "ingestion",
            "schedule",
            start,
            start,
            start.plusSeconds(60),
            Outcome.SUCCEEDED,
            1,
            null,
            "a.log"));
    Files.writeString(history.file(), "{not json\n", StandardOpenOption.APPEND);
    history.append(
        new RunRecord(
            "quality",
            "manual",
            start,
            start,
            start.plusSeconds(5),
            Outcome.FAILED,
            2,
            "no table",
            null));
    history.append(
        new RunRecord(
            "ingestion",
            "schedule",
            start.plusSeconds(3600),
            start.plusSeconds(3600),
            start.plusSeconds(3700),
            Outcome.FAILED,
            4,
            "TMDB answered 401",
            "b.log"));

    assertThat(history.read(Optional.empty(), 10))
        .extracting(RunRecord::job)
        .containsExactly("ingestion", "quality", "ingestion");
    assertThat(history.read(Optional.of("ingestion"), 1))
        .singleElement()
        .satisfies(
            record -> {
              assertThat(record.error()).isEqualTo("TMDB answered 401");
              assertThat(record.duration()).isEqualTo(Duration.ofSeconds(100));
              assertThat(record.attempts()).isEqualTo(4);
            });
  }

  @Test
  void aBadCronExpressionNamesItsVariableAndASwitchedOffJobNeverFires() {
    Assertions.assertThatThrownBy(
            () ->
                ScheduledJob.of(
                    ScheduleConfig.from(Map.of("SCHEDULE_QUALITY_CRON", "every six hours"))))
        .hasMessageContaining("SCHEDULE_QUALITY_CRON")
        .hasMessageContaining("'every six hours'")
        .hasMessageContaining("five fields");
    try (Scheduler scheduler = scheduler(Map.of("SCHEDULE_PROCESSING_CRON", "off"))) {
      assertThat(scheduler.nextRuns()).doesNotContainKey("processing");
      clock.set(Instant.parse("2026-11-27T00:00:00Z"));
      assertThat(scheduler.runDue())
          .allSatisfy(run -> assertThat(run.join().job()).isNotEqualTo("processing"));
    }
  }
}
