package dev.movielake.lakehouse.table;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.movielake.model.Layer;
import java.time.Instant;
import java.util.Optional;

/**
 * A table's statistics, computed from Iceberg metadata (snapshot summary, manifests and the
 * metadata file's size) without reading a data file, and the table's health scored from them. The
 * groups are written as one flat JSON object, in the order of their fields, which is what the
 * command line's {@code --json}, the API and the dashboard publish.
 */
public record TableStatistics(
    Layer layer,
    String table,
    String location,
    int formatVersion,
    @JsonUnwrapped CurrentSnapshot current,
    @JsonUnwrapped Records records,
    @JsonUnwrapped Files files,
    @JsonUnwrapped Deletes deletes,
    @JsonUnwrapped Snapshots snapshots,
    @JsonUnwrapped Layout layout,
    @JsonUnwrapped Metadata metadata,
    @JsonUnwrapped TableHealth health) {

  private static final double MB = 1024.0 * 1024.0;

  /** The snapshot the table reads now; both empty for a table without a commit. */
  public record CurrentSnapshot(
      Optional<Long> currentSnapshotId, Optional<Instant> lastCommitTime) {}

  /**
   * @param recordCount live rows: rows in data files minus rows removed by position deletes (what
   *     merge-on-read MERGE, UPDATE and DELETE write); exact unless equality deletes exist
   * @param dataFileRecordCount rows in data files, deleted ones included
   * @param recordCountExact false when equality deletes exist: they can only be resolved by a scan
   */
  public record Records(long recordCount, long dataFileRecordCount, boolean recordCountExact) {}

  /**
   * The current snapshot's data files, and the partitions they fill.
   *
   * @param maxSmallFilesPerPartition the small files of the partition holding the most: what
   *     triggers compaction, as small files spread over many partitions do not
   * @param maxSmallFilesPartition that partition, e.g. {@code release_year=2024}; empty for an
   *     unpartitioned table or one without data files
   */
  public record Files(
      long fileCount,
      long totalSizeBytes,
      long avgFileSizeBytes,
      long minFileSizeBytes,
      long maxFileSizeBytes,
      long smallFileCount,
      long partitionCount,
      long maxSmallFilesPerPartition,
      String maxSmallFilesPartition) {

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

  /** Merge-on-read delete files of the current snapshot and the rows they remove. */
  public record Deletes(long deleteFileCount, long positionDeleteCount, long equalityDeleteCount) {}

  /** The snapshots kept, and the branches and tags pointing at them. */
  public record Snapshots(int snapshotCount, int branchCount, int tagCount) {}

  /**
   * How the table is laid out: partition specs so far, the current partitioning, and its columns.
   */
  public record Layout(int specCount, String partitioning, int columnCount) {}

  /**
   * What every commit and every query planning reads before any data file.
   *
   * @param manifestCount the data and delete manifests of the current snapshot; 0 without one
   * @param metadataFileSizeBytes the size of the current metadata file (schemas, specs, snapshots
   *     and their log), which every commit rewrites whole
   */
  public record Metadata(int manifestCount, long metadataFileSizeBytes) {}
}
