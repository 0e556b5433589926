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
    REMOVE_ORPHAN_FILES
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
