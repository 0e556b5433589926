package dev.movielake.lakehouse.table;

import dev.movielake.lakehouse.LakehouseCatalog;
import dev.movielake.lakehouse.TableName;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.apache.iceberg.HasTableOperations;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;

/**
 * Reads a table's statistics from its metadata (snapshot summary and manifests). Needs the catalog
 * only, not Spark, so the API process can report on tables without starting a session.
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
    Snapshot current = table.currentSnapshot();
    TableFiles files =
        TableFiles.of(table, TableFiles.smallFileThresholdBytes(catalog.config(), table));
    Map<String, String> summary = current == null ? Map.of() : current.summary();
    long records = summaryLong(summary, "total-records");
    long positionDeletes = summaryLong(summary, "total-position-deletes");
    long equalityDeletes = summaryLong(summary, "total-equality-deletes");
    int formatVersion =
        table instanceof HasTableOperations operations
            ? operations.operations().current().formatVersion()
            : 0;
    long tags = table.refs().values().stream().filter(ref -> ref.isTag()).count();
    return new TableStatistics(
        name.layer(),
        name.toString(),
        table.location(),
        formatVersion,
        new TableStatistics.CurrentSnapshot(
            Optional.ofNullable(current).map(Snapshot::snapshotId),
            Optional.ofNullable(current)
                .map(snapshot -> Instant.ofEpochMilli(snapshot.timestampMillis()))),
        new TableStatistics.Records(records - positionDeletes, records, equalityDeletes == 0),
        new TableStatistics.Files(
            files.fileCount(),
            files.totalBytes(),
            files.fileCount() == 0 ? 0 : files.totalBytes() / files.fileCount(),
            files.minFileBytes(),
            files.maxFileBytes(),
            files.smallFileCount(),
            files.partitions().size()),
        new TableStatistics.Deletes(
            summaryLong(summary, "total-delete-files"), positionDeletes, equalityDeletes),
        new TableStatistics.Snapshots(
            sizeOf(table.snapshots()), (int) (table.refs().size() - tags), (int) tags),
        new TableStatistics.Layout(
            table.specs().size(),
            Partitioning.describe(table.spec()),
            table.schema().columns().size()));
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
