package dev.movielake.api.dashboard;

import dev.movielake.model.Layer;
import dev.movielake.lakehouse.TableName;
import dev.movielake.lakehouse.TableNotFoundException;
import dev.movielake.lakehouse.table.TableStatistics;
import dev.movielake.api.lakehouse.HistoryEntry;
import dev.movielake.api.lakehouse.LakehouseView;
import dev.movielake.api.lakehouse.MaintenanceSummary;
import dev.movielake.api.lakehouse.SnapshotEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A lakehouse held in memory: tables with their snapshots, as the dashboard tests set them up. */
final class FakeLakehouse implements LakehouseView {
  private final Map<String, Table> tables = new LinkedHashMap<>();
  private final Instant generatedAt;

  private record Table(TableStatistics statistics, List<SnapshotEntry> snapshots, long smallFiles) {}

  FakeLakehouse(Instant generatedAt) {
    this.generatedAt = generatedAt;
  }

  /** Adds a table; its statistics follow from its snapshots' summaries (the last total-records). */
  FakeLakehouse table(Layer layer, String table, long dataFiles, long smallFiles, long sizeBytes,
      List<SnapshotEntry> snapshots) {
    SnapshotEntry current = snapshots.get(snapshots.size() - 1);
    long records = Long.parseLong(current.summary().getOrDefault("total-records", "0"));
    TableStatistics statistics = new TableStatistics(layer, layer.id() + "." + table,
        "/lakehouse/warehouse/" + layer.id() + "/" + table, 2,
        new TableStatistics.CurrentSnapshot(Optional.of(current.snapshotId()), Optional.of(current.committedAt())),
        new TableStatistics.Records(records, records, true),
        new TableStatistics.Files(dataFiles, sizeBytes, sizeBytes / dataFiles, sizeBytes / dataFiles / 2,
            sizeBytes / dataFiles * 2, smallFiles, 1),
        new TableStatistics.Deletes(0, 0, 0),
        new TableStatistics.Snapshots(snapshots.size(), 1, 0),
        new TableStatistics.Layout(1, "day(release_date)", 12));
    tables.put(key(layer, table), new Table(statistics, List.copyOf(snapshots), smallFiles));
    return this;
  }

  @Override
  public List<TableStatistics> tables() {
    return tables.values().stream().map(Table::statistics).toList();
  }

  @Override
  public TableStatistics table(Layer layer, String table) {
    return find(layer, table).statistics();
  }

  @Override
  public List<SnapshotEntry> snapshots(Layer layer, String table) {
    return find(layer, table).snapshots();
  }

  @Override
  public List<HistoryEntry> history(Layer layer, String table) {
    return find(layer, table).snapshots().stream()
        .map(snapshot -> new HistoryEntry(snapshot.committedAt(), snapshot.snapshotId(), true)).toList();
  }

  /** A compaction is a {@code replace} snapshot; before and after come from its summary, as files. */
  @Override
  public MaintenanceSummary maintenance() {
    List<MaintenanceSummary.TableMaintenance> entries = new ArrayList<>();
    for (Table table : tables.values()) {
      Optional<MaintenanceSummary.Compaction> compaction = table.snapshots().stream()
          .filter(snapshot -> snapshot.operation().equals("replace"))
          .reduce((first, second) -> second)
          .map(snapshot -> new MaintenanceSummary.Compaction(snapshot.committedAt(), snapshot.snapshotId(),
              count(snapshot, "deleted-data-files"), count(snapshot, "added-data-files"),
              count(snapshot, "deleted-data-files"), table.smallFiles()));
      TableStatistics statistics = table.statistics();
      entries.add(new MaintenanceSummary.TableMaintenance(statistics.layer(),
          statistics.table().substring(statistics.table().indexOf('.') + 1), statistics.files().fileCount(),
          table.smallFiles(), statistics.snapshots().snapshotCount(), compaction));
    }
    return new MaintenanceSummary(generatedAt, entries);
  }

  @Override
  public String problem() {
    return null;
  }

  private Table find(Layer layer, String table) {
    Table found = tables.get(key(layer, table));
    if (found == null) {
      throw new TableNotFoundException(new TableName("movie_catalog", layer, layer.id(), table));
    }
    return found;
  }

  private static long count(SnapshotEntry snapshot, String property) {
    return Long.parseLong(snapshot.summary().getOrDefault(property, "0"));
  }

  private static String key(Layer layer, String table) {
    return layer.id() + "." + table;
  }
}
