package dev.movielake.stream.gold;

import static org.apache.spark.sql.functions.col;

import dev.movielake.lakehouse.IcebergStorageManager;
import dev.movielake.lakehouse.table.Partitioning;
import dev.movielake.lakehouse.table.WriteOptions;
import dev.movielake.lakehouse.table.WriteResult;
import dev.movielake.model.Layer;
import dev.movielake.model.PipelineTable;
import dev.movielake.model.RecordType;
import dev.movielake.stream.silver.quality.QualityCheck;
import dev.movielake.stream.silver.quality.QualityLog;
import dev.movielake.stream.silver.quality.QualityRule;
import dev.movielake.stream.silver.quality.QualityRules;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Recomputes the gold aggregates of the current silver state ({@link GoldAggregates}) and replaces
 * each gold table in one commit. Every commit records the silver snapshots it was computed from, so
 * gold is provably consistent with silver, and a refresh whose sources have not changed since the
 * last one writes nothing.
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

  private final IcebergStorageManager storage;
  private final Clock clock;

  /** The points between a refresh's commits, where a test makes it fail as a crash would. */
  enum Step {
    GOLD_WRITTEN,
    QUALITY_LOGGED
  }

  private final BiConsumer<Step, PipelineTable> afterStep;

  public GoldRefresh(IcebergStorageManager storage, Clock clock) {
    this(storage, clock, (step, table) -> {});
  }

  GoldRefresh(
      IcebergStorageManager storage, Clock clock, BiConsumer<Step, PipelineTable> afterStep) {
    this.storage = storage;
    this.clock = clock;
    this.afterStep = afterStep;
  }

  /**
   * @param written false when the table was already computed from the same silver snapshots
   */
  public record TableResult(String table, boolean written, long rows, String source) {}

  public record Result(List<TableResult> tables) {
    public long writtenTables() {
      return tables.stream().filter(TableResult::written).count();
    }
  }

  public Result refresh() {
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
    for (GoldAggregates.Aggregate aggregate : aggregates.all()) {
      PipelineTable gold = aggregate.table();
      String source =
          gold.sources().stream()
              .filter(snapshots::containsKey)
              .map(table -> table.tableName() + "@" + snapshots.get(table))
              .collect(Collectors.joining(","));
      Optional<Snapshot> current = currentSnapshot(gold.tableName());
      if (current.isPresent() && source.equals(current.get().summary().get(SOURCE))) {
        // Up to date; its log entry may still be missing if a crash came before it.
        logQualityOnce(gold, current.get().snapshotId(), source, false);
        results.add(new TableResult(gold.tableName(), false, 0, source));
        continue;
      }
      WriteResult written =
          storage.writeToGold(
              aggregate.rows(),
              gold.tableName(),
              WriteOptions.replaceAll()
                  .partitionedBy(Partitioning.of(gold.partitioning()))
                  .withCommitProperties(Map.of(SOURCE, source)));
      afterStep.accept(Step.GOLD_WRITTEN, gold);
      // Without a snapshot of its own (nothing committed), the next refresh writes the table again.
      written.snapshotId().ifPresent(snapshot -> logQualityOnce(gold, snapshot, source, true));
      results.add(new TableResult(gold.tableName(), true, written.totalRecords(), source));
    }
    return new Result(results);
  }

  /**
   * Writes the quality log entry of this gold snapshot unless it is there: checks the rows of gold
   * as of the snapshot (what the entry describes), then marks the snapshot logged on the table.
   *
   * @param written the snapshot was committed by this refresh, so no entry can describe it yet
   */
  private void logQualityOnce(
      PipelineTable gold, long goldSnapshot, String source, boolean written) {
    List<QualityRule> rules = QualityRules.gold(gold);
    if (rules.isEmpty()) {
      return;
    }
    Table table = storage.loadTable(Layer.GOLD, gold.tableName());
    if (String.valueOf(goldSnapshot).equals(table.properties().get(QUALITY_LOGGED))) {
      return;
    }
    String mark = gold.tableName() + "@" + goldSnapshot;
    if (written || !logged(gold, mark, source)) {
      Dataset<Row> rows =
          storage
              .spark()
              .sql(
                  "SELECT * FROM "
                      + storage.table(Layer.GOLD, gold.tableName()).sql()
                      + " VERSION AS OF "
                      + goldSnapshot);
      QualityCheck.Result quality = new QualityCheck(rules).evaluate(rows);
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
    return storage
        .spark()
        .sql(
            "SELECT * FROM "
                + storage.table(Layer.SILVER, table.tableName()).sql()
                + " VERSION AS OF "
                + snapshots.get(table));
  }

  private Optional<Snapshot> currentSnapshot(String goldTable) {
    if (!storage.tableExists(Layer.GOLD, goldTable)) {
      return Optional.empty();
    }
    return Optional.ofNullable(storage.loadTable(Layer.GOLD, goldTable).currentSnapshot());
  }
}
