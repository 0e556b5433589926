package dev.movielake.lakehouse.table;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.monotonically_increasing_id;
import static org.apache.spark.sql.functions.row_number;

import dev.movielake.config.LakehouseConfig;
import dev.movielake.config.LayerTableProperties;
import dev.movielake.lakehouse.Identifiers;
import dev.movielake.lakehouse.LakehouseException;
import dev.movielake.lakehouse.SparkLakehouseCatalog;
import dev.movielake.lakehouse.TableName;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;
import org.apache.iceberg.RowLevelOperationMode;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.exceptions.AlreadyExistsException;
import org.apache.iceberg.exceptions.ValidationException;
import org.apache.iceberg.spark.CommitMetadata;
import org.apache.iceberg.spark.SparkSchemaUtil;
import org.apache.iceberg.util.SnapshotUtil;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.analysis.NoSuchTableException;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes Datasets into layer tables: append, dynamic partition overwrite, or upsert by key. A write
 * either commits one snapshot or leaves the table at its last good snapshot.
 */
public final class TableWriter {
  /** Snapshot summary key that lets a write find its own snapshot among concurrent ones. */
  public static final String WRITE_ID = "movielake.write-id";

  public static final String WRITE_MODE = "movielake.write-mode";

  /** The source column of a deleting MERGE that marks a key to remove. */
  private static final String DELETED = "__movielake_deleted";

  private static final String SEQUENCE = "__movielake_sequence";
  private static final String RANK = "__movielake_rank";

  private static final Logger LOG = LoggerFactory.getLogger(TableWriter.class);

  private final SparkLakehouseCatalog catalog;
  private final Map<TableName, LongAdder> commitRetries = new ConcurrentHashMap<>();

  public TableWriter(SparkLakehouseCatalog catalog) {
    this.catalog = catalog;
  }

  /**
   * Creates the table with the Dataset's schema (no rows) and the given partitioning, unless it
   * exists. Rows are written only by {@link #write}, so a create never duplicates a batch.
   *
   * @param replace replace an existing table's schema, partitioning and contents (history is kept)
   * @return true when this call created or replaced the table
   */
  public boolean create(
      TableName table, StructType sparkSchema, Partitioning partitioning, boolean replace) {
    return create(table, sparkSchema, partitioning, replace, Map.of());
  }

  private boolean create(
      TableName table,
      StructType sparkSchema,
      Partitioning partitioning,
      boolean replace,
      Map<String, String> extraProperties) {
    catalog.ensureNamespace(table.layer());
    // Written columns may be null in later batches even when this one has none.
    Schema schema = SparkSchemaUtil.convert(sparkSchema.asNullable());
    Map<String, String> properties =
        new LinkedHashMap<>(LayerTableProperties.forLayer(catalog.config(), table.layer()));
    properties.putAll(extraProperties);
    try {
      if (replace) {
        catalog
            .iceberg()
            .newReplaceTableTransaction(
                table.identifier(), schema, partitioning.toSpec(schema), properties, true)
            .commitTransaction();
        return true;
      }
      if (catalog.tableExists(table)) {
        return false;
      }
      catalog
          .iceberg()
          .createTable(table.identifier(), schema, partitioning.toSpec(schema), properties);
      return true;
    } catch (AlreadyExistsException e) {
      return false; // created concurrently by another writer
    } catch (IllegalArgumentException | ValidationException e) {
      throw new LakehouseException(
          "cannot create "
              + table
              + " partitioned by "
              + partitioning
              + ": "
              + e.getMessage()
              + "; partition fields must name columns of the data with a fitting type",
          e);
    } catch (RuntimeException e) {
      // A JDBC catalog reports a concurrent create as a failed INSERT, not as AlreadyExists.
      if (!replace && catalog.tableExists(table)) {
        return false;
      }
      throw e;
    }
  }

  /**
   * Writes the rows in one snapshot. A write that collides with another writer's commit is planned
   * again from the table's new state, up to {@code ICEBERG_WRITE_CONFLICT_RETRIES} times after a
   * growing backoff; a commit whose outcome is unknown is looked up by its write id before anything
   * is written again (see {@link WriteConflict}).
   */
  public WriteResult write(TableName table, Dataset<Row> rows, WriteOptions options) {
    if (options.mode() == WriteMode.DELETE && !catalog.tableExists(table)) {
      return new WriteResult(table, options.mode(), false, Optional.empty(), 0, 0, 0, 0, 0);
    }
    boolean created =
        create(table, rows.schema(), options.partitioning(), false, options.tableProperties());
    // The rows of a delete name what to remove: they never add columns to the table.
    if (!created && options.mode() != WriteMode.DELETE) {
      prepareExistingTable(table, rows, options);
    }
    // Appends never collide with compaction; other writes wait for a compaction group in flight.
    if (options.mode() == WriteMode.APPEND) {
      return commit(table, rows, options, created);
    }
    try (TableTurns.Turn turn = TableTurns.take(table)) {
      return commit(table, rows, options, created);
    }
  }

