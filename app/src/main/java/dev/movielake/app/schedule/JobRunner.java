package dev.movielake.app.schedule;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** Runs one attempt of a job. The real one starts pipeline commands in JVMs of their own. */
public interface JobRunner {
  /**
   * @param error the reason of a failure, one line
   * @param log where the attempt's output went, if anywhere
   */
  record Attempt(boolean succeeded, boolean timedOut, Optional<String> error, Optional<Path> log) {
    public static Attempt success(Optional<Path> log) {
      return new Attempt(true, false, Optional.empty(), log);
    }

    public static Attempt failure(String error, Optional<Path> log) {
      return new Attempt(false, false, Optional.of(error), log);
    }

    public static Attempt timeout(String error, Optional<Path> log) {
      return new Attempt(false, true, Optional.of(error), log);
    }
  }

  /** Blocks until the attempt ends or {@code timeout} passes; interrupting the thread stops the attempt. */
  Attempt run(ScheduledJob job, int attempt, Duration timeout) throws InterruptedException;
}
