package dev.movielake.lakehouse.maintenance.service;

import dev.movielake.lakehouse.TableName;
import dev.movielake.lakehouse.maintenance.MaintenancePlan.Action;

/**
 * One action the triggers chose for a table, with why and what it should bring.
 *
 * @param minInputFiles for a compaction: a partition's files are rewritten when it has at least
 *     this many (Iceberg's {@code min-input-files}), so only what triggered is touched
 * @param predicted the table's shape expected after the action, from metadata
 */
public record MaintenanceDecision(
    TableName table,
    Action action,
    Trigger trigger,
    String reason,
    int minInputFiles,
    Shape predicted) {

  /** Counts that maintenance changes, before an action, predicted after it, or realised. */
  public record Shape(long dataFiles, long deleteFiles, int snapshots, int dataManifests) {
    public static Shape of(TableCondition condition) {
      return new Shape(
          condition.files().fileCount(),
          condition.deleteFiles(),
          condition.snapshots(),
          condition.dataManifests());
    }
  }
}
