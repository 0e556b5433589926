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
    Table table = catalog.load(name);
    Snapshot current = table.currentSnapshot();
    TableFiles files = TableFiles.of(table, smallFileThresholdBytes(table));
    Map<String, String> summary = current == null ? Map.of() : current.summary();
    long records = summaryLong(summary, "total-records");
    long positionDeletes = summaryLong(summary, "total-position-deletes");
    long equalityDeletes = summaryLong(summary, "total-equality-deletes");
    int formatVersion = table instanceof HasTableOperations operations
        ? operations.operations().current().formatVersion() : 0;
    long tags = table.refs().values().stream().filter(ref -> ref.isTag()).count();
    return new TableStatistics(
        name.layer(), name.toString(), table.location(), formatVersion,
        Optional.ofNullable(current).map(Snapshot::snapshotId),
        Optional.ofNullable(current).map(snapshot -> Instant.ofEpochMilli(snapshot.timestampMillis())),
        records - positionDeletes, records, equalityDeletes == 0, files.fileCount(), files.totalBytes(),
        files.fileCount() == 0 ? 0 : files.totalBytes() / files.fileCount(),
        files.minFileBytes(), files.maxFileBytes(), files.smallFileCount(), files.partitions().size(),
        summaryLong(summary, "total-delete-files"), positionDeletes, equalityDeletes,
        sizeOf(table.snapshots()), (int) (table.refs().size() - tags), (int) tags, table.specs().size(),
        Partitioning.describe(table.spec()),
        table.schema().columns().size());
  }

  /** Files under this size count as small: the configured share of the table's target file size. */
  public long smallFileThresholdBytes(Table table) {
    return smallFileThresholdBytes(catalog.config(), table);
  }

  /** The same, for readers of metadata that have no catalog object of the pipeline (the doctor). */
  public static long smallFileThresholdBytes(dev.movielake.config.LakehouseConfig config, Table table) {
    long target = Long.parseLong(table.properties().getOrDefault(
        "write.target-file-size-bytes", Long.toString(config.tableFormat().targetFileSizeBytes())));
    return (long) (target * config.maintenance().smallFileRatio());
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
