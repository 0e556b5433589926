package dev.movielake.bench;

import dev.movielake.api.lakehouse.HistoryEntry;
import dev.movielake.api.lakehouse.LakehouseView;
import dev.movielake.api.lakehouse.MaintenanceSummary;
import dev.movielake.api.lakehouse.SnapshotEntry;
import dev.movielake.lakehouse.TableName;
import dev.movielake.lakehouse.TableNotFoundException;
import dev.movielake.lakehouse.table.TableStatistics;
import dev.movielake.model.Layer;
import java.time.Instant;
import java.util.List;

/**
 * A lakehouse without tables: the serve benchmark measures MongoDB's endpoints, without Spark or a
 * catalog.
 */
final class EmptyLakehouse implements LakehouseView {
  @Override
  public List<TableStatistics> tables() {
    return List.of();
  }

  @Override
  public TableStatistics table(Layer layer, String table) {
    throw notFound(layer, table);
  }

  @Override
  public List<SnapshotEntry> snapshots(Layer layer, String table) {
    throw notFound(layer, table);
  }

  @Override
  public List<HistoryEntry> history(Layer layer, String table) {
    throw notFound(layer, table);
  }

  @Override
  public MaintenanceSummary maintenance() {
    return new MaintenanceSummary(Instant.now(), List.of());
  }

  @Override
  public String problem() {
    return null;
  }

  private static TableNotFoundException notFound(Layer layer, String table) {
    return new TableNotFoundException(new TableName("bench", layer, layer.id(), table));
  }
}
