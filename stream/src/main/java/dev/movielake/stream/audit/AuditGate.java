package dev.movielake.stream.audit;

import dev.movielake.config.HeldBatchPolicy;
import dev.movielake.lakehouse.IcebergStorageManager;
import dev.movielake.lakehouse.table.BranchDivergedException;
import dev.movielake.lakehouse.table.TableTurns;
import dev.movielake.lakehouse.table.WriteOptions;
import dev.movielake.model.Layer;
import dev.movielake.model.PipelineTable;
import dev.movielake.model.expectation.AuditedCommit;
import dev.movielake.stream.silver.quality.QualityCheck;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Write-audit-publish for one batch at a time. The batch is committed to a branch of its table made
 * from {@code main}'s head; with a passing verdict {@code main} is fast-forwarded to it, with a
 * failing one it stays there, held, logged, announced, and the stream waits or stops by policy.
 *
 * <p>Exactly once across a crash at any step: the batch's commit carries its mark, found on the
 * branch (written, not yet published) or on {@code main} (published); the publish is one metadata
 * commit; the log's entries are marked too. When {@code main} moved since the branch was made (a
 * movie's credits moved into the hold by another stream, a compaction), the audited rows are
 * written again on top of {@code main}, with the same mark.
 */
public final class AuditGate {
  private static final Logger LOG = LoggerFactory.getLogger(AuditGate.class);

  private final IcebergStorageManager storage;
  private final AuditLog log;
  private final HeldBatchPolicy policy;
  private final Duration pollInterval;
  private final Consumer<Audit> announce;
  private final Clock clock;
  private final Consumer<Step> afterStep;
  private final boolean branches;

  /** The steps of a batch through the gate, after each of which a crash is tested. */
  enum Step {
    /** The batch is committed to its branch. */
    WRITTEN,
    /** {@code main} has it. */
    PUBLISHED,
    /** The audit log has its verdict. */
    LOGGED
  }

  /**
   * @param pollInterval how often a waiting stream looks for an operator's decision
   * @param announce called once when a batch is held: the alert and the counter
   */
  public AuditGate(
      IcebergStorageManager storage,
      HeldBatchPolicy policy,
      Duration pollInterval,
      Consumer<Audit> announce,
      Clock clock) {
    this(storage, policy, pollInterval, announce, clock, step -> {});
  }

  /** With a hook run after each step: how tests crash a batch between two. */
  AuditGate(
      IcebergStorageManager storage,
      HeldBatchPolicy policy,
      Duration pollInterval,
      Consumer<Audit> announce,
      Clock clock,
      Consumer<Step> afterStep) {
    this(storage, policy, pollInterval, announce, clock, afterStep, true);
  }

  private AuditGate(
      IcebergStorageManager storage,
      HeldBatchPolicy policy,
      Duration pollInterval,
      Consumer<Audit> announce,
      Clock clock,
      Consumer<Step> afterStep,
      boolean branches) {
    this.branches = branches;
    this.afterStep = afterStep;
    this.storage = storage;
    this.log = new AuditLog(storage);
    this.policy = policy;
    this.pollInterval = pollInterval;
    this.announce = announce;
    this.clock = clock;
  }

  /**
   * A batch to audit.
   *
   * @param id the batch as the audit log names it, e.g. a stream's {@code id/batch}
   * @param branch its branch, one per batch so that a held batch keeps its own
   * @param rows what the batch writes, with {@code options}
   * @param options how it is written, with the commit mark {@code markKey} that makes it idempotent
   */
  public record Batch(
      PipelineTable table,
      String id,
      String branch,
      Dataset<Row> rows,
      long rowCount,
      WriteOptions options,
      String markKey) {
    String mark() {
      return options.commitProperties().get(markKey);
    }

    /** The same batch with its rows counted: a gold table's, known once it is staged. */
    public Batch withRowCount(long count) {
      return new Batch(table, id, branch, rows, count, options, markKey);
    }
  }

