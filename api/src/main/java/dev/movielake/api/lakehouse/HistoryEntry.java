package dev.movielake.api.lakehouse;

import java.time.Instant;

/**
 * A change of a table's current snapshot; a rollback makes {@code currentAncestor} false for the
 * undone ones.
 */
public record HistoryEntry(Instant madeCurrentAt, long snapshotId, boolean currentAncestor) {}
