package dev.movielake.lakehouse.table;

import dev.movielake.lakehouse.TableName;
import java.util.Optional;

/**
 * What one write committed, read from its own snapshot's summary (found by a write id, so a
 * concurrent writer's snapshot is never mistaken for this one).
 *
 * @param commitRetries how many times the write was planned again because another writer's commit
 *     came first
 */
public record WriteResult(
    TableName table,
    WriteMode mode,
    boolean createdTable,
    Optional<Long> snapshotId,
    long addedRecords,
    long deletedRecords,
    long addedDataFiles,
    long totalRecords,
    int commitRetries) {}
