package dev.movielake.stream.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.movielake.config.HeldBatchPolicy;
import dev.movielake.lakehouse.IcebergStorageManager;
import dev.movielake.lakehouse.change.TableChanges;
import dev.movielake.lakehouse.table.WriteOptions;
import dev.movielake.lakehouse.testing.SharedSpark;
import dev.movielake.model.Layer;
import dev.movielake.model.PipelineTable;
import dev.movielake.stream.silver.SilverBatchWriter;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.util.SnapshotUtil;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Write-audit-publish on real Iceberg tables: a batch reaches {@code main} through its branch, a
 * held batch stays on its branch until an operator decides, and a crash after any step resumes
 * exactly once.
 */
class AuditGateTest {
  private static final PipelineTable TABLE = PipelineTable.MOVIES_CLEAN;
  private static final String MARK = "movielake.test.batch";
  private static final StructType SCHEMA =
      StructType.fromDDL("movie_id BIGINT, title STRING, release_date DATE, observed_at TIMESTAMP");
  private static final List<String> FAILURES = List.of("ratings_present: 0 of 3 rows passed");

  private static final AtomicInteger NAMESPACES = new AtomicInteger();

  private final IcebergStorageManager storage =
      SharedSpark.storage("audit_gate_" + NAMESPACES.incrementAndGet());
  private final List<Audit> announced = new ArrayList<>();
  private final HeldBatches operators = new HeldBatches(storage, Clock.systemUTC());

  private Dataset<Row> movies(long... ids) {
    List<Row> rows = new ArrayList<>();
    for (long id : ids) {
      rows.add(
          RowFactory.create(
              id, "Movie " + id, Date.valueOf("2001-05-01"), Timestamp.from(Instant.now())));
    }
    return storage.spark().createDataFrame(rows, SCHEMA);
  }

  private AuditGate gate(HeldBatchPolicy policy, Consumer<AuditGate.Step> afterStep) {
    return new AuditGate(
        storage, policy, Duration.ofMillis(100), announced::add, Clock.systemUTC(), afterStep);
  }

  private AuditGate gate(HeldBatchPolicy policy) {
    return gate(policy, step -> {});
  }

  private AuditGate.Batch batch(long batchId, long... ids) {
    return new AuditGate.Batch(
        TABLE,
        "stream/" + batchId,
        AuditGate.branchOf("stream", batchId),
        movies(ids),
        ids.length,
        SilverBatchWriter.writeOptions(TABLE)
            .withCommitProperties(Map.of(MARK, "stream/" + batchId)),
        MARK);
  }

  private List<Long> onMain() {
    if (!storage.tableExists(Layer.SILVER, TABLE.tableName())) {
      return List.of();
    }
    return storage
        .readFromLayer(Layer.SILVER, TABLE.tableName())
        .orderBy("movie_id")
        .collectAsList()
        .stream()
        .map(row -> row.getLong(0))
        .toList();
  }

  private boolean hasBranch(long batchId) {
    return storage.hasBranch(
        Layer.SILVER, TABLE.tableName(), AuditGate.branchOf("stream", batchId));
  }

  /** The audit log's entries of the batch, as their states. */
  private List<String> entries(long batchId) {
    return storage
        .readFromLayer(Layer.SILVER, PipelineTable.AUDITS.tableName())
        .where("batch = 'stream/" + batchId + "'")
        .collectAsList()
        .stream()
        .map(row -> row.<String>getAs("state"))
        .toList();
  }

  @Test
  void aPassingBatchReachesMainThroughItsBranchWhichIsThenRemoved() {
    gate(HeldBatchPolicy.STOP).pass(batch(0, 1, 2));

    assertThat(onMain()).containsExactly(1L, 2L);
    assertThat(hasBranch(0)).isFalse();
    assertThat(storage.loadTable(Layer.SILVER, TABLE.tableName()).currentSnapshot().summary())
        .containsEntry("movielake.audit.verdict", "passed")
        .containsEntry("movielake.audit.batch", "stream/0");
    assertThat(operators.list(Optional.empty(), 10))
        .singleElement()
        .satisfies(audit -> assertThat(audit.state()).isEqualTo(AuditState.PASSED));
  }

  @ParameterizedTest
  @EnumSource(AuditGate.Step.class)
  void aCrashAfterAnyStepOfAPassingBatchResumesExactlyOnce(AuditGate.Step crashAfter) {
    gate(HeldBatchPolicy.STOP).pass(batch(0, 1));
    AuditGate crashing =
        gate(
            HeldBatchPolicy.STOP,
            step -> {
              if (step == crashAfter) {
                throw new IllegalStateException("crash after " + step);
              }
            });
    assertThatThrownBy(() -> crashing.pass(batch(1, 2, 3))).hasMessageContaining("crash after");
    if (crashAfter == AuditGate.Step.WRITTEN) {
      assertThat(onMain()).as("nothing on main before the publish").containsExactly(1L);
      assertThat(hasBranch(1)).isTrue();
    }

    gate(HeldBatchPolicy.STOP).pass(batch(1, 2, 3));
    gate(HeldBatchPolicy.STOP).pass(batch(1, 2, 3));

    assertThat(onMain()).containsExactly(1L, 2L, 3L);
    assertThat(hasBranch(1)).isFalse();
    assertThat(entries(1)).containsExactly("passed");
    assertThat(countCommits("stream/1")).isEqualTo(1);
  }

  private long countCommits(String batch) {
    long count = 0;
    Table table = storage.loadTable(Layer.SILVER, TABLE.tableName());
    for (Snapshot snapshot :
        SnapshotUtil.ancestorsOf(table.currentSnapshot().snapshotId(), table::snapshot)) {
      if (batch.equals(snapshot.summary().get(MARK))) {
        count++;
      }
    }
    return count;
  }

