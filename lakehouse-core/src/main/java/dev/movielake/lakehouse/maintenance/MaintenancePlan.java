package dev.movielake.lakehouse.maintenance;

import dev.movielake.lakehouse.TableName;
import java.time.Instant;
import java.util.List;

/** What each table needs, decided from metadata; printing it changes nothing. */
public record MaintenancePlan(Instant createdAt, List<TablePlan> tables) {
  public MaintenancePlan {
    tables = List.copyOf(tables);
  }

  public enum Action {
    COMPACT,
    REWRITE_MANIFESTS,
    EXPIRE_SNAPSHOTS,
    /** Orphan files deleted at once (a full run, or a plan without a marks table). */
    REMOVE_ORPHAN_FILES,
    /** Orphan removal's first phase: unreferenced files marked, nothing deleted. */
    MARK_ORPHAN_FILES,
    /** Orphan removal's second phase: marks past the grace deleted if still unreferenced. */
    DELETE_ORPHAN_FILES
  }

  public record PlannedAction(Action action, String reason) {}

  public record TablePlan(TableName table, List<PlannedAction> actions) {
    public TablePlan {
      actions = List.copyOf(actions);
    }

    public boolean needs(Action action) {
      return actions.stream().anyMatch(planned -> planned.action() == action);
    }
  }

  public long actionCount() {
    return tables.stream().mapToLong(table -> table.actions().size()).sum();
  }
}
