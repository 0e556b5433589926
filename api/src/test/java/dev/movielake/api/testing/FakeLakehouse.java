package dev.movielake.api.testing;

import dev.movielake.api.lakehouse.HistoryEntry;
import dev.movielake.api.lakehouse.LakehouseView;
import dev.movielake.api.lakehouse.MaintenanceSummary;
import dev.movielake.api.lakehouse.SnapshotEntry;
import dev.movielake.lakehouse.TableName;
import dev.movielake.lakehouse.TableNotFoundException;
import dev.movielake.lakehouse.table.TableStatistics;
import dev.movielake.lakehouse.table.testing.TableStatisticsBuilder;
import dev.movielake.model.Layer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A lakehouse held in memory, for the API and the dashboard: tables with their statistics and
 * snapshots, added in the order {@link #tables()} lists them. A table's history and maintenance
 * follow from its snapshots unless set: every snapshot became current in turn, and its latest
 * {@code replace} snapshot is its last compaction. {@link #broken(boolean)} makes every read fail
 * as an unreadable catalog does; {@link #problem(String)} is what the health endpoint reports.
 */
public final class FakeLakehouse implements LakehouseView {
  /** When everything in {@link #silverAndGoldTables()} was committed. */
  public static final Instant COMMITTED = Instant.parse("2026-01-02T03:04:05Z");

  private final Instant generatedAt;
  // The API tests switch the catalog while the server's threads read it.
  private final List<Table> tables = new CopyOnWriteArrayList<>();
  private final Map<String, List<HistoryEntry>> histories = new ConcurrentHashMap<>();
  private final Map<String, MaintenanceSummary.TableMaintenance> maintenances =
      new ConcurrentHashMap<>();
  private volatile String problem;
  private volatile boolean broken;

  private record Table(TableStatistics statistics, List<SnapshotEntry> snapshots) {
    String key() {
      return FakeLakehouse.key(statistics.layer(), statistics.table());
    }
  }

  /** An empty lakehouse whose maintenance summary is generated at {@code generatedAt}. */
  public FakeLakehouse(Instant generatedAt) {
    this.generatedAt = generatedAt;
  }

  /**
   * What the API tests assert on: {@code silver.movies_clean} (1000 rows) and {@code
   * gold.movie_metrics} (900 rows), both at snapshot 3 of 4 files (1 small), in 2 partitions,
   * committed at {@link #COMMITTED}; silver in 25 manifests (its health 94 for that), gold in 1
   * (health 100); both list the same three snapshots (an append of 10 rows, an overwrite, a
   * replace) and a history of the first two. The maintenance summary is set, not derived: silver
   * was last compacted from 20 files to 4, gold never.
   */
  public static FakeLakehouse silverAndGoldTables() {
    List<SnapshotEntry> snapshots =
        List.of(
            snapshot(1, null, COMMITTED, "append", Map.of("added-records", "10")),
            snapshot(2, 1L, COMMITTED.plusSeconds(60), "overwrite", Map.of()),
            snapshot(3, 2L, COMMITTED.plusSeconds(120), "replace", Map.of()));
    HistoryEntry[] history = {
      new HistoryEntry(COMMITTED, 1, true), new HistoryEntry(COMMITTED.plusSeconds(60), 2, true)
    };
    return new FakeLakehouse(COMMITTED)
        .table(
            statistics(Layer.SILVER, "movies_clean").records(1000).manifests(25).build(), snapshots)
        .history(Layer.SILVER, "movies_clean", history)
        .maintenance(
            new MaintenanceSummary.TableMaintenance(
                Layer.SILVER,
                "movies_clean",
                4,
                1,
                3,
                Optional.of(new MaintenanceSummary.Compaction(COMMITTED, 3, 20, 4, 18, 1))))
        .table(statistics(Layer.GOLD, "movie_metrics").records(900).manifests(1).build(), snapshots)
        .history(Layer.GOLD, "movie_metrics", history)
        .maintenance(
            new MaintenanceSummary.TableMaintenance(
                Layer.GOLD, "movie_metrics", 2, 0, 1, Optional.empty()));
  }

  private static TableStatisticsBuilder statistics(Layer layer, String table) {
    return TableStatisticsBuilder.of(layer, table)
        .currentSnapshot(3, COMMITTED)
        .files(4, 4096)
        .smallFiles(1)
        .partitions(2)
        .snapshots(3)
        .partitioning("release_year");
  }

  /** A snapshot; {@code parentId} is null for a table's first. */
  public static SnapshotEntry snapshot(
      long snapshotId,
      Long parentId,
      Instant committedAt,
      String operation,
      Map<String, String> summary) {
    return new SnapshotEntry(
        snapshotId, Optional.ofNullable(parentId), committedAt, operation, summary);
  }

  /**
   * Adds a table, found by its layer and the short name of {@code statistics.table()} (the catalog
   * reports {@code silver.movies_clean}, the routes ask for {@code movies_clean}).
   */
  public FakeLakehouse table(TableStatistics statistics, List<SnapshotEntry> snapshots) {
    tables.add(new Table(statistics, List.copyOf(snapshots)));
    return this;
  }

  /** Sets when the table's snapshots became current, instead of each one in turn. */
  public FakeLakehouse history(Layer layer, String table, HistoryEntry... history) {
    histories.put(key(layer, table), List.of(history));
    return this;
  }

  /**
   * Sets the maintenance entry of the table it names, instead of one derived from its statistics
   * and snapshots.
   */
  public FakeLakehouse maintenance(MaintenanceSummary.TableMaintenance maintenance) {
    maintenances.put(key(maintenance.layer(), maintenance.table()), maintenance);
    return this;
  }

  /**
   * While true, every read fails as a catalog that cannot be read does, naming an internal path.
   */
  public FakeLakehouse broken(boolean broken) {
    this.broken = broken;
    return this;
  }

  /** What {@link #problem()} reports; null when the catalog answers. */
  public FakeLakehouse problem(String problem) {
    this.problem = problem;
    return this;
  }

  @Override
  public List<TableStatistics> tables() {
    failIfBroken();
    return tables.stream().map(Table::statistics).toList();
  }

  @Override
  public TableStatistics table(Layer layer, String table) {
    return find(layer, table).statistics();
  }

  @Override
  public List<SnapshotEntry> snapshots(Layer layer, String table) {
    return find(layer, table).snapshots();
  }

  @Override
  public List<HistoryEntry> history(Layer layer, String table) {
    Table found = find(layer, table);
    List<HistoryEntry> history = histories.get(found.key());
    return history != null
        ? history
        : found.snapshots().stream()
            .map(snapshot -> new HistoryEntry(snapshot.committedAt(), snapshot.snapshotId(), true))
            .toList();
  }

  @Override
  public MaintenanceSummary maintenance() {
    failIfBroken();
    List<MaintenanceSummary.TableMaintenance> entries = new ArrayList<>();
    for (Table table : tables) {
      entries.add(maintenances.getOrDefault(table.key(), derivedMaintenance(table)));
    }
    return new MaintenanceSummary(generatedAt, entries);
  }

  @Override
  public String problem() {
    return problem;
  }

  /**
   * The latest {@code replace} snapshot as the last compaction: the files it deleted were there
   * before, all of them small; after it, the table's small files now.
   */
  private static MaintenanceSummary.TableMaintenance derivedMaintenance(Table table) {
    TableStatistics statistics = table.statistics();
    long smallFiles = statistics.files().smallFileCount();
    Optional<MaintenanceSummary.Compaction> compaction =
        table.snapshots().stream()
            .filter(snapshot -> snapshot.operation().equals("replace"))
            .reduce((first, second) -> second)
            .map(
                snapshot ->
                    new MaintenanceSummary.Compaction(
                        snapshot.committedAt(),
                        snapshot.snapshotId(),
                        count(snapshot, "deleted-data-files"),
                        count(snapshot, "added-data-files"),
                        count(snapshot, "deleted-data-files"),
                        smallFiles));
    return new MaintenanceSummary.TableMaintenance(
        statistics.layer(),
        shortName(statistics.table()),
        statistics.files().fileCount(),
        smallFiles,
        statistics.snapshots().snapshotCount(),
        compaction);
  }

  private Table find(Layer layer, String table) {
    failIfBroken();
    String key = key(layer, table);
    return tables.stream()
        .filter(candidate -> candidate.key().equals(key))
        .findFirst()
        .orElseThrow(
            () ->
                new TableNotFoundException(
                    new TableName("movie_catalog", layer, layer.id(), table)));
  }

  private void failIfBroken() {
    if (broken) {
      throw new IllegalStateException("cannot read /secret/warehouse/catalog.db");
    }
  }

  private static long count(SnapshotEntry snapshot, String property) {
    return Long.parseLong(snapshot.summary().getOrDefault(property, "0"));
  }

  private static String key(Layer layer, String table) {
    return layer.id() + "." + shortName(table);
  }

  private static String shortName(String table) {
    return table.substring(table.lastIndexOf('.') + 1);
  }
}