  private WriteResult commit(
      TableName table, Dataset<Row> rows, WriteOptions options, boolean created) {
    String writeId = UUID.randomUUID().toString();
    Map<String, String> commitProperties = new HashMap<>(options.commitProperties());
    commitProperties.put(WRITE_ID, writeId);
    commitProperties.put(WRITE_MODE, options.mode().name().toLowerCase(Locale.ROOT));
    int maxRetries = catalog.config().tableFormat().writeConflictRetries();
    for (int retries = 0; ; retries++) {
      Optional<Long> before;
      try {
        before = headId(table, options.branch());
      } catch (RuntimeException e) {
        throw failed(table, options, e, "the table stays at its last committed snapshot");
      }
      try {
        CommitMetadata.withCommitProperties(
            commitProperties,
            () -> {
              attempt(table, rows, options);
              return null;
            },
            Exception.class);
        return result(table, options, created, writeId, retries);
      } catch (LakehouseException e) {
        throw e;
      } catch (Exception e) {
        WriteConflict conflict =
            WriteConflict.of(e, () -> !before.equals(headIdOrEmpty(table, options.branch())));
        if (conflict == WriteConflict.UNKNOWN_STATE
            && committedOrUnknown(table, options.branch(), writeId, e)) {
          return result(table, options, created, writeId, retries);
        }
        if (conflict == WriteConflict.NONE) {
          throw failed(table, options, e, "the table stays at its last committed snapshot");
        }
        if (retries >= maxRetries) {
          throw failed(
              table,
              options,
              e,
              "it collided with other writers' commits "
                  + (retries + 1)
                  + " times and the table stays at its last committed snapshot; raise "
                  + LakehouseConfig.WRITE_CONFLICT_RETRIES
                  + " (now "
                  + maxRetries
                  + ") or let fewer processes write this table at once");
        }
        Duration wait = WriteConflict.backoff(retries + 1);
        commitRetries.computeIfAbsent(table, name -> new LongAdder()).increment();
        LOG.warn(
            "{} into {} {} ({}); planning it again in {} ms (retry {} of {})",
            options.mode().name().toLowerCase(Locale.ROOT),
            table,
            conflict == WriteConflict.UNKNOWN_STATE
                ? "lost the catalog's answer and its history shows the commit did not land"
                : "collided with another writer's commit",
            headOf(rootMessage(e)),
            wait.toMillis(),
            retries + 1,
            maxRetries);
        sleep(wait);
      }
    }
  }

  private void attempt(TableName table, Dataset<Row> rows, WriteOptions options)
      throws NoSuchTableException {
    String target = writeTarget(table, options.branch());
    switch (options.mode()) {
      case APPEND -> rows.writeTo(target).append();
      case OVERWRITE -> rows.writeTo(target).overwritePartitions();
      case REPLACE -> rows.writeTo(target).overwrite(org.apache.spark.sql.functions.lit(true));
      // Always a MERGE, even into the table this write just created: another process may have
      // upserted the same keys into it since, and only a MERGE sees (and validates against) them.
      case UPSERT ->
          merge(
              mergeTarget(table, options.branch()),
              deterministicFor(table, latestPerKey(rows, options.mergeKeys(), options.latestBy())),
              options.mergeKeys(),
              options.latestBy(),
              false);
      case DELETE -> delete(mergeTarget(table, options.branch()), rows, options.mergeKeys());
    }
  }

  /**
   * What Spark's writer takes: the table, or one of its branches by Iceberg's {@code branch_}
   * suffix. Named per write rather than by the session's {@code spark.wap.branch}: that setting
   * also turns every read of the table in the session to the branch, and the pipeline's streams and
   * jobs share sessions.
   */
  private static String writeTarget(TableName table, Optional<String> branch) {
    return branch.map(name -> table.qualified() + ".branch_" + name).orElse(table.qualified());
  }

  /** The same, quoted for a MERGE statement. */
  private static String mergeTarget(TableName table, Optional<String> branch) {
    return branch.map(name -> table.sql() + ".`branch_" + name + "`").orElse(table.sql());
  }

  /**
   * The latest row per key, computed once before a copy-on-write MERGE: that MERGE plans its source
   * into a join Spark requires to be deterministic, and "last in input order" is not. A
   * merge-on-read MERGE takes the rows as they are, without the extra pass.
   */
  private Dataset<Row> deterministicFor(TableName table, Dataset<Row> latest) {
    String mode =
        catalog
            .loadTable(table)
            .properties()
            .getOrDefault(TableProperties.MERGE_MODE, TableProperties.MERGE_MODE_DEFAULT);
    return RowLevelOperationMode.fromName(mode) == RowLevelOperationMode.COPY_ON_WRITE
        ? latest.localCheckpoint()
        : latest;
  }

