package dev.movielake.lakehouse;

import dev.movielake.config.FeatureFlags;
import dev.movielake.config.LakehouseConfig;
import dev.movielake.lakehouse.change.ChangeFeed;
import dev.movielake.lakehouse.change.ChangeFeedUnavailableException;
import dev.movielake.lakehouse.change.ChangeRange;
import dev.movielake.lakehouse.change.TableChanges;
import dev.movielake.lakehouse.maintenance.CompactTable;
import dev.movielake.lakehouse.maintenance.ExpireSnapshots;
import dev.movielake.lakehouse.maintenance.RemoveOrphanFiles;
import dev.movielake.lakehouse.table.PartitionChange;
import dev.movielake.lakehouse.table.Partitioning;
import dev.movielake.lakehouse.table.ReadOptions;
import dev.movielake.lakehouse.table.SchemaChange;
import dev.movielake.lakehouse.table.SnapshotManager;
import dev.movielake.lakehouse.table.TableEvolution;
import dev.movielake.lakehouse.table.TableStatistics;
import dev.movielake.lakehouse.table.TableStatisticsReader;
import dev.movielake.lakehouse.table.TableTurns;
import dev.movielake.lakehouse.table.TableWriter;
import dev.movielake.lakehouse.table.WriteOptions;
import dev.movielake.lakehouse.table.WriteResult;
import dev.movielake.model.Layer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.SnapshotRef;
import org.apache.iceberg.Table;
import org.apache.iceberg.types.Types;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The lakehouse's tables by layer: create, write (append, overwrite, upsert), read (current or at a
 * snapshot, time, branch or tag), evolve schema and partitioning, roll back, tag and branch, and
 * statistics from metadata. The one entry point jobs and commands use; the work is done in {@code
 * table} and {@code maintenance}, which take the catalog and the table, not this facade.
 */
public final class IcebergStorageManager {
  private final SparkLakehouseCatalog catalog;
  private final TableWriter writer;
  private final TableStatisticsReader statistics;

  public IcebergStorageManager(SparkSession spark, LakehouseConfig config) {
    this.catalog = new SparkLakehouseCatalog(spark, config);
    this.writer = new TableWriter(catalog);
    this.statistics = new TableStatisticsReader(catalog);
  }

  public SparkLakehouseCatalog catalog() {
    return catalog;
  }

  public LakehouseConfig config() {
    return catalog.config();
  }

  public SparkSession spark() {
    return catalog.spark();
  }

  public TableName table(Layer layer, String table) {
    return catalog.table(layer, table);
  }

  public boolean tableExists(Layer layer, String table) {
    return tableExists(table(layer, table));
  }

  public boolean tableExists(TableName name) {
    return catalog.tableExists(name);
  }

  /** Loads a table's Iceberg metadata, for questions the engine-neutral API answers. */
  public Table loadTable(Layer layer, String table) {
    return loadTable(table(layer, table));
  }

  public Table loadTable(TableName name) {
    return catalog.loadTable(name);
  }

  /** Creates the three layer databases when they do not exist. */
  public void createDatabases() {
    for (Layer layer : Layer.values()) {
      catalog.ensureNamespace(layer);
    }
  }

  // ---- create and write ----

  /**
   * Creates a table with the Dataset's schema and the partitioning, without writing its rows: the
   * write that follows adds them once. Skips an existing table unless {@code overwrite}.
   */
  public boolean createTable(
      Layer layer,
      String table,
      Dataset<Row> schemaSource,
      Partitioning partitioning,
      boolean overwrite) {
    return writer.create(table(layer, table), schemaSource.schema(), partitioning, overwrite);
  }

  /**
   * Drops a table from the catalog; with {@code purge} its data and metadata files are deleted too.
   * Returns false when there was no such table.
   */
  public boolean dropTable(Layer layer, String table, boolean purge) {
    return catalog.iceberg().dropTable(table(layer, table).identifier(), purge);
  }

  public WriteResult writeToLayer(
      Layer layer, String table, Dataset<Row> rows, WriteOptions options) {
    return writer.write(table(layer, table), rows, options);
  }

  /** True when a snapshot in the table's current history has {@code key=value} in its summary. */
  public boolean committed(Layer layer, String table, String key, String value) {
    return writer.committed(table(layer, table), key, value);
  }

  /**
   * How many times writes through this manager were planned again because another writer's commit
   * came first, per table: contention made visible (the stream's summary and status report it).
   */
  public Map<TableName, Long> commitRetries() {
    return writer.commitRetries();
  }

  public WriteResult writeToBronze(Dataset<Row> rows, String table, WriteOptions options) {
    return writeToLayer(Layer.BRONZE, table, rows, options);
  }

  public WriteResult writeToSilver(Dataset<Row> rows, String table, WriteOptions options) {
    return writeToLayer(Layer.SILVER, table, rows, options);
  }

  public WriteResult writeToGold(Dataset<Row> rows, String table, WriteOptions options) {
    return writeToLayer(Layer.GOLD, table, rows, options);
  }

