package dev.movielake.lakehouse.maintenance.service;

import dev.movielake.lakehouse.LakehouseCatalog;
import dev.movielake.lakehouse.TableName;
import dev.movielake.lakehouse.maintenance.MaintenancePlanner;
import dev.movielake.lakehouse.table.TableFiles;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.apache.iceberg.DataOperations;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;

/**
 * What the triggers look at, read from a table's metadata alone (snapshot summaries, manifests'
 * entries, the snapshot log): never a data file.
 *
 * @param snapshotId the current snapshot; empty for a table without a commit
 * @param files the live data files per partition
 * @param deleteFiles delete files of the current snapshot (position deletes, deletion vectors and
 *     equality deletes)
 * @param deletedRows rows those delete files remove
 * @param dataRows rows in data files, deleted ones included
 * @param snapshots snapshots kept
 * @param expirableSnapshots snapshots older than the layer's retention that nothing keeps
 * @param dataManifests data manifests of the current snapshot
 * @param commitsSinceCompaction commits on {@code main} since the last compaction (or since the
 *     oldest snapshot kept, when none is)
 * @param lastCompaction the last compaction's commit, or the oldest snapshot kept when none is
 */
public record TableCondition(
    TableName table,
    Optional<Long> snapshotId,
    TableFiles files,
    long deleteFiles,
    long deletedRows,
    long dataRows,
    int snapshots,
    long expirableSnapshots,
    int dataManifests,
    int commitsSinceCompaction,
    Optional<Instant> lastCompaction) {

  /** The largest count of small files in one partition. */
  public long maxSmallFilesPerPartition() {
    return files.partitions().stream()
        .mapToLong(TableFiles.PartitionFiles::smallFiles)
        .max()
        .orElse(0);
  }

  /** Deleted rows as a share of the rows in data files. */
  public double deletedRowShare() {
    return dataRows == 0 ? 0 : (double) deletedRows / dataRows;
  }

  public static TableCondition read(
      LakehouseCatalog catalog, TableName name, Table table, Instant now) {
    Snapshot current = table.currentSnapshot();
    TableFiles files =
        TableFiles.of(table, TableFiles.smallFileThresholdBytes(catalog.config(), table));
    if (current == null) {
      return new TableCondition(
          name, Optional.empty(), files, 0, 0, 0, 0, 0, 0, 0, Optional.empty());
    }
    Map<String, String> summary = current.summary();
    int retentionDays = catalog.config().maintenance().retentionDays(name.layer());
    int commits = 0;
    Instant compacted = null;
    for (Snapshot snapshot = current;
        snapshot != null;
        snapshot = snapshot.parentId() == null ? null : table.snapshot(snapshot.parentId())) {
      compacted = Instant.ofEpochMilli(snapshot.timestampMillis());
      if (isCompaction(snapshot)) {
        break;
      }
      commits++;
    }
    int snapshots = 0;
    for (Snapshot ignored : table.snapshots()) {
      snapshots++;
    }
    return new TableCondition(
        name,
        Optional.of(current.snapshotId()),
        files,
        summaryLong(summary, "total-delete-files"),
        summaryLong(summary, "total-position-deletes")
            + summaryLong(summary, "total-equality-deletes"),
        summaryLong(summary, "total-records"),
        snapshots,
        MaintenancePlanner.expirableSnapshots(table, now.minus(Duration.ofDays(retentionDays))),
        current.dataManifests(table.io()).size(),
        commits,
        Optional.ofNullable(compacted));
  }

  /**
   * A compaction's commit: a {@code replace} that removed data files (a manifest rewrite is a
   * {@code replace} too, and removes none).
   */
  static boolean isCompaction(Snapshot snapshot) {
    return DataOperations.REPLACE.equals(snapshot.operation())
        && summaryLong(snapshot.summary(), "deleted-data-files") > 0;
  }

  private static long summaryLong(Map<String, String> summary, String key) {
    String value = summary.get(key);
    return value == null ? 0 : Long.parseLong(value);
  }
}
