package dev.movielake.api;

import dev.movielake.model.Layer;
import dev.movielake.lakehouse.TableName;
import dev.movielake.lakehouse.TableNotFoundException;
import dev.movielake.lakehouse.table.TableStatistics;
import dev.movielake.api.lakehouse.HistoryEntry;
import dev.movielake.api.lakehouse.LakehouseView;
import dev.movielake.api.lakehouse.MaintenanceSummary;
import dev.movielake.api.lakehouse.SnapshotEntry;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Two tables with fixed metadata; {@link #problem} can be set to make the catalog look broken. */
final class FakeLakehouse implements LakehouseView {
  static final Instant COMMITTED = Instant.parse("2026-01-02T03:04:05Z");

  volatile String problem;
  volatile boolean broken;

  @Override
  public List<TableStatistics> tables() {
    if (broken) {
      throw new IllegalStateException("cannot read /secret/warehouse/catalog.db");
    }
    return List.of(statistics(Layer.SILVER, "movies_clean", 1000), statistics(Layer.GOLD, "movie_metrics", 900));
  }

  @Override
  public TableStatistics table(Layer layer, String table) {
    return tables().stream()
        .filter(statistics -> statistics.layer() == layer && statistics.table().equals(table))
        .findFirst()
        .orElseThrow(() -> new TableNotFoundException(new TableName("movie_catalog", layer, layer.id(), table)));
  }

  @Override
  public List<SnapshotEntry> snapshots(Layer layer, String table) {
    table(layer, table);
    return List.of(
        new SnapshotEntry(1, Optional.empty(), COMMITTED, "append", Map.of("added-records", "10")),
        new SnapshotEntry(2, Optional.of(1L), COMMITTED.plusSeconds(60), "overwrite", Map.of()),
        new SnapshotEntry(3, Optional.of(2L), COMMITTED.plusSeconds(120), "replace", Map.of()));
  }

  @Override
  public List<HistoryEntry> history(Layer layer, String table) {
    table(layer, table);
    return List.of(new HistoryEntry(COMMITTED, 1, true), new HistoryEntry(COMMITTED.plusSeconds(60), 2, true));
  }

  @Override
  public MaintenanceSummary maintenance() {
    tables();
    return new MaintenanceSummary(COMMITTED, List.of(
        new MaintenanceSummary.TableMaintenance(Layer.SILVER, "movies_clean", 4, 1, 3,
            Optional.of(new MaintenanceSummary.Compaction(COMMITTED, 3, 20, 4, 18, 1))),
        new MaintenanceSummary.TableMaintenance(Layer.GOLD, "movie_metrics", 2, 0, 1, Optional.empty())));
  }

  @Override
  public String problem() {
    return problem;
  }

  private static TableStatistics statistics(Layer layer, String table, long records) {
    return new TableStatistics(layer, table, "file:/lakehouse/" + layer.id() + "/" + table, 2,
        new TableStatistics.CurrentSnapshot(Optional.of(3L), Optional.of(COMMITTED)),
        new TableStatistics.Records(records, records, true),
        new TableStatistics.Files(4, 4096, 1024, 512, 2048, 1, 2),
        new TableStatistics.Deletes(0, 0, 0),
        new TableStatistics.Snapshots(3, 1, 0),
        new TableStatistics.Layout(1, "release_year", 12));
  }
}