  // ---- read ----

  public Dataset<Row> readFromLayer(Layer layer, String table) {
    return readFromLayer(layer, table, ReadOptions.current());
  }

  public Dataset<Row> readFromLayer(Layer layer, String table, ReadOptions options) {
    TableName name = table(layer, table);
    String version = "";
    if (options.isTimeTravel()) {
      version = timeTravelClause(name, options);
    }
    Column filter =
        options.filter().map(condition -> RowFilter.parse(spark(), condition)).orElse(null);
    Dataset<Row> rows;
    try {
      rows = spark().sql("SELECT * FROM " + name.sql() + version);
    } catch (Exception e) { // Spark's AnalysisException is checked in Java's eyes
      if (!catalog.tableExists(name)) {
        throw new TableNotFoundException(name);
      }
      throw new LakehouseException("cannot read " + name + ": " + e.getMessage(), e);
    }
    return filter == null ? rows : rows.where(filter);
  }

  /** Spark's time-travel clause: Iceberg 1.12 on Spark 4 no longer takes snapshot-id options. */
  private String timeTravelClause(TableName name, ReadOptions options) {
    if (!config().features().timeTravel()) {
      throw new FeatureDisabledException("time travel", FeatureFlags.TIME_TRAVEL);
    }
    Table iceberg = catalog.loadTable(name); // fails clearly when missing
    if (options.snapshotId().isPresent()) {
      long id = options.snapshotId().get();
      if (iceberg.snapshot(id) == null) {
        throw new LakehouseException(
            "snapshot "
                + id
                + " is not in "
                + name
                + " (expired or never existed); list them with "
                + "'./pipeline tables snapshots "
                + name.layer()
                + " "
                + name.table()
                + "'");
      }
      return " VERSION AS OF " + id;
    }
    if (options.asOf().isPresent()) {
      return " TIMESTAMP AS OF " + SqlLiteral.timestamp(options.asOf().get());
    }
    String ref = options.branch().orElseGet(() -> options.tag().orElseThrow());
    requireRef(name, iceberg, ref);
    return " VERSION AS OF " + SqlLiteral.of(ref);
  }

  private static void requireRef(TableName name, Table table, String ref) {
    Identifiers.require("branch or tag", ref);
    if (!table.refs().containsKey(ref)) {
      throw new LakehouseException(
          "no branch or tag named " + ref + " on " + name + "; it has " + table.refs().keySet());
    }
  }

  /**
   * The table's change feed over the range: rows inserted, updated (before and after images) and
   * deleted, paired into updates by {@code key} (the table's identifier fields when empty).
   *
   * @throws ChangeFeedUnavailableException when the range cannot be read exactly (expired, across a
   *     rollback, merge-on-read commits): read the table instead
   */
  public TableChanges changes(Layer layer, String table, ChangeRange range, List<String> key) {
    return new ChangeFeed(catalog, spark()).changes(table(layer, table), range, key);
  }

  /** One row per snapshot: committed_at, snapshot_id, parent_id, operation, summary. */
  public Dataset<Row> getTableSnapshots(Layer layer, String table) {
    return metadataTable(layer, table, "snapshots");
  }

  /** The table's history: made_current_at, snapshot_id, parent_id, is_current_ancestor. */
  public Dataset<Row> getTableHistory(Layer layer, String table) {
    return metadataTable(layer, table, "history");
  }

  /** The current snapshot's data and delete files with their statistics. */
  public Dataset<Row> getTableFiles(Layer layer, String table) {
    return metadataTable(layer, table, "files");
  }

  /** Any Iceberg metadata table: history, snapshots, files, manifests, partitions, refs, ... */
  public Dataset<Row> metadataTable(Layer layer, String table, String metadataTable) {
    TableName name = table(layer, table);
    catalog.loadTable(name);
    return spark()
        .table(name.sql() + ".`" + Identifiers.require("metadata table", metadataTable) + "`");
  }

  public List<TableName> listTables(Layer layer) {
    return catalog.listTables(layer);
  }

  public List<TableName> listAllTables() {
    return catalog.listAllTables();
  }

  // ---- evolution ----

  public void evolveSchema(Layer layer, String table, SchemaChange change) {
    if (!config().features().schemaEvolution()) {
      throw new FeatureDisabledException("schema evolution", FeatureFlags.SCHEMA_EVOLUTION);
    }
    TableName name = table(layer, table);
    TableEvolution.evolveSchema(name, catalog.loadTable(name), change);
  }

  /**
   * The same change given as plain collections, for callers that hold it as data: columns to add
   * (name, type), to rename (old to new) and to drop, all in one commit.
   */
  public void evolveSchema(
      Layer layer,
      String table,
      List<Map.Entry<String, String>> columnsToAdd,
      Map<String, String> columnsToRename,
      List<String> columnsToDrop) {
    SchemaChange change =
        SchemaChange.builder().addColumns(columnsToAdd).renameColumns(columnsToRename);
    columnsToDrop.forEach(change::dropColumn);
    evolveSchema(layer, table, change);
  }

