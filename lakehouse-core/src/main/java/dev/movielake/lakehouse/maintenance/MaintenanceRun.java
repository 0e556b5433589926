package dev.movielake.lakehouse.maintenance;

import dev.movielake.lakehouse.TableName;
import dev.movielake.lakehouse.table.TableStatistics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The outcome of a maintenance run: what each table got, and what failed (without stopping the
 * rest).
 */
public record MaintenanceRun(List<TableRun> tables, Duration duration) {
  public MaintenanceRun {
    tables = List.copyOf(tables);
  }

  /**
   * @param errors action name to error message; the table's other actions still ran
   * @param orphans orphan files removed at once
   * @param orphanMarks orphan removal's first phase: files marked
   * @param orphanDeletion orphan removal's second phase: marks past the grace decided
   * @param notes action name to what the run decided about it, e.g. compaction deferred or limited
   *     to cold partitions because the stream is writing the table
   */
  public record TableRun(
      TableName table,
      Optional<TableStatistics> before,
      Optional<TableStatistics> after,
      Optional<CompactTable.Result> compaction,
      Optional<RewriteManifests.Result> manifests,
      Optional<ExpireSnapshots.Result> expiry,
      Optional<RemoveOrphanFiles.Result> orphans,
      Optional<MarkOrphanFiles.Result> orphanMarks,
      Optional<DeleteMarkedOrphanFiles.Result> orphanDeletion,
      Map<String, String> errors,
      Map<String, String> notes) {

    public boolean succeeded() {
      return errors.isEmpty();
    }
  }

  public long failedTables() {
    return tables.stream().filter(table -> !table.succeeded()).count();
  }

  public boolean succeeded() {
    return failedTables() == 0;
  }
}
