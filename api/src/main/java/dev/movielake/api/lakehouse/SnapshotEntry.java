package dev.movielake.api.lakehouse;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** One snapshot of a table: its parent, commit time, operation and Iceberg's summary. */
public record SnapshotEntry(
    long snapshotId,
    Optional<Long> parentId,
    Instant committedAt,
    String operation,
    Map<String, String> summary) {
  public SnapshotEntry {
    summary = Map.copyOf(summary);
  }
}