  public void evolvePartitioning(Layer layer, String table, PartitionChange change) {
    if (!config().features().partitionEvolution()) {
      throw new FeatureDisabledException("partition evolution", FeatureFlags.PARTITION_EVOLUTION);
    }
    TableName name = table(layer, table);
    TableEvolution.evolvePartitioning(name, catalog.loadTable(name), change);
  }

  // ---- snapshots, tags, branches ----

  public Snapshot rollbackToSnapshot(Layer layer, String table, long snapshotId) {
    requireTimeTravel();
    TableName name = table(layer, table);
    return SnapshotManager.rollbackToSnapshot(name, catalog.loadTable(name), snapshotId);
  }

  public Snapshot rollbackToTimestamp(Layer layer, String table, Instant timestamp) {
    requireTimeTravel();
    TableName name = table(layer, table);
    return SnapshotManager.rollbackToTimestamp(name, catalog.loadTable(name), timestamp);
  }

  public void createTag(
      Layer layer, String table, String tag, Optional<Long> snapshotId, Optional<Duration> retain) {
    TableName name = table(layer, table);
    SnapshotManager.createTag(name, catalog.loadTable(name), tag, snapshotId, retain);
  }

  public void dropTag(Layer layer, String table, String tag) {
    TableName name = table(layer, table);
    SnapshotManager.dropTag(name, catalog.loadTable(name), tag);
  }

  public void createBranch(
      Layer layer,
      String table,
      String branch,
      Optional<Long> snapshotId,
      Optional<Duration> retain) {
    TableName name = table(layer, table);
    SnapshotManager.createBranch(name, catalog.loadTable(name), branch, snapshotId, retain);
  }

  /**
   * Write-audit-publish, step one: the branch a write goes to instead of {@code main} ({@link
   * WriteOptions#onBranch}), created at {@code main}'s head unless it exists.
   *
   * @return the branch's head
   */
  public Snapshot openBranch(Layer layer, String table, String branch) {
    TableName name = table(layer, table);
    return SnapshotManager.openBranch(name, catalog.loadTable(name), branch);
  }

  /**
   * Write-audit-publish, the last step: {@code main} fast-forwarded to the branch, and the branch
   * removed, in one commit.
   *
   * @return {@code main}'s new head
   * @throws BranchDivergedException when {@code main} moved since the branch was made
   */
  public Snapshot publishBranch(Layer layer, String table, String branch) {
    TableName name = table(layer, table);
    return SnapshotManager.publishBranch(name, catalog.loadTable(name), branch);
  }

  /**
   * Holds the table's turn for commits that must not interleave with a compaction in this process
   * (see {@link TableTurns}): an audited batch from its branch's opening to its publication.
   */
  public TableTurns.Turn takeTurn(Layer layer, String table) {
    return TableTurns.take(table(layer, table));
  }

  /** True when the table has a branch of that name. */
  public boolean hasBranch(Layer layer, String table, String branch) {
    if (!tableExists(layer, table)) {
      return false;
    }
    SnapshotRef ref = loadTable(layer, table).refs().get(branch);
    return ref != null && ref.isBranch();
  }

  /** {@link #committed} on a branch's history instead of {@code main}'s. */
  public boolean committedOnBranch(
      Layer layer, String table, String branch, String key, String value) {
    return writer.committed(table(layer, table), Optional.of(branch), key, value);
  }

  public void dropBranch(Layer layer, String table, String branch) {
    TableName name = table(layer, table);
    SnapshotManager.dropBranch(name, catalog.loadTable(name), branch);
  }

  private void requireTimeTravel() {
    if (!config().features().timeTravel()) {
      throw new FeatureDisabledException("time travel", FeatureFlags.TIME_TRAVEL);
    }
  }

  // ---- statistics ----

  /** Statistics from the snapshot summary and manifests only: no data file is read. */
  public TableStatistics getTableStatistics(Layer layer, String table) {
    return getTableStatistics(table(layer, table));
  }

  public TableStatistics getTableStatistics(TableName name) {
    return statistics.read(name);
  }

  public List<TableStatistics> getAllTableStatistics() {
    return listAllTables().stream().map(this::getTableStatistics).toList();
  }

  /** The columns of a table's current schema, for messages and the command line. */
  public List<Types.NestedField> columns(Layer layer, String table) {
    return loadTable(layer, table).schema().columns();
  }

  // ---- one maintenance action on one table (MaintenanceManager runs them on many) ----

  public CompactTable.Result compactTable(Layer layer, String table) {
    return new CompactTable(catalog, table(layer, table)).execute();
  }

  public ExpireSnapshots.Result expireSnapshots(Layer layer, String table, int olderThanDays) {
    return new ExpireSnapshots(catalog, table(layer, table)).olderThanDays(olderThanDays).execute();
  }

  public RemoveOrphanFiles.Result removeOrphanFiles(Layer layer, String table) {
    return new RemoveOrphanFiles(catalog, table(layer, table)).execute();
  }
}
