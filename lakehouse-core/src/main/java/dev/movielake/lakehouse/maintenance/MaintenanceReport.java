package dev.movielake.lakehouse.maintenance;

import dev.movielake.lakehouse.readers.TableReader;
import dev.movielake.lakehouse.table.TableStatistics;
import dev.movielake.model.Layer;
import java.time.Instant;
import java.util.List;

/**
 * The state of the tables maintenance looks after: per table and totals, from metadata; and the
 * registered readers of each table that has any, with how far behind each is.
 */
public record MaintenanceReport(
    Instant generatedAt,
    List<TableStatistics> tables,
    List<ReadersOfTable> readers,
    Totals totals) {
  public MaintenanceReport {
    tables = List.copyOf(tables);
    readers = List.copyOf(readers);
  }

  /** The readers registered on one table ({@code TableReaders}), by name. */
  public record ReadersOfTable(Layer layer, String table, List<TableReader> readers) {
    public ReadersOfTable {
      readers = List.copyOf(readers);
    }
  }

  public record Totals(
      int tables,
      long records,
      long files,
      long totalSizeBytes,
      long snapshots,
      long smallFiles,
      long deleteFiles) {

    public double totalSizeMb() {
      return totalSizeBytes / (1024.0 * 1024.0);
    }
  }

  public static MaintenanceReport of(Instant generatedAt, List<TableStatistics> tables) {
    return of(generatedAt, tables, List.of());
  }

  public static MaintenanceReport of(
      Instant generatedAt, List<TableStatistics> tables, List<ReadersOfTable> readers) {
    Totals totals =
        new Totals(
            tables.size(),
            tables.stream().mapToLong(table -> table.records().recordCount()).sum(),
            tables.stream().mapToLong(table -> table.files().fileCount()).sum(),
            tables.stream().mapToLong(table -> table.files().totalSizeBytes()).sum(),
            tables.stream().mapToLong(table -> table.snapshots().snapshotCount()).sum(),
            tables.stream().mapToLong(table -> table.files().smallFileCount()).sum(),
            tables.stream().mapToLong(table -> table.deletes().deleteFileCount()).sum());
    return new MaintenanceReport(generatedAt, tables, readers, totals);
  }
}
