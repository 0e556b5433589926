package dev.movielake.lakehouse.change;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import dev.movielake.lakehouse.Identifiers;
import dev.movielake.lakehouse.SparkLakehouseCatalog;
import dev.movielake.lakehouse.SqlLiteral;
import dev.movielake.lakehouse.TableName;
import dev.movielake.lakehouse.maintenance.Procedures;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.iceberg.DataOperations;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.SnapshotSummary;
import org.apache.iceberg.Table;
import org.apache.iceberg.util.SnapshotUtil;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * Reads a table's change feed through Iceberg's {@code create_changelog_view} with net changes:
 * Iceberg reads the data files the range's commits added and removed, drops the rows a
 * copy-on-write rewrite only carried over, and nets out what the range both added and removed; this
 * class pairs a deleted and an inserted row of one key into an update. Compactions ({@code replace}
 * commits) are not read at all.
 *
 * <p>Iceberg 1.12's changelog scan cannot read delete files, so a range with a merge-on-read commit
 * is refused up front ({@link ChangeFeedUnavailableException.Reason#DELETE_FILES}) with the fix,
 * rather than failing inside Spark: the pipeline's silver and gold tables are copy-on-write for
 * that reason.
 */
public final class ChangeFeed {
  private final SparkLakehouseCatalog catalog;
  private final SparkSession spark;

  public ChangeFeed(SparkLakehouseCatalog catalog, SparkSession spark) {
    this.catalog = catalog;
    this.spark = spark;
  }

  /**
   * The net changes of the range, paired into updates by {@code key}, or by the table's identifier
   * fields when {@code key} is empty.
   *
   * @throws ChangeFeedUnavailableException when the range cannot be read exactly
   */
  public TableChanges changes(TableName name, ChangeRange range, List<String> key) {
    Table table = catalog.loadTable(name);
    List<String> pairBy =
        key.isEmpty() ? List.copyOf(table.schema().identifierFieldNames()) : List.copyOf(key);
    pairBy.forEach(Identifiers::requireColumn);
    Snapshot end =
        range.to().map(id -> existing(table, name, id)).orElseGet(table::currentSnapshot);
    if (end == null) {
      return new TableChanges(name, Optional.empty(), 0, List.of(), pairBy, noRows(name));
    }
    Optional<Long> start = start(table, name, range, end);
    List<Snapshot> commits = commitsBetween(table, name, end, start);
    if (commits.isEmpty()) {
      return new TableChanges(name, start, end.snapshotId(), List.of(), pairBy, noRows(name));
    }
    Dataset<Row> net = changelog(name, start, end.snapshotId(), pairBy);
    List<Long> ids = commits.stream().map(Snapshot::snapshotId).toList();
    return new TableChanges(name, start, end.snapshotId(), ids, pairBy, paired(net, pairBy));
  }

  private static Snapshot existing(Table table, TableName name, long snapshotId) {
    Snapshot snapshot = table.snapshot(snapshotId);
    if (snapshot == null) {
      throw new ChangeFeedUnavailableException(
          ChangeFeedUnavailableException.Reason.SNAPSHOT_EXPIRED,
          "snapshot "
              + snapshotId
              + " is not in "
              + name
              + "'s history (expired or never existed); list them with './pipeline tables snapshots"
              + " "
              + name.layer()
              + " "
              + name.table()
              + "'");
    }
    return snapshot;
  }

  /** The snapshot the range starts after, checked to be in the history and before the end. */
  private static Optional<Long> start(
      Table table, TableName name, ChangeRange range, Snapshot end) {
    Optional<Long> start = range.afterSnapshot();
    if (range.since().isPresent()) {
      long millis = range.since().get().toEpochMilli();
      Snapshot oldest = SnapshotUtil.oldestAncestorOf(table, end.snapshotId());
      start =
          oldest.timestampMillis() > millis
              ? Optional.empty()
              : Optional.of(SnapshotUtil.snapshotIdAsOfTime(table, millis));
    }
    if (start.isEmpty()) {
      Snapshot oldest = SnapshotUtil.oldestAncestorOf(table, end.snapshotId());
      if (oldest.parentId() != null) {
        // The rows of the expired commits are in the oldest snapshot's files too, but no commit of
        // the history says so: reading from the oldest would miss them.
        throw new ChangeFeedUnavailableException(
            ChangeFeedUnavailableException.Reason.SNAPSHOT_EXPIRED,
            name
                + "'s history before snapshot "
                + oldest.snapshotId()
                + " was expired, so its changes from the start are unknown; read them from a "
                + "snapshot still in the history (--from "
                + oldest.snapshotId()
                + ")");
      }
      return Optional.empty();
    }
    existing(table, name, start.get());
    if (!SnapshotUtil.isAncestorOf(table, end.snapshotId(), start.get())) {
      throw new ChangeFeedUnavailableException(
          ChangeFeedUnavailableException.Reason.NOT_AN_ANCESTOR,
          "snapshot "
              + start.get()
              + " is not an ancestor of snapshot "
              + end.snapshotId()
              + " of "
              + name
              + " (the table was rolled back in between): no change feed leads from one to the "
              + "other; read the table as of the later snapshot instead");
    }
    return start;
  }

  /** The range's commits that can change rows, oldest first; refused if one wrote delete files. */
  private static List<Snapshot> commitsBetween(
      Table table, TableName name, Snapshot end, Optional<Long> start) {
    List<Snapshot> commits = new ArrayList<>();
    for (Snapshot snapshot :
        SnapshotUtil.ancestorsBetween(table, end.snapshotId(), start.orElse(null))) {
      if (DataOperations.REPLACE.equals(snapshot.operation())) {
        continue; // a compaction moves rows between files and changes none
      }
      if (count(snapshot, SnapshotSummary.ADDED_DELETE_FILES_PROP) > 0
          || count(snapshot, SnapshotSummary.ADDED_DVS_PROP) > 0) {
        throw new ChangeFeedUnavailableException(
            ChangeFeedUnavailableException.Reason.DELETE_FILES,
            "snapshot "
                + snapshot.snapshotId()
                + " of "
                + name
                + " wrote delete files (a merge-on-read "
                + snapshot.operation()
                + "), which Iceberg's change feed cannot read; make the table copy-on-write ("
                + "ALTER TABLE "
                + name
                + " SET TBLPROPERTIES ('write.delete.mode'='copy-on-write', "
                + "'write.update.mode'='copy-on-write', 'write.merge.mode'='copy-on-write')) and "
                + "read changes from a later snapshot");
      }
      commits.add(snapshot);
    }
    Collections.reverse(commits);
    return commits;
  }

  private static long count(Snapshot snapshot, String property) {
    String value = snapshot.summary().get(property);
    return value == null ? 0 : Long.parseLong(value);
  }

  private Dataset<Row> changelog(
      TableName name, Optional<Long> start, long end, List<String> identifierColumns) {
    Map<String, String> options = new LinkedHashMap<>();
    start.ifPresent(id -> options.put("start-snapshot-id", Long.toString(id)));
    options.put("end-snapshot-id", Long.toString(end));
    String view = "movielake_changes_" + UUID.randomUUID().toString().replace("-", "");
    Map<String, String> arguments = new LinkedHashMap<>();
    arguments.put("changelog_view", SqlLiteral.of(view));
    arguments.put("options", Procedures.map(options));
    arguments.put("net_changes", "true");
    if (!identifierColumns.isEmpty()) {
      // Named so that columns Spark cannot sort (maps) do not stop the carry-over removal; update
      // images are paired here instead, since Iceberg pairs them only without net changes.
      arguments.put(
          "identifier_columns",
          "array("
              + identifierColumns.stream().map(SqlLiteral::of).collect(Collectors.joining(", "))
              + ")");
      arguments.put("compute_updates", "false");
    }
    Procedures.call(spark, name, "create_changelog_view", arguments);
    try {
      // The Dataset keeps the view's plan; the name is not needed once it is resolved.
      return spark.table("`" + view + "`");
    } finally {
      spark.catalog().dropTempView(view);
    }
  }

  /** Marks a key's deleted and inserted rows as its update's before and after images. */
  private static Dataset<Row> paired(Dataset<Row> net, List<String> key) {
    Column type = col(TableChanges.CHANGE_TYPE);
    Dataset<Row> rows = net;
    if (!key.isEmpty()) {
      WindowSpec byKey =
          Window.partitionBy(
              key.stream()
                  .map(column -> col(Identifiers.quoteColumn(column)))
                  .toArray(Column[]::new));
      Column deletes = sum(when(type.equalTo(TableChanges.DELETE), 1).otherwise(0)).over(byKey);
      Column inserts = sum(when(type.equalTo(TableChanges.INSERT), 1).otherwise(0)).over(byKey);
      rows =
          net.withColumn(
              TableChanges.CHANGE_TYPE,
              when(
                      type.equalTo(TableChanges.INSERT).and(deletes.gt(0)),
                      lit(TableChanges.UPDATE_AFTER))
                  .when(
                      type.equalTo(TableChanges.DELETE).and(inserts.gt(0)),
                      lit(TableChanges.UPDATE_BEFORE))
                  .otherwise(type));
    }
    List<Column> columns =
        Stream.concat(
                Stream.of(TableChanges.CHANGE_TYPE, TableChanges.COMMIT_SNAPSHOT_ID),
                tableColumns(rows).stream())
            .map(column -> col(Identifiers.quoteColumn(column)))
            .toList();
    return rows.select(columns.toArray(Column[]::new));
  }

  private static List<String> tableColumns(Dataset<Row> changelog) {
    return Stream.of(changelog.columns())
        .filter(
            column ->
                !column.equals(TableChanges.CHANGE_TYPE)
                    && !column.equals(TableChanges.COMMIT_SNAPSHOT_ID)
                    && !column.equals("_change_ordinal"))
        .toList();
  }

  /** No changes, with the columns a change feed of the table has. */
  private Dataset<Row> noRows(TableName name) {
    return spark
        .sql(
            "SELECT CAST(NULL AS STRING) AS "
                + TableChanges.CHANGE_TYPE
                + ", CAST(NULL AS BIGINT) AS "
                + TableChanges.COMMIT_SNAPSHOT_ID
                + ", * FROM "
                + name.sql())
        .limit(0);
  }
}
