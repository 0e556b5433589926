package dev.movielake.stream.gold;

import dev.movielake.lakehouse.IcebergStorageManager;
import dev.movielake.lakehouse.table.Partitioning;
import dev.movielake.lakehouse.table.WriteOptions;
import dev.movielake.model.Layer;
import dev.movielake.model.PipelineTable;
import dev.movielake.model.RecordType;
import dev.movielake.stream.silver.quality.QualityCheck;
import dev.movielake.stream.silver.quality.QualityLog;
import dev.movielake.stream.silver.quality.QualityRules;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 */
public final class GoldRefresh {
  /** Snapshot summary key: the silver snapshots a gold table was computed from. */
  public static final String SOURCE = "movielake.gold.source";

  private final IcebergStorageManager storage;
  private final Clock clock;

  public GoldRefresh(IcebergStorageManager storage, Clock clock) {
    this.storage = storage;
    this.clock = clock;
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
      if (source.equals(currentSource(gold.tableName()).orElse(null))) {
        results.add(new TableResult(gold.tableName(), false, 0, source));
        continue;
      }
      Dataset<Row> rows = aggregate.rows().persist();
      try {
        var written =
            storage.writeToGold(
                rows,
                gold.tableName(),
                WriteOptions.replaceAll()
                    .partitionedBy(Partitioning.of(gold.partitioning()))
                    .withCommitProperties(Map.of(SOURCE, source)));
        QualityCheck.Result quality = new QualityCheck(QualityRules.gold(gold)).evaluate(rows);
        if (!quality.rules().isEmpty()) {
          new QualityLog(storage)
              .record(Layer.GOLD, gold.tableName(), source, quality, clock.instant(), Map.of());
        }
        results.add(new TableResult(gold.tableName(), true, written.totalRecords(), source));
      } finally {
        rows.unpersist();
      }
    }
    return new Result(results);
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

  private Optional<String> currentSource(String goldTable) {
    if (!storage.tableExists(Layer.GOLD, goldTable)) {
      return Optional.empty();
    }
    Table table = storage.loadTable(Layer.GOLD, goldTable);
    return Optional.ofNullable(table.currentSnapshot())
        .map(snapshot -> snapshot.summary().get(SOURCE));
  }
}
