package dev.movielake.stream.gold;

import dev.movielake.config.Layer;
import dev.movielake.lakehouse.IcebergStorageManager;
import dev.movielake.lakehouse.table.WriteOptions;
import dev.movielake.stream.silver.SilverTable;
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
 * each gold table in one commit. Every commit records the silver snapshots it was computed from,
 * so gold is provably consistent with silver, and a refresh whose sources have not changed since
 * the last one writes nothing.
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

  /** @param written false when the table was already computed from the same silver snapshots */
  public record TableResult(String table, boolean written, long rows, String source) {}

  public record Result(List<TableResult> tables) {
    public long writtenTables() {
      return tables.stream().filter(TableResult::written).count();
    }
  }

  public Result refresh() {
    Map<SilverTable, Long> snapshots = silverSnapshots();
    List<TableResult> results = new ArrayList<>();
    if (!snapshots.containsKey(SilverTable.MOVIES)) {
      return new Result(results); // nothing to aggregate yet
    }
    GoldAggregates aggregates = new GoldAggregates(
        read(SilverTable.MOVIES, snapshots),
        snapshots.containsKey(SilverTable.CREDITS) ? Optional.of(read(SilverTable.CREDITS, snapshots)) : Optional.empty());
    for (GoldAggregates.Aggregate aggregate : aggregates.all()) {
      String source = aggregate.sources().stream()
          .filter(snapshots::containsKey)
          .map(table -> table.table() + "@" + snapshots.get(table))
          .collect(Collectors.joining(","));
      if (source.equals(currentSource(aggregate.table()).orElse(null))) {
        results.add(new TableResult(aggregate.table(), false, 0, source));
        continue;
      }
      Dataset<Row> rows = aggregate.rows().persist();
      try {
        var written = storage.writeToGold(rows, aggregate.table(), WriteOptions.replaceAll()
            .partitionedBy(aggregate.partitioning())
            .withCommitProperties(Map.of(SOURCE, source)));
        QualityCheck.Result quality = new QualityCheck(QualityRules.gold(aggregate.table())).evaluate(rows);
        if (!quality.rules().isEmpty()) {
          new QualityLog(storage).record(Layer.GOLD, aggregate.table(), source, quality, clock.instant(), Map.of());
        }
        results.add(new TableResult(aggregate.table(), true, written.totalRecords(), source));
      } finally {
        rows.unpersist();
      }
    }
    return new Result(results);
  }

  private Map<SilverTable, Long> silverSnapshots() {
    Map<SilverTable, Long> snapshots = new LinkedHashMap<>();
    for (SilverTable table : SilverTable.values()) {
      if (storage.tableExists(Layer.SILVER, table.table())) {
        Snapshot current = storage.loadTable(Layer.SILVER, table.table()).currentSnapshot();
        if (current != null) {
          snapshots.put(table, current.snapshotId());
        }
      }
    }
    return snapshots;
  }

  /** Reads silver at the snapshot recorded as the source, not at whatever is current by then. */
  private Dataset<Row> read(SilverTable table, Map<SilverTable, Long> snapshots) {
    return storage.spark().sql("SELECT * FROM " + storage.table(Layer.SILVER, table.table()).sql()
        + " VERSION AS OF " + snapshots.get(table));
  }

  private Optional<String> currentSource(String goldTable) {
    if (!storage.tableExists(Layer.GOLD, goldTable)) {
      return Optional.empty();
    }
    Table table = storage.loadTable(Layer.GOLD, goldTable);
    return Optional.ofNullable(table.currentSnapshot()).map(snapshot -> snapshot.summary().get(SOURCE));
  }
}
