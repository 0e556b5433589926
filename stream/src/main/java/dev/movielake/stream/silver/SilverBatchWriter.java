package dev.movielake.stream.silver;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.count_distinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;

import dev.movielake.lakehouse.IcebergStorageManager;
import dev.movielake.lakehouse.table.Partitioning;
import dev.movielake.lakehouse.table.WriteOptions;
import dev.movielake.model.Columns;
import dev.movielake.model.Layer;
import dev.movielake.model.PipelineTable;
import dev.movielake.model.RecordType;
import dev.movielake.model.expectation.Expectation;
import dev.movielake.model.expectation.ExpectationSettings;
import dev.movielake.model.expectation.TableExpectations;
import dev.movielake.stream.audit.AuditGate;
import dev.movielake.stream.audit.AuditState;
import dev.movielake.stream.bronze.BronzeTable;
import dev.movielake.stream.silver.clean.RecordCleaner;
import dev.movielake.stream.silver.quality.BatchContext;
import dev.movielake.stream.silver.quality.QualityCheck;
import dev.movielake.stream.silver.quality.QualityLog;
import dev.movielake.stream.silver.sentiment.SentimentColumns;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * Turns one micro-batch of bronze rows into silver: clean (and, for reviews, score sentiment),
 * check the table's expectations (each row, and the batch as a whole), log the pass rates,
 * quarantine the rows that fail an expectation with action {@code DROP}, and upsert the rest by
 * natural key, the latest observation winning, through the audit gate: on the batch's branch first,
 * then fast-forwarded to {@code main}. When an expectation with action {@code FAIL} failed, the
 * batch stays on its branch, held ({@link AuditGate#hold}), and goes on only once an operator
 * released it. Credits and reviews of a movie silver quarantined are held with it, and released
 * with it ({@link MovieHold}).
 *
 * <p>Idempotent per batch: each table's commit carries {@code stream id/batch id}, and a batch
 * replayed after a crash skips the tables that already have it.
 */
public final class SilverBatchWriter implements VoidFunction2<Dataset<Row>, Long> {
  public static final String BATCH_MARK = "movielake.silver.batch";

  private final transient IcebergStorageManager storage;
  private final RecordType type;
  private final PipelineTable table;
  private final String streamId;
  private final Clock clock;

  private final transient BiFunction<PipelineTable, LocalDate, List<Expectation>> expectations;
  private final transient AuditGate gate;

  /** Batches with fewer rows are not judged by the batch expectations. */
  private final int minimumRows;

  public SilverBatchWriter(
      IcebergStorageManager storage,
      RecordType type,
      String streamId,
      Clock clock,
      AuditGate gate) {
    this(storage, type, streamId, clock, gate, ExpectationSettings.defaults());
  }

  /** With the batch expectations' thresholds of {@code settings} (the configuration's). */
  public SilverBatchWriter(
      IcebergStorageManager storage,
      RecordType type,
      String streamId,
      Clock clock,
      AuditGate gate,
      ExpectationSettings settings) {
    this(
        storage,
        type,
        streamId,
        clock,
        gate,
        (table, today) -> TableExpectations.of(table, today, settings),
        settings.minimumRows());
  }

  /** With other expectations than the contract's: how tests make a batch fail one. */
  SilverBatchWriter(
      IcebergStorageManager storage,
      RecordType type,
      String streamId,
      Clock clock,
      AuditGate gate,
      BiFunction<PipelineTable, LocalDate, List<Expectation>> expectations) {
    this(
        storage,
        type,
        streamId,
        clock,
        gate,
        expectations,
        ExpectationSettings.defaults().minimumRows());
  }

  private SilverBatchWriter(
      IcebergStorageManager storage,
      RecordType type,
      String streamId,
      Clock clock,
      AuditGate gate,
      BiFunction<PipelineTable, LocalDate, List<Expectation>> expectations,
      int minimumRows) {
    this.storage = storage;
    this.type = type;
    this.table = type.requireSilverTable();
    this.streamId = streamId;
    this.clock = clock;
    this.gate = gate;
    this.expectations = expectations;
    this.minimumRows = minimumRows;
  }

  /**
   * What one batch did, for tests and progress.
   *
   * @param accepted rows upserted into silver
   * @param quarantined rows that failed an expectation with action {@code DROP}
   * @param held rows of this batch held with their quarantined movie (see {@link MovieHold})
   * @param reconciled rows the batch's reconcile moved between silver and the hold
   * @param audit the batch's audit: passed, or released or discarded after a hold
   */
  public record Result(
      long accepted,
      long quarantined,
      long held,
      MovieHold.Moved reconciled,
      double qualityScore,
      AuditState audit) {}

  @Override
  public void call(Dataset<Row> bronzeRows, Long batchId) {
    write(bronzeRows, batchId);
  }

  public Result write(Dataset<Row> bronzeRows, long batchId) {
    String batch = streamId + "/" + batchId;
    Map<String, String> mark = Map.of(BATCH_MARK, batch);
    LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
    Dataset<Row> cleaned = cleaned(type, bronzeRows, today);
    cleaned = cleaned.persist(StorageLevel.MEMORY_AND_DISK());
    try {
      QualityCheck.Result quality =
          new QualityCheck(expectations.apply(table, today))
              .evaluate(
                  cleaned,
                  BatchContext.of(
                      storage, table, batch, clock.instant(), minimumRows, arrivals(bronzeRows)));
      long checked = quality.rows();
      if (checked == 0) {
        return new Result(0, 0, 0, new MovieHold.Moved(0, 0), 1.0, AuditState.PASSED);
      }
      new QualityLog(storage)
          .record(Layer.SILVER, table.tableName(), batch, quality, clock.instant(), mark);
      WriteOptions upsert = writeOptions(table).withCommitProperties(mark);
      String branch = AuditGate.branchOf(streamId, batchId);
      AuditState audit = AuditState.PASSED;
      if (!quality.holding().isEmpty()) {
        AuditGate.Batch failed =
            new AuditGate.Batch(
                table,
                batch,
                branch,
                quality.accepted(),
                checked - quality.quarantined().count(),
                upsert,
                BATCH_MARK);
        // On main despite failing: an operator released it, and this is the stream going on.
        audit =
            gate.published(failed)
                ? AuditState.RELEASED
                : gate.hold(failed, AuditGate.failures(quality.holding()));
        if (audit == AuditState.DISCARDED) {
          return new Result(
              0, 0, 0, new MovieHold.Moved(0, 0), quality.overallScore(), AuditState.DISCARDED);
        }
      }
      long quarantined = new Quarantine(storage).write(type, quality.quarantined(), batch, mark);
      MovieHold hold = new MovieHold(storage);
      Dataset<Row> accepted = quality.accepted();
      long held = 0;
      // A released batch is on main whole: the reconcile below moves what belongs in the hold.
      if (MovieHold.heldWithMovie(type) && audit == AuditState.PASSED) {
        // Held before the silver commit, not moved after it: no reader sees them in silver.
        MovieHold.Split split = hold.withoutHeld(type, accepted, batch);
        accepted = split.free();
        held = split.held();
      }
      long acceptedCount = checked - quarantined - held;
      if (acceptedCount > 0 && audit == AuditState.PASSED) {
        gate.pass(
            new AuditGate.Batch(table, batch, branch, accepted, acceptedCount, upsert, BATCH_MARK));
      }
      MovieHold.Moved reconciled = new MovieHold.Moved(0, 0);
      if (type == RecordType.MOVIES || MovieHold.heldWithMovie(type)) {
        // After this batch's commits: a movie quarantined or released here moves its credits and
        // reviews, and credits written here move if their movie was quarantined meanwhile.
        reconciled = hold.reconcile(cleaned, batch);
      }
      return new Result(
          acceptedCount, quarantined, held, reconciled, quality.overallScore(), audit);
    } finally {
      cleaned.unpersist();
    }
  }

  /**
   * How silver takes a batch: upserted by the table's key, the latest observation winning; also how
   * a released batch is written again when {@code main} moved meanwhile.
   */
  public static WriteOptions writeOptions(PipelineTable table) {
    return WriteOptions.upsert(table.keyColumn())
        .latestBy(Columns.OBSERVED_AT)
        .partitionedBy(Partitioning.of(table.partitioning()));
  }

  /**
   * How many records the batch brought and how many keys they have, counted before the cleaner
   * keeps one version per key: a storm of records repeating a few keys is seen here only.
   */
  private BatchContext.Arrivals arrivals(Dataset<Row> bronzeRows) {
    Column[] key =
        type.requiredFields().stream().map(field -> col("`" + field + "`")).toArray(Column[]::new);
    Row counted = bronzeRows.agg(count(lit(1)), count_distinct(struct(key))).first();
    return new BatchContext.Arrivals(counted.getLong(0), counted.getLong(1));
  }

  /** Bronze rows cleaned into silver's columns, reviews scored for sentiment. */
  static Dataset<Row> cleaned(RecordType type, Dataset<Row> bronzeRows, LocalDate today) {
    Dataset<Row> cleaned = RecordCleaner.of(type, today).clean(bronzeRows);
    if (type == RecordType.REVIEWS) {
      cleaned = SentimentColumns.withSentiment(cleaned, "content");
    }
    return cleaned;
  }

  /** No bronze row, in the bronze table's shape: what gives the silver columns of a type. */
  static Dataset<Row> emptyBronze(IcebergStorageManager storage, RecordType type) {
    return storage.spark().createDataFrame(List.<Row>of(), BronzeTable.schema(type));
  }
}