  /**
   * Whether a commit whose outcome Iceberg could not learn landed, read from the table's history:
   * true when its snapshot is there, false when it is not (so writing again cannot double it).
   */
  private boolean committedOrUnknown(
      TableName table, Optional<String> branch, String writeId, Exception error) {
    try {
      return committed(table, branch, WRITE_ID, writeId);
    } catch (RuntimeException lookup) {
      lookup.addSuppressed(error);
      throw new LakehouseException(
          "the commit into "
              + table
              + " may or may not have landed (the catalog did not answer: "
              + rootMessage(error)
              + "), and its history cannot be read now either ("
              + rootMessage(lookup)
              + "); before writing these rows again, look for snapshot summary "
              + WRITE_ID
              + "="
              + writeId
              + " with ./pipeline snapshots "
              + table.layer()
              + " "
              + table.table(),
          lookup);
    }
  }

  /** The head of the branch written to ({@code main} when none). */
  private Optional<Long> headId(TableName table, Optional<String> branch) {
    return Optional.ofNullable(head(catalog.loadTable(table), branch)).map(Snapshot::snapshotId);
  }

  private static Snapshot head(Table table, Optional<String> branch) {
    return branch.isPresent() ? table.snapshot(branch.get()) : table.currentSnapshot();
  }

  /**
   * The head, or a value no head has when the catalog cannot say (then the table counts as moved).
   */
  private Optional<Long> headIdOrEmpty(TableName table, Optional<String> branch) {
    try {
      return headId(table, branch);
    } catch (RuntimeException e) {
      return Optional.of(-1L);
    }
  }

  private static LakehouseException failed(
      TableName table, WriteOptions options, Exception error, String outcome) {
    return new LakehouseException(
        options.mode().name().toLowerCase(Locale.ROOT)
            + " into "
            + table
            + " failed; "
            + outcome
            + ": "
            + rootMessage(error),
        error);
  }

