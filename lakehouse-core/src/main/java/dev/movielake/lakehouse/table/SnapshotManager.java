package dev.movielake.lakehouse.table;

import dev.movielake.lakehouse.Identifiers;
import dev.movielake.lakehouse.LakehouseException;
import dev.movielake.lakehouse.TableName;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.apache.iceberg.ManageSnapshots;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.SnapshotRef;
import org.apache.iceberg.Table;
import org.apache.iceberg.util.SnapshotUtil;

/** Rollback, tags and branches of one table, through Iceberg's snapshot management API. */
public final class SnapshotManager {
  private SnapshotManager() {}

  /**
   * Makes an earlier snapshot of the current history current again; the later ones stay in history.
   */
  public static Snapshot rollbackToSnapshot(TableName name, Table table, long snapshotId) {
    if (table.snapshot(snapshotId) == null) {
      throw new LakehouseException(
          "snapshot "
              + snapshotId
              + " is not in "
              + name
              + " (expired or never existed); list them with "
              + "'./pipeline tables snapshots "
              + name.layer()
              + " "
              + name.table()
              + "'");
    }
    if (table.currentSnapshot() != null
        && !SnapshotUtil.isAncestorOf(table, table.currentSnapshot().snapshotId(), snapshotId)) {
      // Not an ancestor (e.g. undoing a rollback): make it current directly.
      table.manageSnapshots().setCurrentSnapshot(snapshotId).commit();
    } else {
      table.manageSnapshots().rollbackTo(snapshotId).commit();
    }
    return table.currentSnapshot();
  }

  /** Makes current the last snapshot committed before {@code timestamp}. */
  public static Snapshot rollbackToTimestamp(TableName name, Table table, Instant timestamp) {
    Snapshot before;
    try {
      before = table.snapshot(SnapshotUtil.snapshotIdAsOfTime(table, timestamp.toEpochMilli()));
    } catch (IllegalArgumentException e) {
      throw new LakehouseException(
          "no snapshot of "
              + name
              + " is older than "
              + timestamp
              + "; the oldest kept snapshot is "
              + Optional.ofNullable(SnapshotUtil.oldestAncestor(table))
                  .map(s -> Instant.ofEpochMilli(s.timestampMillis()).toString())
                  .orElse("none"),
          e);
    }
    return rollbackToSnapshot(name, table, before.snapshotId());
  }

  public static void createTag(
      TableName name,
      Table table,
      String tag,
      Optional<Long> snapshotId,
      Optional<Duration> retain) {
    Identifiers.require("tag", tag);
    long target = snapshotId.orElseGet(() -> requireCurrent(name, table).snapshotId());
    if (table.refs().containsKey(tag)) {
      throw new LakehouseException(
          "a tag or branch named "
              + tag
              + " already exists on "
              + name
              + "; drop it first or choose another name");
    }
    ManageSnapshots manage = table.manageSnapshots().createTag(tag, target);
    retain.ifPresent(duration -> manage.setMaxRefAgeMs(tag, duration.toMillis()));
    manage.commit();
  }

  public static void createBranch(
      TableName name,
      Table table,
      String branch,
      Optional<Long> snapshotId,
      Optional<Duration> retain) {
    Identifiers.require("branch", branch);
    if (table.refs().containsKey(branch)) {
      throw new LakehouseException(
          "a tag or branch named "
              + branch
              + " already exists on "
              + name
              + "; drop it first or choose another name");
    }
    long target = snapshotId.orElseGet(() -> requireCurrent(name, table).snapshotId());
    ManageSnapshots manage = table.manageSnapshots().createBranch(branch, target);
    retain.ifPresent(duration -> manage.setMaxRefAgeMs(branch, duration.toMillis()));
    manage.commit();
  }

  /**
   * The branch a write-audit-publish write goes to: created at {@code main}'s head (at a new empty
   * snapshot when the table has none yet) unless it exists, when its head is kept.
   *
   * @return the branch's head
   */
  public static Snapshot openBranch(TableName name, Table table, String branch) {
    Identifiers.require("branch", branch);
    SnapshotRef ref = table.refs().get(branch);
    if (ref != null && !ref.isBranch()) {
      throw new LakehouseException(
          "a tag named " + branch + " exists on " + name + "; drop it or choose another name");
    }
    if (ref == null) {
      table.manageSnapshots().createBranch(branch).commit();
      table.refresh();
    }
    return table.snapshot(branch);
  }

  /**
   * Publishes a branch: {@code main} fast-forwarded to the branch's head and the branch removed, in
   * one metadata commit (so a crash leaves either both or neither). A table whose {@code main} has
   * no snapshot yet gets the branch's head as its first.
   *
   * @throws BranchDivergedException when {@code main} has moved since the branch was made from it:
   *     the branch's commits must be written again on top of {@code main}
   */
  public static Snapshot publishBranch(TableName name, Table table, String branch) {
    SnapshotRef ref = table.refs().get(Identifiers.require("branch", branch));
    if (ref == null || !ref.isBranch()) {
      throw new LakehouseException("no branch named " + branch + " on " + name);
    }
    Snapshot main = table.currentSnapshot();
    ManageSnapshots manage = table.manageSnapshots();
    if (main == null) {
      manage.createBranch(SnapshotRef.MAIN_BRANCH, ref.snapshotId());
    } else if (SnapshotUtil.isAncestorOf(table, ref.snapshotId(), main.snapshotId())) {
      manage.fastForwardBranch(SnapshotRef.MAIN_BRANCH, branch);
    } else {
      throw new BranchDivergedException(name, branch, main.snapshotId(), ref.snapshotId());
    }
    manage.removeBranch(branch).commit();
    table.refresh();
    return table.currentSnapshot();
  }

  public static void dropTag(TableName name, Table table, String tag) {
    SnapshotRef ref = table.refs().get(Identifiers.require("tag", tag));
    if (ref == null || !ref.isTag()) {
      throw new LakehouseException("no tag named " + tag + " on " + name);
    }
    table.manageSnapshots().removeTag(tag).commit();
  }

  public static void dropBranch(TableName name, Table table, String branch) {
    if (SnapshotRef.MAIN_BRANCH.equals(branch)) {
      throw new LakehouseException("the main branch of " + name + " cannot be dropped");
    }
    SnapshotRef ref = table.refs().get(Identifiers.require("branch", branch));
    if (ref == null || !ref.isBranch()) {
      throw new LakehouseException("no branch named " + branch + " on " + name);
    }
    table.manageSnapshots().removeBranch(branch).commit();
  }

  private static Snapshot requireCurrent(TableName name, Table table) {
    if (table.currentSnapshot() == null) {
      throw new LakehouseException(name + " has no snapshot yet; write to it first");
    }
    return table.currentSnapshot();
  }
}