  @Test
  void aHeldBatchWaitsOnItsBranchUntilReleasedUnderTheStopPolicy() {
    gate(HeldBatchPolicy.STOP).pass(batch(0, 1));

    assertThatThrownBy(() -> gate(HeldBatchPolicy.STOP).hold(batch(1, 2, 3), FAILURES))
        .isInstanceOf(BatchHeldException.class)
        .hasMessageContaining("silver.movies_clean batch stream/1 is held on branch audit_stream_1")
        .hasMessageContaining("ratings_present: 0 of 3 rows passed")
        .hasMessageContaining("./pipeline audits show silver movies_clean stream/1");
    assertThat(onMain()).as("main untouched").containsExactly(1L);
    assertThat(hasBranch(1)).isTrue();
    assertThat(announced)
        .singleElement()
        .satisfies(held -> assertThat(held.failures()).isEqualTo(FAILURES));

    // Restarted, the stream stops on the batch again, without a second write or alert.
    assertThatThrownBy(() -> gate(HeldBatchPolicy.STOP).hold(batch(1, 2, 3), FAILURES))
        .isInstanceOf(BatchHeldException.class);
    assertThat(announced).hasSize(1);

    Audit held = operators.find(Layer.SILVER, TABLE.tableName(), "stream/1");
    assertThat(held.state()).isEqualTo(AuditState.HELD);
    TableChanges changes = operators.changes(held);
    assertThat(changes.afterImages().select("movie_id").orderBy("movie_id").collectAsList())
        .extracting(row -> row.getLong(0))
        .containsExactly(2L, 3L);

    operators.release(held, "checked by hand");

    assertThat(onMain()).containsExactly(1L, 2L, 3L);
    assertThat(hasBranch(1)).isFalse();
    assertThat(gate(HeldBatchPolicy.STOP).hold(batch(1, 2, 3), FAILURES))
        .isEqualTo(AuditState.RELEASED);
    assertThat(gate(HeldBatchPolicy.STOP).published(batch(1, 2, 3))).isTrue();
    assertThat(operators.find(Layer.SILVER, TABLE.tableName(), "stream/1").note())
        .isEqualTo("checked by hand");
  }

  @Test
  void aDiscardedBatchNeverReachesMain() {
    gate(HeldBatchPolicy.STOP).pass(batch(0, 1));
    assertThatThrownBy(() -> gate(HeldBatchPolicy.STOP).hold(batch(1, 2), FAILURES))
        .isInstanceOf(BatchHeldException.class);

    operators.discard(operators.find(Layer.SILVER, TABLE.tableName(), "stream/1"), "bad source");

    assertThat(hasBranch(1)).isFalse();
    assertThat(gate(HeldBatchPolicy.STOP).hold(batch(1, 2), FAILURES))
        .isEqualTo(AuditState.DISCARDED);
    assertThat(onMain()).containsExactly(1L);
    assertThatThrownBy(
            () ->
                operators.release(operators.find(Layer.SILVER, TABLE.tableName(), "stream/1"), ""))
        .hasMessageContaining("it is discarded");
  }

  @Test
  void underTheHoldPolicyTheStreamWaitsForTheDecisionThenGoesOn() throws Exception {
    gate(HeldBatchPolicy.HOLD).pass(batch(0, 1));
    CompletableFuture<AuditState> waiting =
        CompletableFuture.supplyAsync(() -> gate(HeldBatchPolicy.HOLD).hold(batch(1, 2), FAILURES));

    Audit held = null;
    for (int attempt = 0; attempt < 600 && held == null; attempt++) {
      Thread.sleep(100);
      held = new AuditLog(storage).held().stream().findFirst().orElse(null);
    }
    assertThat(held).as("the batch is held").isNotNull();
    assertThat(waiting).isNotDone();

    operators.release(held, "");

    assertThat(waiting.get(60, TimeUnit.SECONDS)).isEqualTo(AuditState.RELEASED);
    assertThat(onMain()).containsExactly(1L, 2L);
  }

  @Test
  void aReleaseAfterMainMovedWritesTheBatchAgainOnTopOfMainWithItsMark() {
    gate(HeldBatchPolicy.STOP).pass(batch(0, 1));
    assertThatThrownBy(() -> gate(HeldBatchPolicy.STOP).hold(batch(1, 2, 3), FAILURES))
        .isInstanceOf(BatchHeldException.class);
    storage.writeToSilver(
        movies(4), TABLE.tableName(), WriteOptions.upsert("movie_id")); // main moves on

    operators.release(operators.find(Layer.SILVER, TABLE.tableName(), "stream/1"), "");

    assertThat(onMain()).containsExactly(1L, 2L, 3L, 4L);
    assertThat(hasBranch(1)).isFalse();
    assertThat(gate(HeldBatchPolicy.STOP).published(batch(1, 2, 3))).isTrue();
    assertThat(storage.loadTable(Layer.SILVER, TABLE.tableName()).currentSnapshot().summary())
        .containsEntry("movielake.audit.verdict", "released");
  }

  @Test
  void aPassingBatchWhoseBranchMainMovedAwayFromIsWrittenAgainOnMain() {
    gate(HeldBatchPolicy.STOP).pass(batch(0, 1));
    AuditGate movingMain =
        gate(
            HeldBatchPolicy.STOP,
            step -> {
              if (step == AuditGate.Step.WRITTEN) {
                storage.writeToSilver(
                    movies(9), TABLE.tableName(), WriteOptions.upsert("movie_id"));
              }
            });

    movingMain.pass(batch(1, 2));

    assertThat(onMain()).containsExactly(1L, 2L, 9L);
    assertThat(hasBranch(1)).isFalse();
    assertThat(countCommits("stream/1")).isEqualTo(1);
  }
}
