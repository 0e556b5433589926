package dev.movielake.lakehouse.table;

import dev.movielake.config.Layer;
import java.time.Instant;
import java.util.Optional;

/**
 * A table's statistics, computed from Iceberg metadata (snapshot summary and manifests) without
 * reading a data file.
 *
 * @param recordCount live rows: rows in data files minus rows removed by position deletes (what
 *     merge-on-read MERGE, UPDATE and DELETE write); exact unless equality deletes exist
 * @param dataFileRecordCount rows in data files, deleted ones included
 * @param recordCountExact false when equality deletes exist: they can only be resolved by a scan
 */
public record TableStatistics(
    Layer layer,
    String table,
    String location,
    int formatVersion,
    Optional<Long> currentSnapshotId,
    Optional<Instant> lastCommitTime,
    long recordCount,
    long dataFileRecordCount,
    boolean recordCountExact,
    long fileCount,
    long totalSizeBytes,
    long avgFileSizeBytes,
    long minFileSizeBytes,
    long maxFileSizeBytes,
    long smallFileCount,
    long partitionCount,
    long deleteFileCount,
    long positionDeleteCount,
    long equalityDeleteCount,
    int snapshotCount,
    int branchCount,
    int tagCount,
    int specCount,
    String partitioning,
    int columnCount) {

  private static final double MB = 1024.0 * 1024.0;

  public double totalSizeMb() {
    return totalSizeBytes / MB;
  }

  public double avgFileSizeMb() {
    return avgFileSizeBytes / MB;
  }

  public double minFileSizeMb() {
    return minFileSizeBytes / MB;
  }

  public double maxFileSizeMb() {
    return maxFileSizeBytes / MB;
  }
}
