package dev.movielake.lakehouse.change;

import dev.movielake.lakehouse.LakehouseException;

/**
 * A change feed that cannot be read exactly; a reader that gets it falls back to a full read of the
 * table (gold rebuilds, the publisher republishes), which is always correct, only slower.
 */
public final class ChangeFeedUnavailableException extends LakehouseException {
  /** Why the range cannot be read. */
  public enum Reason {
    /** A snapshot of the range is no longer in the table's history. */
    SNAPSHOT_EXPIRED,
    /** The start is not an ancestor of the end: the table was rolled back in between. */
    NOT_AN_ANCESTOR,
    /** A commit of the range wrote delete files, which Iceberg's changelog scan cannot read. */
    DELETE_FILES
  }

  private final Reason reason;

  public ChangeFeedUnavailableException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
