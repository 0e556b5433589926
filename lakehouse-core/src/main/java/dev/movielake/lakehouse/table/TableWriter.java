package dev.movielake.lakehouse.table;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.monotonically_increasing_id;
import static org.apache.spark.sql.functions.row_number;

import dev.movielake.config.LayerTableProperties;
import dev.movielake.lakehouse.Identifiers;
import dev.movielake.lakehouse.LakehouseException;
import dev.movielake.lakehouse.SparkLakehouseCatalog;
import dev.movielake.lakehouse.TableName;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.exceptions.AlreadyExistsException;
import org.apache.iceberg.exceptions.ValidationException;
import org.apache.iceberg.spark.CommitMetadata;
import org.apache.iceberg.spark.SparkSchemaUtil;
import org.apache.iceberg.util.SnapshotUtil;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.StructType;

/**
 * Writes Datasets into layer tables: append, dynamic partition overwrite, or upsert by key. A write
 * either commits one snapshot or leaves the table at its last good snapshot.
 */
public final class TableWriter {
  /** Snapshot summary key that lets a write find its own snapshot among concurrent ones. */
  public static final String WRITE_ID = "movielake.write-id";

  public static final String WRITE_MODE = "movielake.write-mode";

  private static final String SEQUENCE = "__movielake_sequence";
  private static final String RANK = "__movielake_rank";

  private final SparkLakehouseCatalog catalog;

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

  public WriteResult write(TableName table, Dataset<Row> rows, WriteOptions options) {
    boolean created =
        create(table, rows.schema(), options.partitioning(), false, options.tableProperties());
    if (!created) {
      prepareExistingTable(table, rows, options);
    }
    String writeId = UUID.randomUUID().toString();
    Map<String, String> commitProperties = new HashMap<>(options.commitProperties());
    commitProperties.put(WRITE_ID, writeId);
    commitProperties.put(WRITE_MODE, options.mode().name().toLowerCase(Locale.ROOT));
    try {
      CommitMetadata.withCommitProperties(
          commitProperties,
          () -> {
            switch (options.mode()) {
              case APPEND -> rows.writeTo(table.qualified()).append();
              case OVERWRITE -> rows.writeTo(table.qualified()).overwritePartitions();
              case REPLACE ->
                  rows.writeTo(table.qualified())
                      .overwrite(org.apache.spark.sql.functions.lit(true));
              case UPSERT -> {
                Dataset<Row> latest = latestPerKey(rows, options.mergeKeys(), options.latestBy());
                if (created) {
                  latest.writeTo(table.qualified()).append(); // nothing to match yet
                } else {
                  merge(table, latest, options.mergeKeys(), options.latestBy());
                }
              }
            }
            return null;
          },
          Exception.class);
    } catch (LakehouseException e) {
      throw e;
    } catch (Exception e) {
      throw new LakehouseException(
          options.mode().name().toLowerCase(Locale.ROOT)
              + " into "
              + table
              + " failed; the table stays at its last committed snapshot: "
              + rootMessage(e),
          e);
    }
    return result(table, options.mode(), created, writeId);
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

  private void merge(
      TableName table, Dataset<Row> source, List<String> keys, Optional<String> latestBy) {
    String view = "movielake_upsert_" + UUID.randomUUID().toString().replace("-", "");
    // The view lives in the rows' own session: a streaming batch runs in a clone of the main one.
    SparkSession session = source.sparkSession();
    source.createOrReplaceTempView(view);
    try {
      // Null-safe equality: a replayed batch with a null key part matches its earlier copy.
      String on =
          keys.stream()
              .map(
                  key ->
                      "target."
                          + Identifiers.quoteColumn(key)
                          + " <=> source."
                          + Identifiers.quoteColumn(key))
              .collect(Collectors.joining(" AND "));
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
      List<String> columns = Arrays.stream(source.columns()).map(Identifiers::quoteColumn).toList();
      String set =
          columns.stream()
              .map(column -> "target." + column + " = source." + column)
              .collect(Collectors.joining(", "));
      String values =
          columns.stream().map(column -> "source." + column).collect(Collectors.joining(", "));
      session.sql(
          "MERGE INTO "
              + table.sql()
              + " AS target USING `"
              + view
              + "` AS source ON "
              + on
              + " WHEN MATCHED"
              + newer
              + " THEN UPDATE SET "
              + set
              + " WHEN NOT MATCHED THEN INSERT ("
              + String.join(", ", columns)
              + ") VALUES ("
              + values
              + ")");
    } finally {
      session.catalog().dropTempView(view);
    }
  }

  private WriteResult result(TableName name, WriteMode mode, boolean created, String writeId) {
    Table table = catalog.loadTable(name);
    Snapshot current = table.currentSnapshot();
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
              total);
        }
      }
    }
    // An empty batch commits nothing.
    return new WriteResult(name, mode, created, Optional.empty(), 0, 0, 0, total);
  }

  /**
   * True when a snapshot of the table's current history carries {@code key=value} in its summary:
   * how a replayed streaming batch learns that its earlier attempt already committed.
   */
  public boolean committed(TableName name, String key, String value) {
    if (!catalog.tableExists(name)) {
      return false;
    }
    Table table = catalog.loadTable(name);
    if (table.currentSnapshot() == null) {
      return false;
    }
    for (Snapshot snapshot :
        SnapshotUtil.ancestorsOf(table.currentSnapshot().snapshotId(), table::snapshot)) {
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

  static String rootMessage(Throwable error) {
    Throwable root = error;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
  }
}
