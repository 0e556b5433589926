package dev.movielake.ops.schedule;

import java.time.Duration;
import java.time.Instant;

/**
 * One run of a job in the history: when it was due, when it ran, how it ended.
 *
 * @param trigger {@code schedule} or {@code manual}
 * @param attempts attempts made (1 plus the retries used); 0 for a skipped run
 * @param error why it failed or was skipped; null when it succeeded
 * @param log the last attempt's output, or null
 */
public record RunRecord(
    String job,
    String trigger,
    Instant scheduledFor,
    Instant startedAt,
    Instant finishedAt,
    Outcome outcome,
    int attempts,
    String error,
    String log) {

  public enum Outcome {
    SUCCEEDED,
    FAILED,
    /** The last attempt ran past the job's timeout and was stopped. */
    TIMED_OUT,
    /** Not started: the job's previous run was still going. */
    SKIPPED,
    /** The scheduler was stopped while the run was going. */
    INTERRUPTED
  }

  public Duration duration() {
    return Duration.between(startedAt, finishedAt);
  }
}
