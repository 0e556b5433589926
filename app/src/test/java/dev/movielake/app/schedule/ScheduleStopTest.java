package dev.movielake.app.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.movielake.app.PipelineCommand;
import dev.movielake.infra.process.ChildJvm;
import dev.movielake.ops.schedule.RunHistory;
import dev.movielake.ops.schedule.RunRecord;
import dev.movielake.ops.schedule.RunRecord.Outcome;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C (SIGTERM) of a real {@code pipeline schedule run} JVM while its job's command runs: the
 * command is stopped and the run is recorded as interrupted before the JVM exits (the JVM does not
 * wait for the main thread, so this depends on the shutdown hook waiting for the record).
 */
class ScheduleStopTest {
  @TempDir Path home;

  @Test
  void aStoppedSchedulerStopsTheRunningCommandAndRecordsTheRunAsInterrupted() throws Exception {
    // A TMDB that accepts the connection and never answers: the ingestion job's command hangs in it
    // until its 5 s request time-out, the stop's bound (retries are not attempted once stopping).
    try (ServerSocket silentTmdb = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      CompletableFuture<Socket> request =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return silentTmdb.accept();
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
      Map<String, String> environment =
          Map.of(
              "LAKEHOUSE_HOME", home.toString(),
              "TMDB_BASE_URL", "http://127.0.0.1:" + silentTmdb.getLocalPort(),
              "TMDB_API_KEY", "schedule-stop-test-key",
              "TMDB_TIMEOUT_SECONDS", "5",
              "SCHEDULE_INGESTION_RETRIES", "0");
      ChildJvm scheduler =
          ChildJvm.start(
              PipelineCommand.class.getName(),
              List.of("schedule", "run", "ingestion"),
              environment,
              home.resolve("scheduler.log"));
      List<ProcessHandle> commands;
      try (Socket connection = request.get(3, TimeUnit.MINUTES)) {
        commands = ProcessHandle.of(scheduler.pid()).orElseThrow().descendants().toList();
        assertThat(commands).as("the job's command runs in a JVM of its own").isNotEmpty();

        scheduler.stop(Duration.ofMinutes(3));
      }

      assertThat(scheduler.exitCode()).as(scheduler.logTail()).isNotZero();
      List<RunRecord> runs =
          new RunHistory(home.resolve("schedule/history.jsonl")).read(Optional.empty(), 5);
      assertThat(runs).as(scheduler.logTail()).hasSize(1);
      RunRecord run = runs.get(0);
      assertThat(run.job()).isEqualTo("ingestion");
      assertThat(run.outcome()).isEqualTo(Outcome.INTERRUPTED);
      assertThat(run.error()).isEqualTo("the scheduler was stopped during attempt 1");
      // What the stopped command had done is kept: here, it had reached the silent TMDB.
      assertThat(run.log()).isNotNull();
      assertThat(Files.readString(Path.of(run.log())))
          .contains("TMDB http://127.0.0.1:" + silentTmdb.getLocalPort());
      for (ProcessHandle command : commands) {
        command.onExit().get(30, TimeUnit.SECONDS);
      }
      assertThat(commands).as("commands left running").noneMatch(ProcessHandle::isAlive);
    }
  }
}
