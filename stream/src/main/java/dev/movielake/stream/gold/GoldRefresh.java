package dev.movielake.stream.gold;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;

import dev.movielake.config.HeldBatchPolicy;
import dev.movielake.lakehouse.IcebergStorageManager;
import dev.movielake.lakehouse.readers.TableReaders;
import dev.movielake.lakehouse.table.Partitioning;
import dev.movielake.lakehouse.table.TableTurns;
import dev.movielake.lakehouse.table.TableWriter;
import dev.movielake.lakehouse.table.WriteMode;
import dev.movielake.lakehouse.table.WriteOptions;
import dev.movielake.lakehouse.table.WriteResult;
import dev.movielake.model.Layer;
import dev.movielake.model.PipelineTable;
import dev.movielake.model.RecordType;
import dev.movielake.model.expectation.AuditedCommit;
import dev.movielake.model.expectation.Expectation;
import dev.movielake.model.expectation.TableExpectations;
import dev.movielake.stream.audit.AuditGate;
import dev.movielake.stream.audit.AuditState;
import dev.movielake.stream.silver.quality.QualityCheck;
import dev.movielake.stream.silver.quality.QualityLog;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;
import org.apache.iceberg.DataOperations;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the gold aggregates ({@link GoldAggregates}) equal to what they compute from silver. Every
 * commit records the silver snapshots it was computed from, so gold is provably consistent with
 * silver, and a refresh whose sources have not changed since the last one writes nothing.
 *
 * <p>A refresh reads only silver's changes since those snapshots (its change feed), recomputes the
 * groups the changes touch (years and genres, languages, people) from silver as of the new
 * snapshots (a filmography from its people's credits alone), and writes the table with every other
 * row kept, in one commit that records the new snapshots: a group left empty loses its row. A full
 * recompute replaces the whole table instead: the first time, with {@link #rebuild()}, and when the
 * change feed cannot be read (the recorded snapshot expired, a rollback in between, a merge-on-read
 * commit), which is logged with the reason. Both give the same rows; the tests hold them to it.
 *
 * <p>Gold and its quality log cannot disagree after a crash. Iceberg commits one table at a time,
 * so a checked table takes three commits: its rows (marked with their sources), the log entry of
 * that gold snapshot (its commit marked {@link #QUALITY_MARK} {@code table@snapshot}), then the
 * gold table's property {@link #QUALITY_LOGGED} set to the snapshot. Every refresh, also one that
 * finds gold up to date and writes nothing, makes sure the current gold snapshot has its entry:
 * when the property names another snapshot, the entry is written from gold as of that snapshot,
 * unless the log's history shows it committed (a crash between the entry and the property), and the
 * property is set. A crash anywhere thus leaves the next refresh to write the missing entry, once.
 * The property, not the log's history, says that a snapshot was logged: expiring the log's
 * snapshots forgets their marks, and a gold table can stay unchanged for longer than the log keeps
 * them.
 */
public final class GoldRefresh {
  /** Snapshot summary key: the silver snapshots a gold table was computed from. */
  public static final String SOURCE = "movielake.gold.source";

  /**
   * Snapshot summary key of a {@code silver.data_quality} commit: the gold {@code table@snapshot}
   * whose checks it logged.
   */
  public static final String QUALITY_MARK = "movielake.gold.quality";

  /** Gold table property: the id of the last of its snapshots whose checks are in the log. */
  public static final String QUALITY_LOGGED = "movielake.gold.quality-logged-snapshot";

  /** The name gold's refresh registers under on the silver tables it reads. */
  public static final String READER = "gold.aggregates";

  private static final Logger log = LoggerFactory.getLogger(GoldRefresh.class);

  private final IcebergStorageManager storage;
  private final Clock clock;

  /** The points between a refresh's commits, where a test makes it fail as a crash would. */
  enum Step {
    /** A gold table's rows are committed to its audit branch, not yet published to main. */
    GOLD_WRITTEN,
    QUALITY_LOGGED
  }

  private final BiConsumer<Step, PipelineTable> afterStep;
  private final AuditGate gate;

  /**
   * A refresh whose gold tables pass an audit gate that stops on a held table ({@code
   * BatchHeldException}): the command line's refresh.
   */
  public GoldRefresh(IcebergStorageManager storage, Clock clock) {
    this(
        storage,
        clock,
        new AuditGate(storage, HeldBatchPolicy.STOP, Duration.ofSeconds(5), held -> {}, clock));
  }

  /** A refresh whose gold tables pass this audit gate: the stream's, with its policy and alert. */
  public GoldRefresh(IcebergStorageManager storage, Clock clock, AuditGate gate) {
    this(storage, clock, gate, (step, table) -> {});
  }

  GoldRefresh(
      IcebergStorageManager storage, Clock clock, BiConsumer<Step, PipelineTable> afterStep) {
    this(
        storage,
        clock,
        new AuditGate(storage, HeldBatchPolicy.STOP, Duration.ofSeconds(5), held -> {}, clock),
        afterStep);
  }

  private GoldRefresh(
      IcebergStorageManager storage,
      Clock clock,
      AuditGate gate,
      BiConsumer<Step, PipelineTable> afterStep) {
    this.storage = storage;
    this.clock = clock;
    this.gate = gate;
    this.afterStep = afterStep;
  }

  /**
   * @param written false when the table was already computed from the same silver snapshots
   * @param incremental true when only the groups silver's changes touched were recomputed
   */
  public record TableResult(
      String table, boolean written, long rows, String source, boolean incremental) {}

  public record Result(List<TableResult> tables) {
    public long writtenTables() {
      return tables.stream().filter(TableResult::written).count();
    }
  }

  /** Brings every gold table up to silver's current snapshots, from their changes when it can. */
  public Result refresh() {
    return refresh(false);
  }

  /**
   * Recomputes every gold table from all of silver and replaces it, whatever its recorded sources:
   * the reference an incremental refresh is held to, and the way back from any doubt.
   */
  public Result rebuild() {
    return refresh(true);
  }

  private Result refresh(boolean rebuild) {
    Map<PipelineTable, Long> snapshots = silverSnapshots();
    List<TableResult> results = new ArrayList<>();
    if (!snapshots.containsKey(PipelineTable.MOVIES_CLEAN)) {
      return new Result(results); // nothing to aggregate yet
    }
    GoldAggregates aggregates =
        new GoldAggregates(
            read(PipelineTable.MOVIES_CLEAN, snapshots),
            snapshots.containsKey(PipelineTable.CREDITS_CLEAN)
                ? Optional.of(read(PipelineTable.CREDITS_CLEAN, snapshots))
                : Optional.empty());
    SilverChanges changes = new SilverChanges(storage, snapshots);
    try {
      for (GoldAggregates.Aggregate aggregate : aggregates.all()) {
        results.add(refresh(aggregate, aggregates, snapshots, changes, rebuild));
      }
    } finally {
      changes.release();
    }
    registerAsReader(results);
    return new Result(results);
  }

  /**
   * Tells each silver source the oldest snapshot gold's tables were computed from: the next refresh
   * reads the changes since it, so expiry must keep it and every later snapshot. A registration
   * that fails is logged: gold then recomputes in full once the snapshot expired.
   */
  private void registerAsReader(List<TableResult> results) {
    Map<PipelineTable, Long> floors = new LinkedHashMap<>();
    for (TableResult result : results) {
      sources(result.source())
          .ifPresent(
              recorded -> recorded.forEach((table, id) -> floors.merge(table, id, Math::min)));
    }
    floors.forEach(
        (table, snapshot) -> {
          try {
            new TableReaders(clock)
                .register(storage.loadTable(Layer.SILVER, table.tableName()), READER, snapshot);
          } catch (RuntimeException e) {
            log.warn(
                "gold could not register as a reader of silver.{} at snapshot {}: {}",
                table.tableName(),
                snapshot,
                e.getMessage());
          }
        });
  }

  private TableResult refresh(
      GoldAggregates.Aggregate aggregate,
      GoldAggregates aggregates,
      Map<PipelineTable, Long> snapshots,
      SilverChanges changes,
      boolean rebuild) {
    PipelineTable gold = aggregate.table();
    String source = source(gold, snapshots);
    Optional<Table> table = goldTable(gold.tableName());
    Optional<Snapshot> current = table.map(Table::currentSnapshot);
    Optional<String> recorded =
        table.flatMap(loaded -> current.flatMap(snapshot -> recordedSource(loaded, snapshot)));
    if (!rebuild && recorded.isPresent() && source.equals(recorded.get())) {
      // Up to date; its log entry may still be missing if a crash came before it.
      logQualityOnce(gold, current.get().snapshotId(), source, false, Optional.empty());
      return new TableResult(gold.tableName(), false, 0, source, false);
    }
    Optional<GoldAggregates.SourceChanges> since =
        rebuild
            ? Optional.empty()
            : recorded
                .flatMap(GoldRefresh::sources)
                .flatMap(recordedSnapshots -> changes.since(gold, recordedSnapshots));
    long started = System.nanoTime();
    Dataset<Row> rows;
    if (since.isPresent()) {
      Dataset<Row> groups = aggregates.touchedGroups(gold, since.get()).localCheckpoint();
      if (groups.isEmpty()) {
        // No row changes: nothing to audit, only the sources gold is now consistent with.
        WriteResult written = recordSources(gold, source);
        afterStep.accept(Step.GOLD_WRITTEN, gold);
        logQualityOnce(gold, written.snapshotId().orElseThrow(), source, true, Optional.empty());
        return new TableResult(gold.tableName(), true, written.totalRecords(), source, true);
      }
      rows = wholeTable(aggregates, gold, groups, current.get().snapshotId());
    } else {
      rows = aggregate.rows();
    }
    // Audited on the branch as committed: the table's expectations read the staged snapshot.
    AuditGate.Batch batch =
        new AuditGate.Batch(
            gold,
            source,
            auditBranch(source),
            rows,
            0,
            WriteOptions.replaceAll()
                .partitionedBy(Partitioning.of(gold.partitioning()))
                .withCommitProperties(Map.of(SOURCE, source)),
            SOURCE);
    // Compaction of this table waits from staging to publication, as for a silver batch.
    try (TableTurns.Turn turn = storage.takeTurn(Layer.GOLD, gold.tableName())) {
      return audited(gold, batch, source, since.isPresent(), started);
    }
  }

  private TableResult audited(
      PipelineTable gold, AuditGate.Batch batch, String source, boolean fromChanges, long started) {
    long staged = gate.stage(batch);
    afterStep.accept(Step.GOLD_WRITTEN, gold);
    QualityCheck.Result quality = check(gold, staged);
    logQualityOnce(gold, staged, source, true, Optional.of(quality));
    long total =
        quality.rules().isEmpty() ? rowCount(gold, staged) : quality.rules().get(0).checked();
    batch = batch.withRowCount(total);
    if (quality.holding().isEmpty()) {
      gate.pass(batch);
    } else if (gate.hold(batch, AuditGate.failures(quality.holding())) == AuditState.DISCARDED) {
      return new TableResult(gold.tableName(), false, 0, source, fromChanges);
    }
    log.info(
        "gold.{} {} in {} ms: {} rows",
        gold.tableName(),
        fromChanges ? "refreshed from silver's changes" : "recomputed in full",
        (System.nanoTime() - started) / 1_000_000,
        total);
    return new TableResult(gold.tableName(), true, total, source, fromChanges);
  }

  /**
   * The audit branch of a refresh of a gold table: named after the silver snapshots it is computed
   * from, so a refresh retried after a crash finds what it staged.
   */
  static String auditBranch(String source) {
    return AuditedCommit.BRANCH_PREFIX
        + "gold_"
        + UUID.nameUUIDFromBytes(source.getBytes(StandardCharsets.UTF_8))
            .toString()
            .replace("-", "")
            .substring(0, 16);
  }

  private long rowCount(PipelineTable gold, long snapshot) {
    return atSnapshot(Layer.GOLD, gold, snapshot).count();
  }

  /** The table's expectations, checked on its rows as of a snapshot. */
  private QualityCheck.Result check(PipelineTable gold, long snapshot) {
    return new QualityCheck(rules(gold)).evaluate(atSnapshot(Layer.GOLD, gold, snapshot));
  }

  private List<Expectation> rules(PipelineTable gold) {
    return TableExpectations.of(gold, LocalDate.now(clock.withZone(ZoneOffset.UTC)));
  }

  /**
   * Recomputes the touched groups and writes the table anew in one commit recording the new
   * sources: its other rows as the gold snapshot the changes start from has them, the touched
   * groups' rows as recomputed (a touched group without one, whose last movie left it or which fell
   * under a threshold, is gone). Nothing touched still commits, empty, so that gold records the
   * sources it is now consistent with.
   *
   * <p>Written whole, not merged: gold is copy-on-write, so a MERGE of groups spread over the table
   * rewrites nearly every file anyway, and pays for a join with the table and a second pass over
   * its source on top (the incremental benchmark, 1% of 100,000 movies changed: 22.9 s written
   * whole, 32.2 s merged). The kept rows come from the snapshot the changes start from, so the
   * table written equals the aggregates of the new sources whatever another refresh committed in
   * between; that one wrote an equally consistent table, and the later commit wins.
   */
  private Dataset<Row> wholeTable(
      GoldAggregates aggregates, PipelineTable gold, Dataset<Row> groups, long from) {
    Dataset<Row> recomputed = aggregates.rowsOf(gold, groups);
    Dataset<Row> before = atSnapshot(Layer.GOLD, gold, from);
    Dataset<Row> untouched =
        before
            .join(
                broadcast(groups), GoldAggregates.sameKey(before, groups, gold.key()), "left_anti")
            .selectExpr(recomputed.columns());
    return untouched.unionByName(recomputed);
  }

  /** An empty commit on {@code main} that records the sources: nothing touched changed a row. */
  private WriteResult recordSources(PipelineTable gold, String source) {
    Table table = storage.loadTable(Layer.GOLD, gold.tableName());
    table.newAppend().set(SOURCE, source).set(TableWriter.WRITE_MODE, "append").commit();
    Snapshot committed = table.currentSnapshot();
    long total = Long.parseLong(committed.summary().getOrDefault("total-records", "0"));
    return new WriteResult(
        storage.table(Layer.GOLD, gold.tableName()),
        WriteMode.APPEND,
        false,
        Optional.of(committed.snapshotId()),
        0,
        0,
        0,
        total,
        0);
  }

  private static String source(PipelineTable gold, Map<PipelineTable, Long> snapshots) {
    return gold.sources().stream()
        .filter(snapshots::containsKey)
        .map(table -> table.tableName() + "@" + snapshots.get(table))
        .collect(Collectors.joining(","));
  }

  /** The silver snapshots a {@link #SOURCE} value names, by table; empty when it cannot be read. */
  static Optional<Map<PipelineTable, Long>> sources(String source) {
    if (source == null || source.isBlank()) {
      return Optional.empty();
    }
    Map<PipelineTable, Long> snapshots = new LinkedHashMap<>();
    for (String part : source.split(",")) {
      int at = part.lastIndexOf('@');
      Optional<PipelineTable> table =
          at < 0 ? Optional.empty() : PipelineTable.find(Layer.SILVER, part.substring(0, at));
      if (table.isEmpty()) {
        return Optional.empty();
      }
      try {
        snapshots.put(table.get(), Long.parseLong(part.substring(at + 1)));
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
    }
    return Optional.of(snapshots);
  }

  /**
   * Writes the quality log entry of this gold snapshot unless it is there: checks the rows of gold
   * as of the snapshot (what the entry describes), then marks the snapshot logged on the table.
   *
   * @param written the snapshot was committed by this refresh, so no entry can describe it yet
   * @param checked the snapshot's checks when the audit already ran them
   */
  private void logQualityOnce(
      PipelineTable gold,
      long goldSnapshot,
      String source,
      boolean written,
      Optional<QualityCheck.Result> checked) {
    if (rules(gold).isEmpty()) {
      return;
    }
    Table table = storage.loadTable(Layer.GOLD, gold.tableName());
    if (String.valueOf(goldSnapshot).equals(table.properties().get(QUALITY_LOGGED))) {
      return;
    }
    String mark = gold.tableName() + "@" + goldSnapshot;
    if (written || !logged(gold, mark, source)) {
      QualityCheck.Result quality = checked.orElseGet(() -> check(gold, goldSnapshot));
      new QualityLog(storage)
          .record(
              Layer.GOLD,
              gold.tableName(),
              source,
              quality,
              clock.instant(),
              Map.of(QUALITY_MARK, mark));
      afterStep.accept(Step.QUALITY_LOGGED, gold);
    }
    table.updateProperties().set(QUALITY_LOGGED, String.valueOf(goldSnapshot)).commit();
  }

  /**
   * Whether the log holds the entry of a gold snapshot not marked logged: its commit's mark (a
   * crash came between the entry and the property), or, once the log's snapshots that carried the
   * mark expired or for entries written before marks existed, a row of the same table and sources
   * (gold computed from the same silver snapshots holds the same rows). Only read on this path,
   * after a crash or an upgrade: a refresh that wrote the snapshot knows it is not logged.
   */
  private boolean logged(PipelineTable gold, String mark, String source) {
    String log = PipelineTable.DATA_QUALITY.tableName();
    if (storage.committed(Layer.SILVER, log, QUALITY_MARK, mark)) {
      return true;
    }
    return storage.tableExists(Layer.SILVER, log)
        && !storage
            .readFromLayer(Layer.SILVER, log)
            .where(
                col("layer")
                    .equalTo(Layer.GOLD.id())
                    .and(col("table_name").equalTo(gold.tableName()))
                    .and(col("batch").equalTo(source)))
            .isEmpty();
  }

  private Map<PipelineTable, Long> silverSnapshots() {
    Map<PipelineTable, Long> snapshots = new LinkedHashMap<>();
    for (RecordType type : RecordType.withSilverTable()) {
      PipelineTable table = type.requireSilverTable();
      if (storage.tableExists(Layer.SILVER, table.tableName())) {
        Snapshot current = storage.loadTable(Layer.SILVER, table.tableName()).currentSnapshot();
        if (current != null) {
          snapshots.put(table, current.snapshotId());
        }
      }
    }
    return snapshots;
  }

  /** Reads silver at the snapshot recorded as the source, not at whatever is current by then. */
  private Dataset<Row> read(PipelineTable table, Map<PipelineTable, Long> snapshots) {
    return atSnapshot(Layer.SILVER, table, snapshots.get(table));
  }

  /**
   * A table as of one of its snapshots. Not through the storage API's time travel, which an
   * operator can switch off: gold's own bookkeeping needs it whatever that switch says.
   */
  private Dataset<Row> atSnapshot(Layer layer, PipelineTable table, long snapshot) {
    return storage
        .spark()
        .sql(
            "SELECT * FROM "
                + storage.table(layer, table.tableName()).sql()
                + " VERSION AS OF "
                + snapshot);
  }

  /**
   * The sources of the rows a gold snapshot holds: those its commit recorded or, for a compaction
   * (which moves rows between files and changes none, so maintenance can compact gold without
   * costing the next refresh a full recompute), those of the last commit before it that wrote rows.
   */
  private static Optional<String> recordedSource(Table table, Snapshot snapshot) {
    Snapshot commit = snapshot;
    while (commit != null) {
      String source = commit.summary().get(SOURCE);
      if (source != null) {
        return Optional.of(source);
      }
      if (!DataOperations.REPLACE.equals(commit.operation()) || commit.parentId() == null) {
        return Optional.empty();
      }
      commit = table.snapshot(commit.parentId());
    }
    return Optional.empty(); // the commit before the compactions expired
  }

  private Optional<Table> goldTable(String goldTable) {
    if (!storage.tableExists(Layer.GOLD, goldTable)) {
      return Optional.empty();
    }
    return Optional.of(storage.loadTable(Layer.GOLD, goldTable));
  }
}
