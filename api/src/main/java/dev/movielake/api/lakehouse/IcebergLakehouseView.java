package dev.movielake.api.lakehouse;

import dev.movielake.config.LakehouseConfig;
import dev.movielake.lakehouse.LakehouseCatalog;
import dev.movielake.lakehouse.TableName;
import dev.movielake.lakehouse.table.TableFiles;
import dev.movielake.lakehouse.table.TableStatistics;
import dev.movielake.lakehouse.table.TableStatisticsReader;
import dev.movielake.model.Layer;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.iceberg.DataOperations;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.util.SnapshotUtil;

/** The lakehouse as Iceberg's metadata describes it, read through the catalog without Spark. */
public final class IcebergLakehouseView implements LakehouseView {
  private final Supplier<LakehouseCatalog> connect;
  private final Clock clock;
  private LakehouseCatalog catalog;

  /**
   * @param connect builds the catalog; called again after a failure, so an API started while the
   *     catalog service was down recovers when it comes back
   */
  public IcebergLakehouseView(Supplier<LakehouseCatalog> connect, Clock clock) {
    this.connect = connect;
    this.clock = clock;
  }

  public static IcebergLakehouseView of(LakehouseConfig config) {
    return new IcebergLakehouseView(() -> LakehouseCatalog.open(config), Clock.systemUTC());
  }

  private synchronized LakehouseCatalog catalog() {
    if (catalog == null) {
      catalog = connect.get();
    }
    return catalog;
  }

  @Override
  public List<TableStatistics> tables() {
    TableStatisticsReader statistics = new TableStatisticsReader(catalog());
    return catalog().listAllTables().stream().map(statistics::read).toList();
  }

  @Override
  public TableStatistics table(Layer layer, String table) {
    return new TableStatisticsReader(catalog()).read(catalog().table(layer, table));
  }

  @Override
  public List<SnapshotEntry> snapshots(Layer layer, String table) {
    List<SnapshotEntry> entries = new ArrayList<>();
    for (Snapshot snapshot : catalog().loadTable(catalog().table(layer, table)).snapshots()) {
      entries.add(
          new SnapshotEntry(
              snapshot.snapshotId(),
              Optional.ofNullable(snapshot.parentId()),
              Instant.ofEpochMilli(snapshot.timestampMillis()),
              snapshot.operation(),
              snapshot.summary()));
    }
    entries.sort(Comparator.comparing(SnapshotEntry::committedAt));
    return entries;
  }

  @Override
  public List<HistoryEntry> history(Layer layer, String table) {
    Table loaded = catalog().loadTable(catalog().table(layer, table));
    List<Long> ancestors =
        loaded.currentSnapshot() == null ? List.of() : SnapshotUtil.currentAncestorIds(loaded);
    List<HistoryEntry> entries = new ArrayList<>();
    // Iceberg names its own entries HistoryEntry too: each is read through var.
    for (var entry : loaded.history()) {
      entries.add(
          new HistoryEntry(
              Instant.ofEpochMilli(entry.timestampMillis()),
              entry.snapshotId(),
              ancestors.contains(entry.snapshotId())));
    }
    return entries;
  }

  @Override
  public MaintenanceSummary maintenance() {
    List<MaintenanceSummary.TableMaintenance> tables = new ArrayList<>();
    TableStatisticsReader statistics = new TableStatisticsReader(catalog());
    for (TableName name : catalog().listAllTables()) {
      TableStatistics now = statistics.read(name);
      Table table = catalog().loadTable(name);
      tables.add(
          new MaintenanceSummary.TableMaintenance(
              name.layer(),
              name.table(),
              now.files().fileCount(),
              now.files().smallFileCount(),
              now.snapshots().snapshotCount(),
              lastCompaction(
                  table, TableFiles.smallFileThresholdBytes(catalog().config(), table))));
    }
    return new MaintenanceSummary(clock.instant(), tables);
  }

  /**
   * The newest compaction among the current snapshot's ancestors: a {@code replace} snapshot that
   * removed data files (a manifest rewrite is a {@code replace} too, but moves no data file).
   */
  private static Optional<MaintenanceSummary.Compaction> lastCompaction(
      Table table, long threshold) {
    if (table.currentSnapshot() == null) {
      return Optional.empty();
    }
    for (Snapshot snapshot : SnapshotUtil.currentAncestors(table)) {
      boolean rewroteData =
          DataOperations.REPLACE.equals(snapshot.operation())
              && Long.parseLong(snapshot.summary().getOrDefault("deleted-data-files", "0")) > 0;
      if (rewroteData
          && snapshot.parentId() != null
          && table.snapshot(snapshot.parentId()) != null) {
        TableFiles before = TableFiles.of(table, table.snapshot(snapshot.parentId()), threshold);
        TableFiles after = TableFiles.of(table, snapshot, threshold);
        return Optional.of(
            new MaintenanceSummary.Compaction(
                Instant.ofEpochMilli(snapshot.timestampMillis()),
                snapshot.snapshotId(),
                before.fileCount(),
                after.fileCount(),
                before.smallFileCount(),
                after.smallFileCount()));
      }
    }
    return Optional.empty();
  }

  @Override
  public String problem() {
    try {
      if (catalog().iceberg() instanceof SupportsNamespaces namespaces) {
        namespaces.listNamespaces();
      }
      return null;
    } catch (RuntimeException e) {
      // Driver messages can quote a connection string: credentials in it are blanked.
      String message =
          String.valueOf(e.getMessage())
              .replaceAll("//[^/@\\s]+@", "//***@")
              .replaceAll("(?i)(password|secret|token)=[^&;\\s]*", "$1=***");
      return "the Iceberg catalog does not answer: "
          + message
          + ". Check ICEBERG_CATALOG_TYPE and its URI, and that the catalog service is running.";
    }
  }
}
