package dev.movielake.lakehouse.maintenance;

import dev.movielake.lakehouse.table.TableStatistics;
import java.time.Instant;
import java.util.List;

/** The state of the tables maintenance looks after: per table and totals, from metadata. */
public record MaintenanceReport(Instant generatedAt, List<TableStatistics> tables, Totals totals) {
  public MaintenanceReport {
    tables = List.copyOf(tables);
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
    Totals totals =
        new Totals(
            tables.size(),
            tables.stream().mapToLong(table -> table.records().recordCount()).sum(),
            tables.stream().mapToLong(table -> table.files().fileCount()).sum(),
            tables.stream().mapToLong(table -> table.files().totalSizeBytes()).sum(),
            tables.stream().mapToLong(table -> table.snapshots().snapshotCount()).sum(),
            tables.stream().mapToLong(table -> table.files().smallFileCount()).sum(),
            tables.stream().mapToLong(table -> table.deletes().deleteFileCount()).sum());
    return new MaintenanceReport(generatedAt, tables, totals);
  }
}