  /**
   * The branch of a stream's batch: an Iceberg identifier, short enough to read, unique per stream
   * and batch.
   */
  public static String branchOf(String streamId, long batchId) {
    String stream = streamId.replaceAll("[^A-Za-z0-9]", "");
    return AuditedCommit.BRANCH_PREFIX
        + stream.substring(0, Math.min(12, stream.length()))
        + "_"
        + batchId;
  }

  /** Each failed expectation with its numbers: what the audit log, the alert and the stop say. */
  public static List<String> failures(List<QualityCheck.RuleResult> holding) {
    return holding.stream()
        .map(failure -> failure.expectation().name() + ": " + failure.describe())
        .toList();
  }

  /** The batch's last audit entry, if it was audited before (a replay after a crash or a hold). */
  public Optional<Audit> previous(Batch batch) {
    return log.latest(batch.table().layer(), batch.table().tableName(), batch.id());
  }

  /** True when {@code main} has the batch: published, or released by an operator. */
  public boolean published(Batch batch) {
    return storage.committed(
        batch.table().layer(), batch.table().tableName(), batch.markKey(), batch.mark());
  }

  /**
   * The pipeline as it was before write-audit-publish: a passing batch written straight to {@code
   * main}, no branch, no audit log, and a failing one stopping the stream with nothing kept. What
   * the {@code quality-gates} benchmark measures the gate's cost against; not for production.
   */
  public static AuditGate withoutBranches(IcebergStorageManager storage, Clock clock) {
    return new AuditGate(
        storage, HeldBatchPolicy.STOP, Duration.ZERO, held -> {}, clock, step -> {}, false);
  }

  /** A batch whose expectations held: written to its branch, then published to {@code main}. */
  public void pass(Batch batch) {
    Layer layer = batch.table().layer();
    String table = batch.table().tableName();
    if (!branches) {
      if (!published(batch)) {
        storage.writeToLayer(layer, table, batch.rows(), batch.options());
      }
      return;
    }
    // Compaction of this table waits from the branch's opening to its publication: a compaction
    // between them would move main and make this batch write its rows again.
    try (TableTurns.Turn turn = storage.takeTurn(layer, table)) {
      passOnBranch(batch);
    }
  }

  private void passOnBranch(Batch batch) {
    Layer layer = batch.table().layer();
    String table = batch.table().tableName();
    if (!published(batch)) {
      writeOnBranch(batch, AuditState.PASSED, List.of());
      afterStep.accept(Step.WRITTEN);
      try {
        storage.publishBranch(layer, table, batch.branch());
      } catch (BranchDivergedException diverged) {
        LOG.info(
            "{}.{} moved while batch {} was audited; writing the audited rows again on main",
            layer.id(),
            table,
            batch.id());
        storage.writeToLayer(
            layer, table, batch.rows(), withVerdict(batch, AuditState.PASSED, List.of()));
        storage.dropBranch(layer, table, batch.branch());
      }
      afterStep.accept(Step.PUBLISHED);
    } else if (storage.hasBranch(layer, table, batch.branch())) {
      storage.dropBranch(layer, table, batch.branch()); // written again on main, then crashed
    }
    log.record(entry(batch, AuditState.PASSED, List.of(), ""));
    afterStep.accept(Step.LOGGED);
  }

