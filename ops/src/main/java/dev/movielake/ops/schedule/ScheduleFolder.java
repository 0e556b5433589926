package dev.movielake.ops.schedule;

import dev.movielake.config.IngestConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * The scheduler's state in {@code LAKEHOUSE_HOME/schedule}: the run history ({@code
 * history.jsonl}), one log per command run ({@code logs/}) and the job locks ({@code locks/}). The
 * scheduler and the jobs run by hand share it, so each sees the other's runs and a job never runs
 * twice at once.
 */
public record ScheduleFolder(Path path) {

  public static ScheduleFolder of(IngestConfig config) {
    return new ScheduleFolder(config.home().resolve("schedule"));
  }

  public RunHistory history() {
    return new RunHistory(path.resolve("history.jsonl"));
  }

  /**
   * The real scheduler over this folder: jobs in JVMs of their own, on the system clock.
   *
   * @param pipelineMainClass the main class of the {@code pipeline} command line whose commands the
   *     jobs run
   * @param environment set on top of this process's environment for every command
   */
  public Scheduler scheduler(
      List<ScheduledJob> jobs,
      String pipelineMainClass,
      Map<String, String> environment,
      Scheduler.Listener listener) {
    Clock clock = Clock.systemUTC();
    return new Scheduler(
        jobs,
        new ProcessJobRunner(pipelineMainClass, path.resolve("logs"), environment, clock),
        history(),
        path.resolve("locks"),
        clock,
        duration -> Thread.sleep(duration.toMillis()),
        listener);
  }
}
