package dev.movielake.lakehouse.change;

import java.time.Instant;
import java.util.Optional;

/**
 * Which commits a change feed covers: those after a snapshot (a reader's watermark, exclusive), or
 * after a point in time, or the whole history; up to a snapshot (inclusive) or the current one.
 */
public record ChangeRange(
    Optional<Long> afterSnapshot, Optional<Instant> since, Optional<Long> to) {
  public ChangeRange {
    if (afterSnapshot.isPresent() && since.isPresent()) {
      throw new IllegalArgumentException(
          "a change range starts after a snapshot or a time, not both");
    }
  }

  /**
   * Every commit after {@code snapshotId} (which a reader has already seen) up to the current one.
   */
  public static ChangeRange after(long snapshotId) {
    return new ChangeRange(Optional.of(snapshotId), Optional.empty(), Optional.empty());
  }

  /** Every commit made after {@code time}. */
  public static ChangeRange since(Instant time) {
    return new ChangeRange(Optional.empty(), Optional.of(time), Optional.empty());
  }

  /** Every commit the table's history still holds: each row present now shows as inserted. */
  public static ChangeRange all() {
    return new ChangeRange(Optional.empty(), Optional.empty(), Optional.empty());
  }

  /** The same start, ending at {@code snapshotId} (inclusive) instead of the current snapshot. */
  public ChangeRange to(long snapshotId) {
    return new ChangeRange(afterSnapshot, since, Optional.of(snapshotId));
  }
}
