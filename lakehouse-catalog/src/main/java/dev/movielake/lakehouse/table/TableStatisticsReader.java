package dev.movielake.lakehouse.table;

import dev.movielake.lakehouse.LakehouseCatalog;
import dev.movielake.lakehouse.TableName;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.apache.iceberg.HasTableOperations;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableMetadata;

/**
 * Reads a table's statistics from its metadata (snapshot summary, manifests and the metadata file's
 * size) and scores its health against the configured maintenance policy. Needs the catalog only,
 * not Spark, so the API process can report on tables without starting a session.
 */
public final class TableStatisticsReader {
  private final LakehouseCatalog catalog;

  public TableStatisticsReader(LakehouseCatalog catalog) {
    this.catalog = catalog;
  }

  public TableStatistics read(TableName name) {
    return read(name, catalog.loadTable(name));
  }

  /** The statistics of a table the caller has already loaded, sparing the catalog a second load. */
  public TableStatistics read(TableName name, Table table) {
    return read(
        name,
        table,
        TableFiles.of(table, TableFiles.smallFileThresholdBytes(catalog.config(), table)));
  }

  /**
   * The statistics of a loaded table whose current files the caller has already read from its
   * manifests (the maintenance service reads them for its triggers): the manifests are read once.
   */
  public TableStatistics read(TableName name, Table table, TableFiles files) {
    Snapshot current = table.currentSnapshot();
    Map<String, String> summary = current == null ? Map.of() : current.summary();
    long rows = summaryLong(summary, "total-records");
    long positionDeletes = summaryLong(summary, "total-position-deletes");
    long equalityDeletes = summaryLong(summary, "total-equality-deletes");
    TableMetadata metadata =
        table instanceof HasTableOperations operations ? operations.operations().current() : null;
    long tags = table.refs().values().stream().filter(ref -> ref.isTag()).count();
    Optional<TableFiles.PartitionFiles> crowded = files.mostSmallFiles();
    TableStatistics.Records records =
        new TableStatistics.Records(rows - positionDeletes, rows, equalityDeletes == 0);
    TableStatistics.Files fileGroup =
        new TableStatistics.Files(
            files.fileCount(),
            files.totalBytes(),
            files.fileCount() == 0 ? 0 : files.totalBytes() / files.fileCount(),
            files.minFileBytes(),
            files.maxFileBytes(),
            files.smallFileCount(),
            files.partitions().size(),
            crowded.map(TableFiles.PartitionFiles::smallFiles).orElse(0L),
            crowded.map(TableFiles.PartitionFiles::partition).orElse(""));
    TableStatistics.Deletes deletes =
        new TableStatistics.Deletes(
            summaryLong(summary, "total-delete-files"), positionDeletes, equalityDeletes);
    TableStatistics.Snapshots snapshots =
        new TableStatistics.Snapshots(
            sizeOf(table.snapshots()), (int) (table.refs().size() - tags), (int) tags);
    TableStatistics.Metadata metadataGroup =
        new TableStatistics.Metadata(
            current == null ? 0 : current.allManifests(table.io()).size(),
            metadata == null ? 0 : metadataFileSize(table, metadata));
    return new TableStatistics(
        name.layer(),
        name.toString(),
        table.location(),
        metadata == null ? 0 : metadata.formatVersion(),
        new TableStatistics.CurrentSnapshot(
            Optional.ofNullable(current).map(Snapshot::snapshotId),
            Optional.ofNullable(current)
                .map(snapshot -> Instant.ofEpochMilli(snapshot.timestampMillis()))),
        records,
        fileGroup,
        deletes,
        snapshots,
        new TableStatistics.Layout(
            table.specs().size(),
            Partitioning.describe(table.spec()),
            table.schema().columns().size()),
        metadataGroup,
        TableHealth.of(
            name.layer(),
            records,
            fileGroup,
            deletes,
            snapshots,
            metadataGroup,
            catalog.config().maintenance()));
  }

  /**
   * The size of the current metadata file: one length request to storage, as the catalog tells
   * where it is; 0 for metadata not written yet (a table being created).
   */
  private static long metadataFileSize(Table table, TableMetadata metadata) {
    String location = metadata.metadataFileLocation();
    return location == null ? 0 : table.io().newInputFile(location).getLength();
  }

  private static long summaryLong(Map<String, String> summary, String key) {
    String value = summary.get(key);
    return value == null ? 0 : Long.parseLong(value);
  }

  private static int sizeOf(Iterable<?> values) {
    int size = 0;
    for (Object ignored : values) {
      size++;
    }
    return size;
  }
}
