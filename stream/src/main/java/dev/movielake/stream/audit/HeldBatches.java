package dev.movielake.stream.audit;

import dev.movielake.lakehouse.IcebergStorageManager;
import dev.movielake.lakehouse.LakehouseException;
import dev.movielake.lakehouse.change.ChangeRange;
import dev.movielake.lakehouse.change.TableChanges;
import dev.movielake.lakehouse.table.BranchDivergedException;
import dev.movielake.lakehouse.table.TableWriter;
import dev.movielake.lakehouse.table.WriteOptions;
import dev.movielake.model.Layer;
import dev.movielake.model.PipelineTable;
import dev.movielake.model.expectation.AuditedCommit;
import dev.movielake.stream.silver.SilverBatchWriter;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * What operators do with audits ({@code ./pipeline audits}): list them, look at a held batch's rows
 * on its branch, release it (published to {@code main} as it is) or discard it (its branch
 * dropped). A stream waiting on the batch goes on from the decision.
 */
public final class HeldBatches {
  private final IcebergStorageManager storage;
  private final AuditLog log;
  private final Clock clock;

  public HeldBatches(IcebergStorageManager storage, Clock clock) {
    this.storage = storage;
    this.log = new AuditLog(storage);
    this.clock = clock;
  }

  /** Each batch's latest audit, newest first, of one state or all. */
  public List<Audit> list(Optional<AuditState> state, int limit) {
    return log.batches(state, limit);
  }

  /**
   * The batch's latest audit.
   *
   * @throws LakehouseException naming how to list the audits when the batch was never audited
   */
  public Audit find(Layer layer, String table, String batch) {
    return log.latest(layer, table, batch)
        .orElseThrow(
            () ->
                new LakehouseException(
                    "no audit of batch "
                        + batch
                        + " of "
                        + layer.id()
                        + "."
                        + table
                        + "; list the audited batches with './pipeline audits list'"));
  }

  /**
   * What the held batch changes, read from its branch: its rows as they would be on {@code main}
   * (inserts and updates after the change, with their before images).
   */
  public TableChanges changes(Audit audit) {
    Audit held = requireHeld(audit, "show the rows of");
    Table table = storage.loadTable(held.layer(), held.table());
    Snapshot head = table.snapshot(held.branch());
    if (head == null) {
      throw new LakehouseException(
          "the branch "
              + held.branch()
              + " of "
              + held.qualifiedTable()
              + " is gone; the batch was decided meanwhile");
    }
    Optional<Long> base = base(table, head, held.batch());
    ChangeRange range =
        base.map(ChangeRange::after).orElseGet(ChangeRange::all).to(head.snapshotId());
    return storage.changes(held.layer(), held.table(), range, key(held));
  }

  /**
   * Publishes the held batch to {@code main} as it is: fast-forwarded when {@code main} has not
   * moved, otherwise its rows written again on top of {@code main} with the batch's marks, so the
   * stream's replay knows {@code main} has it.
   */
  public Audit release(Audit audit, String note) {
    Audit held = requireHeld(audit, "release");
    if (storage.hasBranch(held.layer(), held.table(), held.branch())) {
      try {
        storage.publishBranch(held.layer(), held.table(), held.branch());
      } catch (BranchDivergedException diverged) {
        writeAgainOnMain(held);
        storage.dropBranch(held.layer(), held.table(), held.branch());
      }
    } else if (!storage.committed(held.layer(), held.table(), AuditedCommit.BATCH, held.batch())) {
      throw new LakehouseException(
          "the branch "
              + held.branch()
              + " of "
              + held.qualifiedTable()
              + " is gone and main does not have batch "
              + held.batch()
              + "; nothing is left to release: discard it with './pipeline audits discard "
              + held.commandArguments()
              + "'");
    }
    Audit released = held.decided(AuditState.RELEASED, clock.instant(), note);
    log.record(released);
    return released;
  }

  /** Drops the held batch: its branch is removed, {@code main} never sees its rows. */
  public Audit discard(Audit audit, String note) {
    Audit held = requireHeld(audit, "discard");
    if (storage.hasBranch(held.layer(), held.table(), held.branch())) {
      storage.dropBranch(held.layer(), held.table(), held.branch());
    }
    Audit discarded = held.decided(AuditState.DISCARDED, clock.instant(), note);
    log.record(discarded);
    return discarded;
  }

  /**
   * The branch's commits, written on {@code main} again: a silver batch upserted as the stream
   * would, a gold table replaced by the branch's whole table. The summary marks go along.
   */
  private void writeAgainOnMain(Audit held) {
    Table table = storage.loadTable(held.layer(), held.table());
    Snapshot head = table.snapshot(held.branch());
    Map<String, String> marks = new HashMap<>();
    head.summary()
        .forEach(
            (key, value) -> {
              if (key.startsWith("movielake.") && !key.equals(TableWriter.WRITE_ID)) {
                marks.put(key, value);
              }
            });
    marks.put(AuditedCommit.VERDICT, AuditState.RELEASED.id());
    PipelineTable contract = contract(held);
    if (held.layer() == Layer.GOLD) {
      Dataset<Row> whole =
          storage.spark().read().option("branch", held.branch()).table(qualified(held));
      storage.writeToLayer(
          held.layer(), held.table(), whole, WriteOptions.replaceAll().withCommitProperties(marks));
      return;
    }
    Dataset<Row> rows = changes(held).afterImages();
    storage.writeToLayer(
        held.layer(),
        held.table(),
        rows,
        SilverBatchWriter.writeOptions(contract).withCommitProperties(marks));
  }

  private String qualified(Audit held) {
    return storage.table(held.layer(), held.table()).qualified();
  }

  /** The snapshot the branch was made from: the parent of the batch's first commit on it. */
  private static Optional<Long> base(Table table, Snapshot head, String batch) {
    Snapshot snapshot = head;
    while (snapshot != null && batch.equals(snapshot.summary().get(AuditedCommit.BATCH))) {
      if (snapshot.parentId() == null) {
        return Optional.empty();
      }
      Snapshot parent = table.snapshot(snapshot.parentId());
      if (parent == null || !batch.equals(parent.summary().get(AuditedCommit.BATCH))) {
        return Optional.of(snapshot.parentId());
      }
      snapshot = parent;
    }
    return Optional.of(head.snapshotId());
  }

  private static List<String> key(Audit held) {
    return contract(held).key();
  }

  private static PipelineTable contract(Audit held) {
    return PipelineTable.find(held.layer(), held.table())
        .orElseThrow(
            () ->
                new LakehouseException(
                    held.qualifiedTable() + " is not a pipeline table; it has no audits"));
  }

  private static Audit requireHeld(Audit audit, String action) {
    if (audit.state() != AuditState.HELD) {
      throw new LakehouseException(
          "cannot "
              + action
              + " batch "
              + audit.batch()
              + " of "
              + audit.qualifiedTable()
              + ": it is "
              + audit.state().id()
              + ", and only a held batch waits for a decision");
    }
    return audit;
  }
}
