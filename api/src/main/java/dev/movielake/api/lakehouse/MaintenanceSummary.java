package dev.movielake.api.lakehouse;

import dev.movielake.model.Layer;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The maintenance state of every table: files and small files now, and for the latest compaction
 * (an Iceberg {@code replace} snapshot) the counts just before and just after it.
 */
public record MaintenanceSummary(Instant generatedAt, List<TableMaintenance> tables) {
  public MaintenanceSummary {
    tables = List.copyOf(tables);
  }

  public record TableMaintenance(
      Layer layer,
      String table,
      long dataFiles,
      long smallFiles,
      long snapshots,
      Optional<Compaction> lastCompaction) {}

  /** Counts at the compaction's parent snapshot (before) and at the compaction snapshot (after). */
  public record Compaction(
      Instant committedAt,
      long snapshotId,
      long dataFilesBefore,
      long dataFilesAfter,
      long smallFilesBefore,
      long smallFilesAfter) {}
}
