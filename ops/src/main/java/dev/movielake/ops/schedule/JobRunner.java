package dev.movielake.ops.schedule;

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

  /** An attempt stopped by an interrupt, with the output it had written so far. */
  final class Stopped extends InterruptedException {
    private final transient Optional<Path> log;

    public Stopped(Optional<Path> log) {
      super("the attempt was stopped");
      this.log = log;
    }

    public Optional<Path> log() {
      return log;
    }
  }

  /**
   * Blocks until the attempt ends or {@code timeout} passes; interrupting the thread stops the
   * attempt (a {@link Stopped} names its output).
   */
  Attempt run(ScheduledJob job, int attempt, Duration timeout) throws InterruptedException;
}
