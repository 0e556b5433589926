package dev.movielake.lakehouse.table.testing;

import dev.movielake.config.LakehouseConfig;
import dev.movielake.config.MaintenancePolicy;
import dev.movielake.lakehouse.table.TableHealth;
import dev.movielake.lakehouse.table.TableStatistics;
import dev.movielake.model.Layer;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Table statistics for tests, by name instead of 30 positional numbers. Unset values describe a
 * small, healthy, unpartitioned format-2 table of 12 columns without a commit: no files, no
 * deletes, one branch ({@code main}), no manifest and a metadata file of 0 bytes. Values the
 * catalog derives from others are derived the same way unless set: the rows in data files are the
 * live rows plus those removed by position deletes, the count is exact while no equality delete
 * exists, the average file is the total size over the file count, and the health is scored against
 * the default maintenance policy (or {@link #policy(MaintenancePolicy)}). Unless set, all small
 * files are in one partition, of an empty name.
 */
public final class TableStatisticsBuilder {
  private final Layer layer;
  private final String table;
  private String location;
  private int formatVersion = 2;
  private Optional<Long> currentSnapshotId = Optional.empty();
  private Optional<Instant> lastCommitTime = Optional.empty();
  private long recordCount;
  private Long dataFileRecordCount;
  private Boolean recordCountExact;
  private long fileCount;
  private long totalSizeBytes;
  private Long averageFileSizeBytes;
  private Long minFileSizeBytes;
  private Long maxFileSizeBytes;
  private long smallFileCount;
  private long partitionCount = 1;
  private long deleteFileCount;
  private long positionDeleteCount;
  private long equalityDeleteCount;
  private int snapshotCount;
  private int branchCount = 1;
  private int tagCount;
  private int specCount = 1;
  private String partitioning = "unpartitioned";
  private int columnCount = 12;
  private Long maxSmallFilesPerPartition;
  private String maxSmallFilesPartition = "";
  private int manifestCount;
  private long metadataFileSizeBytes;
  private MaintenancePolicy policy;
  private TableHealth health;

  private TableStatisticsBuilder(Layer layer, String table) {
    this.layer = layer;
    this.table = table;
  }

  /**
   * Statistics of {@code table} in {@code layer}, the name kept as given: the catalog reports
   * {@code silver.movies_clean}, some fakes the short name. The location defaults to {@code
   * file:/lakehouse/<layer>/<short name>}.
   */
  public static TableStatisticsBuilder of(Layer layer, String table) {
    return new TableStatisticsBuilder(layer, table);
  }

  public TableStatisticsBuilder location(String location) {
    this.location = location;
    return this;
  }

  public TableStatisticsBuilder formatVersion(int formatVersion) {
    this.formatVersion = formatVersion;
    return this;
  }

  /** The snapshot the table reads now, committed at {@code committedAt}. */
  public TableStatisticsBuilder currentSnapshot(long snapshotId, Instant committedAt) {
    this.currentSnapshotId = Optional.of(snapshotId);
    this.lastCommitTime = Optional.of(committedAt);
    return this;
  }

  /** Live rows: what a scan of the current snapshot returns. */
  public TableStatisticsBuilder records(long recordCount) {
    this.recordCount = recordCount;
    return this;
  }

  /**
   * Rows in data files, deleted ones included; by default the live rows plus the position deletes.
   */
  public TableStatisticsBuilder dataFileRecords(long dataFileRecordCount) {
    this.dataFileRecordCount = dataFileRecordCount;
    return this;
  }

  /** By default exact while no equality delete exists, as the catalog decides. */
  public TableStatisticsBuilder recordCountExact(boolean recordCountExact) {
    this.recordCountExact = recordCountExact;
    return this;
  }

  /**
   * {@code fileCount} data files of {@code totalSizeBytes} together; unless set, the average is the
   * total over the count, the smallest file half the average and the largest twice it.
   */
  public TableStatisticsBuilder files(long fileCount, long totalSizeBytes) {
    this.fileCount = fileCount;
    this.totalSizeBytes = totalSizeBytes;
    return this;
  }

  public TableStatisticsBuilder averageFileSizeBytes(long averageFileSizeBytes) {
    this.averageFileSizeBytes = averageFileSizeBytes;
    return this;
  }

  public TableStatisticsBuilder minFileSizeBytes(long minFileSizeBytes) {
    this.minFileSizeBytes = minFileSizeBytes;
    return this;
  }

  public TableStatisticsBuilder maxFileSizeBytes(long maxFileSizeBytes) {
    this.maxFileSizeBytes = maxFileSizeBytes;
    return this;
  }

  /** Data files under the table's small-file threshold: what compaction would rewrite. */
  public TableStatisticsBuilder smallFiles(long smallFileCount) {
    this.smallFileCount = smallFileCount;
    return this;
  }

  /** The partition holding the most small files, and how many; by default all in one, unnamed. */
  public TableStatisticsBuilder mostSmallFiles(long smallFiles, String partition) {
    this.maxSmallFilesPerPartition = smallFiles;
    this.maxSmallFilesPartition = partition;
    return this;
  }

  public TableStatisticsBuilder partitions(long partitionCount) {
    this.partitionCount = partitionCount;
    return this;
  }

  public TableStatisticsBuilder deleteFiles(long deleteFileCount) {
    this.deleteFileCount = deleteFileCount;
    return this;
  }

  /** Rows removed by position deletes (merge-on-read MERGE, UPDATE and DELETE). */
  public TableStatisticsBuilder positionDeletes(long positionDeleteCount) {
    this.positionDeleteCount = positionDeleteCount;
    return this;
  }

  public TableStatisticsBuilder equalityDeletes(long equalityDeleteCount) {
    this.equalityDeleteCount = equalityDeleteCount;
    return this;
  }

  public TableStatisticsBuilder snapshots(int snapshotCount) {
    this.snapshotCount = snapshotCount;
    return this;
  }

  public TableStatisticsBuilder branches(int branchCount) {
    this.branchCount = branchCount;
    return this;
  }

  public TableStatisticsBuilder tags(int tagCount) {
    this.tagCount = tagCount;
    return this;
  }

  /** Partition specs so far: evolving the partitioning adds one. */
  public TableStatisticsBuilder partitionSpecs(int specCount) {
    this.specCount = specCount;
    return this;
  }

  /** The current partitioning as the catalog describes it, e.g. {@code years(release_date)}. */
  public TableStatisticsBuilder partitioning(String partitioning) {
    this.partitioning = partitioning;
    return this;
  }

  public TableStatisticsBuilder columns(int columnCount) {
    this.columnCount = columnCount;
    return this;
  }

  /** Data and delete manifests of the current snapshot. */
  public TableStatisticsBuilder manifests(int manifestCount) {
    this.manifestCount = manifestCount;
    return this;
  }

  public TableStatisticsBuilder metadataFileSizeBytes(long metadataFileSizeBytes) {
    this.metadataFileSizeBytes = metadataFileSizeBytes;
    return this;
  }

  /** The policy the health is scored against, instead of the default one. */
  public TableStatisticsBuilder policy(MaintenancePolicy policy) {
    this.policy = policy;
    return this;
  }

  /** The health as given, instead of scored from the other values. */
  public TableStatisticsBuilder health(TableHealth health) {
    this.health = health;
    return this;
  }

  public TableStatistics build() {
    long average =
        averageFileSizeBytes != null
            ? averageFileSizeBytes
            : fileCount == 0 ? 0 : totalSizeBytes / fileCount;
    String shortName = table.substring(table.lastIndexOf('.') + 1);
    TableStatistics.Records records =
        new TableStatistics.Records(
            recordCount,
            dataFileRecordCount != null ? dataFileRecordCount : recordCount + positionDeleteCount,
            recordCountExact != null ? recordCountExact : equalityDeleteCount == 0);
    TableStatistics.Files files =
        new TableStatistics.Files(
            fileCount,
            totalSizeBytes,
            average,
            minFileSizeBytes != null ? minFileSizeBytes : average / 2,
            maxFileSizeBytes != null ? maxFileSizeBytes : average * 2,
            smallFileCount,
            partitionCount,
            maxSmallFilesPerPartition != null ? maxSmallFilesPerPartition : smallFileCount,
            maxSmallFilesPartition);
    TableStatistics.Deletes deletes =
        new TableStatistics.Deletes(deleteFileCount, positionDeleteCount, equalityDeleteCount);
    TableStatistics.Snapshots snapshots =
        new TableStatistics.Snapshots(snapshotCount, branchCount, tagCount);
    TableStatistics.Metadata metadata =
        new TableStatistics.Metadata(manifestCount, metadataFileSizeBytes);
    return new TableStatistics(
        layer,
        table,
        location != null ? location : "file:/lakehouse/" + layer.id() + "/" + shortName,
        formatVersion,
        new TableStatistics.CurrentSnapshot(currentSnapshotId, lastCommitTime),
        records,
        files,
        deletes,
        snapshots,
        new TableStatistics.Layout(specCount, partitioning, columnCount),
        metadata,
        health != null
            ? health
            : TableHealth.of(
                layer,
                records,
                files,
                deletes,
                snapshots,
                metadata,
                policy != null ? policy : defaultPolicy()));
  }

  /** The maintenance policy of a configuration without any variable set. */
  public static MaintenancePolicy defaultPolicy() {
    return LakehouseConfig.from(Map.of()).maintenance();
  }
}
