package dev.movielake.ops.doctor;

import dev.movielake.cli.ConnectionFailure;
import dev.movielake.config.LakehouseConfig;
import dev.movielake.config.LayerTableProperties;
import dev.movielake.config.MaintenancePolicy;
import dev.movielake.lakehouse.LakehouseCatalog;
import dev.movielake.lakehouse.TableName;
import dev.movielake.lakehouse.maintenance.MaintenancePlanner;
import dev.movielake.lakehouse.table.TableFiles;
import dev.movielake.model.Layer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.iceberg.HasTableOperations;
import org.apache.iceberg.RowLevelOperationMode;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;

/**
 * Every table's metadata (no data file is read, no Spark): the format version (row-level deletes
 * and safe schema evolution need version 2), small files (they slow every query; by the maintenance
 * planner's criteria), snapshots past the layer's retention and too many manifests, each with the
 * command that fixes it.
 */
final class TablesCheck implements Check {
  private final Settings settings;
  private final CatalogCheck catalog;
  private final StorageCheck storage;
  private final Clock clock;

  TablesCheck(Settings settings, CatalogCheck catalog, StorageCheck storage, Clock clock) {
    this.settings = settings;
    this.catalog = catalog;
    this.storage = storage;
    this.clock = clock;
  }

  @Override
  public String name() {
    return "tables";
  }

  /** Reading every table's manifests takes longer than a connection check. */
  @Override
  public Duration timeout(Duration standard) {
    return standard.multipliedBy(3);
  }

  @Override
  public Finding timedOut(Duration limit) {
    return Finding.warning(
        name(),
        "reading the tables' metadata took longer than " + limit.toSeconds() + " s",
        "run pipeline maintain plan to see what the tables need, or rerun with a larger --timeout");
  }

  @Override
  public List<Finding> run() {
    if (catalog.notCreatedYet()) {
      return List.of(Finding.ok(name(), "no tables yet: the catalog is created on first write"));
    }
    if (catalog.opened().isEmpty()) {
      return List.of(
          Finding.skipped(
              name(), "not checked: the catalog is not available (see the catalog check)"));
    }
    if (!storage.usable()) {
      return List.of(
          Finding.skipped(
              name(), "not checked: the warehouse storage is not usable (see the storage check)"));
    }
    LakehouseConfig config = settings.lakehouse().value().orElseThrow();
    Catalog iceberg = catalog.opened().get();
    List<Finding> findings = new ArrayList<>();
    for (TableName table : LakehouseCatalog.on(config, iceberg).listAllTables()) {
      findings.addAll(examine(config, iceberg, table));
    }
    if (findings.isEmpty()) {
      findings.add(Finding.ok(name(), "no tables yet: the first ingestion and stream create them"));
    }
    return findings;
  }

  private List<Finding> examine(LakehouseConfig config, Catalog iceberg, TableName name) {
    String check = "table " + name.layer().id() + "." + name.table();
    String arguments = name.layer().id() + " " + name.table();
    Table table;
    try {
      table = iceberg.loadTable(name.identifier());
    } catch (RuntimeException e) {
      return List.of(
          Finding.broken(
              check,
              "cannot read its metadata (" + ConnectionFailure.of(e).reason() + ")",
              "check the storage check's finding; its metadata file may have been deleted or"
                  + " moved"));
    }
    MaintenancePolicy policy = config.maintenance();
    List<Finding> findings = new ArrayList<>();

    int formatVersion =
        table instanceof HasTableOperations operations
            ? operations.operations().current().formatVersion()
            : 2;
    if (formatVersion < 2) {
      findings.add(
          Finding.warning(
              check,
              "format-version "
                  + formatVersion
                  + ": row-level deletes (merge-on-read) and safe schema evolution need version 2",
              "upgrade in Spark SQL: ALTER TABLE "
                  + name.qualified()
                  + " SET TBLPROPERTIES ('format-version'='2')"));
    }

    List<String> mergeOnRead =
        LayerTableProperties.rowLevelModes(config, name.layer()).entrySet().stream()
            .filter(
                mode ->
                    !mode.getValue()
                        .equals(
                            table
                                .properties()
                                .getOrDefault(
                                    mode.getKey(), RowLevelOperationMode.COPY_ON_WRITE.modeName())))
            .map(Map.Entry::getKey)
            .toList();
    if (name.layer() != Layer.BRONZE && !mergeOnRead.isEmpty()) {
      findings.add(
          Finding.warning(
              check,
              "merge-on-read ("
                  + String.join(", ", mergeOnRead)
                  + "): its change feed cannot be read, so gold and publishing read the whole"
                  + " table",
              "in Spark SQL: ALTER TABLE "
                  + name.qualified()
                  + " SET TBLPROPERTIES ('write.delete.mode'='copy-on-write',"
                  + " 'write.update.mode'='copy-on-write', 'write.merge.mode'='copy-on-write')"));
    }

    Snapshot current = table.currentSnapshot();
    long threshold = TableFiles.smallFileThresholdBytes(config, table);
    TableFiles files = TableFiles.of(table, threshold);
    long crowded =
        files.partitions().stream()
            .filter(
                partition ->
                    partition.smallFiles()
                        >= policy.triggers(name.layer()).minSmallFilesPerPartition())
            .count();
    if (crowded > 0) {
      findings.add(
          Finding.warning(
              check,
              files.smallFileCount()
                  + " small files (avg "
                  + megabytes(files.fileCount() == 0 ? 0 : files.totalBytes() / files.fileCount())
                  + ", under "
                  + megabytes(threshold)
                  + ") in "
                  + crowded
                  + " partition(s): slow queries",
              "run pipeline maintain compact "
                  + arguments
                  + ", or raise "
                  + LakehouseConfig.TARGET_FILE_SIZE_BYTES));
    }

    if (current != null) {
      int manifests = current.dataManifests(table.io()).size();
      if (manifests > policy.triggers(name.layer()).maxManifests()) {
        findings.add(
            Finding.warning(
                check,
                manifests
                    + " data manifests, more than "
                    + policy.triggers(name.layer()).maxManifests()
                    + ": slow query planning",
                "run pipeline maintain manifests " + arguments));
      }
    }

    int retentionDays = policy.retentionDays(name.layer());
    long expirable =
        MaintenancePlanner.expirableSnapshots(
            table, clock.instant().minus(Duration.ofDays(retentionDays)));
    if (expirable > 0) {
      findings.add(
          Finding.warning(
              check,
              expirable
                  + " snapshot(s) older than the "
                  + name.layer().id()
                  + " retention of "
                  + retentionDays
                  + " days keep old files",
              "run pipeline maintain expire "
                  + arguments
                  + " (then pipeline maintain orphans "
                  + arguments
                  + ")"));
    }

    if (findings.isEmpty()) {
      findings.add(
          Finding.ok(
              check,
              "format-version "
                  + formatVersion
                  + ", "
                  + files.fileCount()
                  + " data file(s) (avg "
                  + megabytes(files.fileCount() == 0 ? 0 : files.totalBytes() / files.fileCount())
                  + "), "
                  + count(table.snapshots())
                  + " snapshot(s)"));
    }
    return findings;
  }

  private static int count(Iterable<?> values) {
    int size = 0;
    for (Object ignored : values) {
      size++;
    }
    return size;
  }

  private static String megabytes(long bytes) {
    return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
  }
}
