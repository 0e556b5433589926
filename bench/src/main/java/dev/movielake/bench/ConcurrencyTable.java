package dev.movielake.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;

import dev.movielake.lakehouse.IcebergStorageManager;
import dev.movielake.lakehouse.table.Partitioning;
import dev.movielake.lakehouse.table.WriteOptions;
import dev.movielake.model.Layer;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The one table the concurrency benchmark's writers share: a silver table (upserts are silver's
 * write) partitioned by the kind of writer, so the overwriter's partition is its own.
 */
final class ConcurrencyTable {
  static final Layer LAYER = Layer.SILVER;
  static final String NAME = "concurrent_writes";
  static final String KEY = "id";
  static final String VERSION = "version";
  private static final String PARTITION = "part";

  private ConcurrencyTable() {}

  /** The rows a data writer writes in one round: its keys, the round as version, a payload. */
  static Dataset<Row> rows(
      SparkSession spark, ConcurrencyPlan.Writer writer, ConcurrencyPlan.KeyRange keys) {
    String label = writer.name() + " version " + keys.version() + " row ";
    return spark
        .range(keys.first(), keys.first() + keys.count(), 1, 1)
        .select(
            col("id").as(KEY),
            lit(writer.name()).as("writer"),
            lit(keys.version()).as(VERSION),
            lit(writer.kind().partition()).as(PARTITION),
            concat(lit(label), col("id").cast("string")).as("payload"));
  }

  /** Append, upsert by key, or dynamic overwrite of the writer's partition. */
  static WriteOptions options(ConcurrencyPlan.Kind kind) {
    WriteOptions options =
        switch (kind) {
          case APPEND -> WriteOptions.append();
          case UPSERT -> WriteOptions.upsert(KEY);
          case OVERWRITE -> WriteOptions.overwrite();
          case COMPACT -> throw new IllegalArgumentException("the compactor writes no rows");
        };
    return options.partitionedBy(PARTITION);
  }

  /**
   * Creates the empty table before the writers start, so none of them creates it (an upsert into a
   * table it created would append instead of merging).
   */
  static void create(IcebergStorageManager storage, ConcurrencyPlan plan) {
    ConcurrencyPlan.Writer first = plan.writers().get(0);
    Dataset<Row> schema = rows(storage.spark(), first, plan.keys(first, 1)).limit(0);
    storage.createTable(LAYER, NAME, schema, Partitioning.of(PARTITION), false);
  }

  /** Every row of the table: its key and version. */
  static List<ConcurrencyPlan.StoredRow> read(IcebergStorageManager storage) {
    return storage.readFromLayer(LAYER, NAME).select(KEY, VERSION).collectAsList().stream()
        .map(row -> new ConcurrencyPlan.StoredRow(row.getLong(0), row.getInt(1)))
        .toList();
  }
}
