package dev.movielake.lakehouse.table;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.exceptions.CommitStateUnknownException;
import org.apache.iceberg.exceptions.ValidationException;

/**
 * What a failed write tells about other writers, and how long to wait before planning it again.
 *
 * <p>Iceberg commits optimistically. When another process commits first, Iceberg itself re-applies
 * the same files on the new metadata ({@code commit.retry.num-retries}); that cannot help when the
 * new commit touches what this write read (a MERGE's serializable validation, "Found conflicting
 * files that can contain records matching ...") or when those retries run out under contention.
 * Only planning the write again from the table's new state can: the rows it matches, updates and
 * inserts then account for the other writer's. A commit whose outcome Iceberg could not learn (the
 * catalog did not answer) is different: retrying blindly could write the rows twice, so the writer
 * first looks for its own snapshot.
 */
enum WriteConflict {
  /** Another writer's commit made this one invalid or outran Iceberg's retries: plan again. */
  CONFLICT,
  /** The commit may or may not have landed: check the table's history before anything else. */
  UNKNOWN_STATE,
  /** Not about other writers: report it. */
  NONE;

  private static final long FIRST_BACKOFF_MILLIS = 200;
  private static final long MAX_BACKOFF_MILLIS = 10_000;

  /**
   * Reads the cause chain: Spark wraps Iceberg's exceptions in its own. A validation failure is
   * only a conflict when the table moved meanwhile ({@code tableMoved}, asked only then: it reads
   * the catalog, which may be the very thing that failed); otherwise it is this write's own fault
   * (a bad partition value, a missing column) and retrying would repeat it.
   */
  static WriteConflict of(Throwable error, BooleanSupplier tableMoved) {
    for (Throwable cause = error; cause != null; cause = next(cause)) {
      if (cause instanceof CommitStateUnknownException) {
        return UNKNOWN_STATE;
      }
      if (cause instanceof CommitFailedException) {
        return CONFLICT;
      }
      if (cause instanceof ValidationException) {
        return tableMoved.getAsBoolean() ? CONFLICT : NONE;
      }
    }
    return NONE;
  }

  /**
   * Exponential backoff with jitter: 200 ms before the first retry, doubling up to 10 s, each wait
   * drawn between half and all of that, so writers that collided once do not collide again in step.
   */
  static Duration backoff(int retry) {
    long ceiling = Math.min(MAX_BACKOFF_MILLIS, FIRST_BACKOFF_MILLIS << Math.min(retry - 1, 16));
    return Duration.ofMillis(ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1));
  }

  private static Throwable next(Throwable cause) {
    return cause.getCause() == cause ? null : cause.getCause();
  }
}