  private static void sleep(Duration wait) {
    try {
      Thread.sleep(wait.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LakehouseException("interrupted while waiting to retry a write", e);
    }
  }

  /**
   * How many times each table's writes were planned again in this process because another writer
   * committed first: the cost of contention, for reports and metrics.
   */
  public Map<TableName, Long> commitRetries() {
    Map<TableName, Long> counts = new TreeMap<>(Comparator.comparing(TableName::toString));
    commitRetries.forEach((table, count) -> counts.put(table, count.sum()));
    return counts;
  }

  /**
   * Checks a write into an existing table before anything is written: its partitioning, and the
   * columns it brings that the table lacks (see {@link ExistingTableWrite}).
   */
  private void prepareExistingTable(TableName table, Dataset<Row> rows, WriteOptions options) {
    ExistingTableWrite.prepare(
        table,
        catalog.loadTable(table),
        rows.schema(),
        options,
        catalog.config().features().schemaEvolution());
  }

  /** Keeps one row per key: the greatest {@code latestBy}, then the last in input order. */
  static Dataset<Row> latestPerKey(
      Dataset<Row> rows, List<String> keys, Optional<String> latestBy) {
    Column[] partition =
        keys.stream().map(key -> col(Identifiers.quoteColumn(key))).toArray(Column[]::new);
    List<Column> order = new ArrayList<>();
    latestBy.ifPresent(column -> order.add(col(Identifiers.quoteColumn(column)).desc_nulls_last()));
    order.add(col(SEQUENCE).desc());
    WindowSpec window = Window.partitionBy(partition).orderBy(order.toArray(Column[]::new));
    return rows.withColumn(SEQUENCE, monotonically_increasing_id())
        .withColumn(RANK, row_number().over(window))
        .where(col(RANK).equalTo(1))
        .drop(RANK, SEQUENCE);
  }

  /**
   * @param deleting the source marks keys to remove in its {@link #DELETED} column
   */
  private void merge(
      String target,
      Dataset<Row> source,
      List<String> keys,
      Optional<String> latestBy,
      boolean deleting) {
    String view = "movielake_upsert_" + UUID.randomUUID().toString().replace("-", "");
    // The view lives in the rows' own session: a streaming batch runs in a clone of the main one.
    SparkSession session = source.sparkSession();
    source.createOrReplaceTempView(view);
    try {
      // Null-safe equality: a replayed batch with a null key part matches its earlier copy.
      String on = nullSafeMatch(keys);
      String newer =
          latestBy
              .map(
                  column ->
                      " AND (target."
                          + Identifiers.quoteColumn(column)
                          + " IS NULL OR source."
                          + Identifiers.quoteColumn(column)
                          + " >= target."
                          + Identifiers.quoteColumn(column)
                          + ")")
              .orElse("");
      // Named columns, not SET * / INSERT *: a column added to the table later (schema evolution)
      // keeps its values on update and is null on insert instead of failing the merge.
      List<String> columns =
          Arrays.stream(source.columns())
              .filter(column -> !column.equals(DELETED))
              .map(Identifiers::quoteColumn)
              .toList();
      String delete = deleting ? " WHEN MATCHED AND source." + DELETED + " THEN DELETE" : "";
      String insertable = deleting ? " AND NOT source." + DELETED : "";
      String set =
          columns.stream()
              .map(column -> "target." + column + " = source." + column)
              .collect(Collectors.joining(", "));
      String values =
          columns.stream().map(column -> "source." + column).collect(Collectors.joining(", "));
      session.sql(
          "MERGE INTO "
              + target
              + " AS target USING `"
              + view
              + "` AS source ON "
              + on
              + delete
              + " WHEN MATCHED"
              + newer
              + " THEN UPDATE SET "
              + set
              + " WHEN NOT MATCHED"
              + insertable
              + " THEN INSERT ("
              + String.join(", ", columns)
              + ") VALUES ("
              + values
              + ")");
    } finally {
      session.catalog().dropTempView(view);
    }
  }

  /**
   * A MERGE whose every source row is a key to remove, not a DELETE condition: it removes exactly
   * the rows named, whatever was added since.
   */
  private void delete(String target, Dataset<Row> rows, List<String> keys) {
    Column[] keyColumns =
        keys.stream().map(key -> col(Identifiers.quoteColumn(key))).toArray(Column[]::new);
    // One source row per key: a target row matched by two source rows would fail the MERGE.
    merge(
        target,
        rows.select(keyColumns).distinct().withColumn(DELETED, lit(true)),
        keys,
        Optional.empty(),
        true);
  }

  private static String nullSafeMatch(List<String> keys) {
    return keys.stream()
        .map(
            key ->
                "target."
                    + Identifiers.quoteColumn(key)
                    + " <=> source."
                    + Identifiers.quoteColumn(key))
        .collect(Collectors.joining(" AND "));
  }

  private WriteResult result(
      TableName name, WriteOptions options, boolean created, String writeId, int retries) {
    WriteMode mode = options.mode();
    Table table = catalog.loadTable(name);
    Snapshot current = head(table, options.branch());
    long total = current == null ? 0 : summaryLong(current, "total-records");
    if (current != null) {
      for (Snapshot snapshot : SnapshotUtil.ancestorsOf(current.snapshotId(), table::snapshot)) {
        if (writeId.equals(snapshot.summary().get(WRITE_ID))) {
          return new WriteResult(
              name,
              mode,
              created,
              Optional.of(snapshot.snapshotId()),
              summaryLong(snapshot, "added-records"),
              summaryLong(snapshot, "deleted-records"),
              summaryLong(snapshot, "added-data-files"),
              total,
              retries);
        }
      }
    }
    // An empty batch commits nothing.
    return new WriteResult(name, mode, created, Optional.empty(), 0, 0, 0, total, retries);
  }

  /**
   * True when a snapshot of the table's current history carries {@code key=value} in its summary:
   * how a replayed streaming batch learns that its earlier attempt already committed.
   */
  public boolean committed(TableName name, String key, String value) {
    return committed(name, Optional.empty(), key, value);
  }

  /**
   * The same on a branch's history ({@code main} when none); false when there is no such branch.
   */
  public boolean committed(TableName name, Optional<String> branch, String key, String value) {
    if (!catalog.tableExists(name)) {
      return false;
    }
    return committed(catalog.loadTable(name), branch, key, value);
  }

  /** The same on a table already loaded, for a caller that goes on to commit to it. */
  public static boolean committed(Table table, Optional<String> branch, String key, String value) {
    Snapshot head = head(table, branch);
    if (head == null) {
      return false;
    }
    for (Snapshot snapshot : SnapshotUtil.ancestorsOf(head.snapshotId(), table::snapshot)) {
      if (value.equals(snapshot.summary().get(key))) {
        return true;
      }
    }
    return false;
  }

  static long summaryLong(Snapshot snapshot, String key) {
    String value = snapshot.summary().get(key);
    return value == null ? 0 : Long.parseLong(value);
  }

  /** Iceberg's conflict messages list every conflicting file: a log line keeps the reason. */
  private static String headOf(String message) {
    int files = message.indexOf(": [");
    String head = files > 0 ? message.substring(0, files) : message;
    return head.length() > 200 ? head.substring(0, 200) + "..." : head;
  }

  static String rootMessage(Throwable error) {
    Throwable root = error;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
  }
}