  /**
   * A batch that failed an expectation with action {@code FAIL}: written to its branch and held
   * there. Under the {@code hold} policy this waits for an operator's decision; under {@code stop}
   * it throws {@link BatchHeldException}.
   *
   * @param failures each failed expectation with its numbers
   * @return the decision: {@link AuditState#RELEASED} ({@code main} has the batch now) or {@link
   *     AuditState#DISCARDED}
   */
  public AuditState hold(Batch batch, List<String> failures) {
    if (!branches) {
      throw new BatchHeldException(
          entry(batch, AuditState.HELD, failures, "no branch: nothing of the batch was kept"));
    }
    Optional<Audit> previous = previous(batch);
    Optional<AuditState> decided =
        previous
            .map(Audit::state)
            .filter(state -> state == AuditState.RELEASED || state == AuditState.DISCARDED);
    if (decided.isPresent()) {
      return decided.get(); // a replay after the operator's decision
    }
    writeOnBranch(batch, AuditState.HELD, failures);
    afterStep.accept(Step.WRITTEN);
    Audit held;
    if (previous.isPresent() && previous.get().state() == AuditState.HELD) {
      held = previous.get();
    } else {
      held = entry(batch, AuditState.HELD, failures, "");
      log.record(held);
      afterStep.accept(Step.LOGGED);
      announce.accept(held);
    }
    if (policy == HeldBatchPolicy.STOP) {
      throw new BatchHeldException(held);
    }
    LOG.warn(
        "{} batch {} is held on branch {} ({}); the stream waits for './pipeline audits release'"
            + " or 'discard'",
        held.qualifiedTable(),
        held.batch(),
        held.branch(),
        String.join("; ", held.failures()));
    return awaitDecision(held);
  }

  private AuditState awaitDecision(Audit held) {
    while (true) {
      try {
        Thread.sleep(pollInterval.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new BatchHeldException(held); // stopping: the restarted stream waits again
      }
      Optional<Audit> latest = log.latest(held.layer(), held.table(), held.batch());
      if (latest.isPresent() && latest.get().state().settled()) {
        LOG.info(
            "{} batch {} was {}; the stream goes on",
            held.qualifiedTable(),
            held.batch(),
            latest.get().state().id());
        return latest.get().state();
      }
    }
  }

  /** The audit log's entry of a batch, now. */
  private Audit entry(Batch batch, AuditState state, List<String> failures, String note) {
    return new Audit(
        clock.instant(),
        batch.table().layer(),
        batch.table().tableName(),
        batch.id(),
        branches ? batch.branch() : "",
        state,
        batch.rowCount(),
        failures,
        note);
  }

  /** Commits the batch to its branch, unless the branch has it already (a replay). */
  /**
   * Commits the batch to its branch without a verdict, for a caller whose expectations run on the
   * branch's rows (gold: its checks read the table as committed), then call {@link #pass} or {@link
   * #hold}.
   *
   * @return the branch's head, to audit
   */
  public long stage(Batch batch) {
    writeOnBranch(batch, null, List.of());
    return storage
        .loadTable(batch.table().layer(), batch.table().tableName())
        .snapshot(batch.branch())
        .snapshotId();
  }

  /**
   * Commits the batch to its branch, unless the branch has it already (a replay, or staged).
   *
   * @param verdict written into the commit's summary; null when it is not known yet
   */
  private void writeOnBranch(Batch batch, AuditState verdict, List<String> failures) {
    Layer layer = batch.table().layer();
    String table = batch.table().tableName();
    if (storage.hasBranch(layer, table, batch.branch())
        && storage.committedOnBranch(layer, table, batch.branch(), batch.markKey(), batch.mark())) {
      return;
    }
    // A branch needs a table: the batch's schema makes it, as a write to main would.
    storage.createTable(layer, table, batch.rows(), batch.options().partitioning(), false);
    storage.openBranch(layer, table, batch.branch());
    storage.writeToLayer(
        layer, table, batch.rows(), withVerdict(batch, verdict, failures).onBranch(batch.branch()));
  }

  private static WriteOptions withVerdict(Batch batch, AuditState verdict, List<String> failures) {
    Map<String, String> properties = new HashMap<>(batch.options().commitProperties());
    if (verdict != null) {
      properties.put(AuditedCommit.VERDICT, verdict.id());
    }
    properties.put(AuditedCommit.BATCH, batch.id());
    if (!failures.isEmpty()) {
      properties.put(AuditedCommit.FAILURES, String.join(AuditedCommit.SEPARATOR, failures));
    }
    return batch.options().withCommitProperties(properties);
  }
}
