package dev.movielake.lakehouse.maintenance.service;

import dev.movielake.lakehouse.SparkLakehouseCatalog;
import dev.movielake.lakehouse.TableName;
import dev.movielake.lakehouse.maintenance.MaintenancePlan.Action;
import dev.movielake.lakehouse.table.Partitioning;
import dev.movielake.lakehouse.table.RecordAppender;
import dev.movielake.lakehouse.table.TableWriter;
import dev.movielake.model.Layer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.spark.sql.types.StructType;

/**
 * The maintenance log: one row per action, appended within the action's own second with Iceberg's
 * Parquet writer (no Spark job), read back without Spark too, so the API process and {@code
 * maintain report} can show the last actions and why.
 */
public final class MaintenanceLog {
  static final StructType SCHEMA =
      StructType.fromDDL(
          "started_at TIMESTAMP, seconds DOUBLE, layer STRING, table_name STRING, action STRING,"
              + " trigger STRING, reason STRING, outcome STRING,"
              + " predicted_data_files BIGINT, predicted_delete_files BIGINT,"
              + " predicted_snapshots INT, predicted_manifests INT,"
              + " data_files_before BIGINT, data_files_after BIGINT,"
              + " delete_files_before BIGINT, delete_files_after BIGINT,"
              + " snapshots_before INT, snapshots_after INT,"
              + " manifests_before INT, manifests_after INT,"
              + " bytes_before BIGINT, bytes_after BIGINT, detail STRING");

  private final SparkLakehouseCatalog catalog;
  private final TableName log;
  private final List<String> partitioning;

  /**
   * @param log the log table (the pipeline's is {@code silver.maintenance_log})
   * @param partitioning its partition fields as Iceberg transforms
   */
  public MaintenanceLog(SparkLakehouseCatalog catalog, TableName log, List<String> partitioning) {
    this.catalog = catalog;
    this.log = log;
    this.partitioning = List.copyOf(partitioning);
  }

  public TableName table() {
    return log;
  }

  /**
   * Appends the entries in one commit: the service logs each pass's actions together, one small
   * file a pass rather than one an action, so its own log does not call for compaction after every
   * few actions.
   */
  public void record(List<MaintenanceEntry> entries) {
    if (entries.isEmpty()) {
      return;
    }
    Table table = loadOrCreate();
    List<GenericRecord> rows = new ArrayList<>();
    for (MaintenanceEntry entry : entries) {
      rows.add(row(table, entry));
    }
    RecordAppender.append(table, rows, "maintenance", Map.of());
  }

  private static GenericRecord row(Table table, MaintenanceEntry entry) {
    GenericRecord row = GenericRecord.create(table.schema());
    row.setField("started_at", entry.startedAt().atOffset(ZoneOffset.UTC));
    row.setField("seconds", entry.duration().toNanos() / 1e9);
    row.setField("layer", entry.layer().id());
    row.setField("table_name", entry.table());
    row.setField("action", entry.action().name().toLowerCase(Locale.ROOT));
    row.setField("trigger", entry.trigger().id());
    row.setField("reason", entry.reason());
    row.setField("outcome", entry.outcome().id());
    row.setField("predicted_data_files", entry.predicted().dataFiles());
    row.setField("predicted_delete_files", entry.predicted().deleteFiles());
    row.setField("predicted_snapshots", entry.predicted().snapshots());
    row.setField("predicted_manifests", entry.predicted().dataManifests());
    row.setField("data_files_before", entry.before().dataFiles());
    row.setField("data_files_after", entry.after().dataFiles());
    row.setField("delete_files_before", entry.before().deleteFiles());
    row.setField("delete_files_after", entry.after().deleteFiles());
    row.setField("snapshots_before", entry.before().snapshots());
    row.setField("snapshots_after", entry.after().snapshots());
    row.setField("manifests_before", entry.before().dataManifests());
    row.setField("manifests_after", entry.after().dataManifests());
    row.setField("bytes_before", entry.bytesBefore());
    row.setField("bytes_after", entry.bytesAfter());
    row.setField("detail", entry.detail());
    return row;
  }

  /** The newest entries first, at most {@code limit}; none before the first action. */
  public List<MaintenanceEntry> latest(int limit) {
    if (!catalog.tableExists(log)) {
      return List.of();
    }
    List<MaintenanceEntry> entries = new ArrayList<>();
    try (CloseableIterable<Record> rows = IcebergGenerics.read(catalog.loadTable(log)).build()) {
      for (Record row : rows) {
        entries.add(entry(row));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + log, e);
    }
    return entries.stream()
        .sorted(Comparator.comparing(MaintenanceEntry::startedAt).reversed())
        .limit(limit)
        .toList();
  }

  private static MaintenanceEntry entry(Record row) {
    return new MaintenanceEntry(
        ((OffsetDateTime) row.getField("started_at")).toInstant(),
        Duration.ofNanos((long) ((Double) row.getField("seconds") * 1e9)),
        Layer.parse((String) row.getField("layer")),
        (String) row.getField("table_name"),
        Action.valueOf(((String) row.getField("action")).toUpperCase(Locale.ROOT)),
        Trigger.valueOf(((String) row.getField("trigger")).toUpperCase(Locale.ROOT)),
        (String) row.getField("reason"),
        Outcome.of((String) row.getField("outcome")),
        new MaintenanceDecision.Shape(
            (Long) row.getField("predicted_data_files"),
            (Long) row.getField("predicted_delete_files"),
            (Integer) row.getField("predicted_snapshots"),
            (Integer) row.getField("predicted_manifests")),
        new MaintenanceDecision.Shape(
            (Long) row.getField("data_files_before"),
            (Long) row.getField("delete_files_before"),
            (Integer) row.getField("snapshots_before"),
            (Integer) row.getField("manifests_before")),
        new MaintenanceDecision.Shape(
            (Long) row.getField("data_files_after"),
            (Long) row.getField("delete_files_after"),
            (Integer) row.getField("snapshots_after"),
            (Integer) row.getField("manifests_after")),
        (Long) row.getField("bytes_before"),
        (Long) row.getField("bytes_after"),
        (String) row.getField("detail"));
  }

  private Table loadOrCreate() {
    if (!catalog.tableExists(log)) {
      new TableWriter(catalog).create(log, SCHEMA, Partitioning.of(partitioning), false);
    }
    return catalog.loadTable(log);
  }
}
