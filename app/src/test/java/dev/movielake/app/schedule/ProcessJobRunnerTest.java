package dev.movielake.app.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.movielake.app.PipelineCommand;
import dev.movielake.config.ScheduleConfig.Job;
import dev.movielake.ops.schedule.JobRunner.Attempt;
import dev.movielake.ops.schedule.ProcessJobRunner;
import dev.movielake.ops.schedule.ScheduledJob;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real runner: pipeline commands in JVMs of their own, with their exit codes, logs and
 * timeouts.
 */
class ProcessJobRunnerTest {
  @TempDir Path folder;

  private ProcessJobRunner runner() {
    return new ProcessJobRunner(
        PipelineCommand.class.getName(),
        folder.resolve("logs"),
        Map.of("LAKEHOUSE_HOME", folder.resolve("home").toString()),
        Clock.systemUTC());
  }

  private static ScheduledJob job(Job job, List<List<String>> commands) {
    return new ScheduledJob(
        job, Optional.empty(), commands, 0, Duration.ZERO, Duration.ofMinutes(1));
  }

  @Test
  void commandsRunInOrderAndTheFirstFailureStopsTheJobWithItsErrorLine() throws Exception {
    Attempt success =
        runner()
            .run(
                job(Job.QUALITY, List.of(List.of("--version"), List.of("schedule", "--help"))),
                1,
                Duration.ofMinutes(1));
    assertThat(success.succeeded()).isTrue();
    assertThat(Files.readString(success.log().orElseThrow()))
        .contains("Run the jobs on their cron schedules");

    Attempt failure =
        runner()
            .run(
                job(
                    Job.MAINTENANCE,
                    List.of(List.of("schedule", "history", "--limit", "0"), List.of("--version"))),
                2,
                Duration.ofMinutes(1));
    assertThat(failure.succeeded()).isFalse();
    assertThat(failure.timedOut()).isFalse();
    assertThat(failure.error().orElseThrow())
        .isEqualTo(
            "'pipeline schedule history --limit 0' exited with 2: --limit must be at least 1, got"
                + " 0");
    assertThat(failure.log().orElseThrow().getFileName().toString())
        .contains("attempt2-1-schedule-history");
    // The second command never ran: one log for the maintenance job.
    try (var logs = Files.list(folder.resolve("logs").resolve("maintenance"))) {
      assertThat(logs.count()).isEqualTo(1);
    }
  }

  @Test
  void aCommandPastTheTimeoutIsStoppedAndReportedAsTimedOut() throws Exception {
    long started = System.nanoTime();
    Attempt attempt =
        runner()
            .run(
                job(Job.INGESTION, List.of(List.of("tmdb-sim", "--port", "0", "--movies", "5"))),
                1,
                // Long enough for the simulator's JVM to start and say so on a busy machine.
                Duration.ofSeconds(15));
    assertThat(attempt.timedOut()).isTrue();
    assertThat(attempt.error().orElseThrow())
        .contains("'pipeline tmdb-sim --port 0 --movies 5' still running after the timeout of 15 s")
        .contains("SCHEDULE_INGESTION_TIMEOUT_MINUTES");
    assertThat(Files.readString(attempt.log().orElseThrow())).contains("TMDB simulator: 5 movies");
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(60));
  }
}
