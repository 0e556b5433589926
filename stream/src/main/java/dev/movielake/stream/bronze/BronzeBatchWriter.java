package dev.movielake.stream.bronze;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.current_timestamp;
import static org.apache.spark.sql.functions.from_json;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.ltrim;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.when;

import dev.movielake.config.Layer;
import dev.movielake.lakehouse.IcebergStorageManager;
import dev.movielake.lakehouse.table.WriteOptions;
import dev.movielake.stream.records.RecordType;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Encoders;
import scala.jdk.javaapi.CollectionConverters;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * Writes one micro-batch of Kafka records into bronze: valid records to {@code <type>_raw} with their
 * Kafka coordinates, the raw value and the parsed fields; anything else to {@code dead_letter} with
 * the original bytes and the reason, so the stream never stops on bad data and nothing is lost.
 *
 * <p>Exactly once: Spark replays a batch whose checkpoint commit was lost; the replay writes only
 * the offsets the table does not hold yet. Each commit carries {@code stream id/batch id} in its
 * snapshot summary, which tells where a row came from.
 */
public final class BronzeBatchWriter implements VoidFunction2<Dataset<Row>, Long> {
  public static final String DEAD_LETTER_TABLE = "dead_letter";
  /** Snapshot summary key marking which stream batch a commit came from. */
  public static final String BATCH_MARK = "movielake.stream.batch";

  private final transient IcebergStorageManager storage;
  private final RecordType type;
  private final String streamId;

  /** @param streamId stable across restarts of one checkpoint, new for a new checkpoint */
  public BronzeBatchWriter(IcebergStorageManager storage, RecordType type, String streamId) {
    this.storage = storage;
    this.type = type;
    this.streamId = streamId;
  }

  @Override
  public void call(Dataset<Row> batch, Long batchId) {
    String mark = streamId + "/" + batchId;
    Dataset<Row> parsed = batch
        .withColumn("raw_value", col("value").cast("string"))
        .withColumn("data", from_json(col("raw_value"), type.schema()))
        .withColumn("error", error())
        .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      Dataset<Row> valid = parsed.where(col("error").isNull()).select(bronzeColumns());
      Dataset<Row> invalid = parsed.where(col("error").isNotNull()).select(
          lit(type.recordType()).as("record_type"), col("topic").as("kafka_topic"),
          col("partition").as("kafka_partition"), col("offset").as("kafka_offset"),
          col("key").cast("string").as("kafka_key"), col("timestamp").as("kafka_timestamp"),
          col("value").as("raw_value"), col("error"), current_timestamp().as("failed_at"));
      write(type.bronzeTable(), valid, mark);
      write(DEAD_LETTER_TABLE, invalid, mark);
    } finally {
      parsed.unpersist();
    }
  }

  private void write(String table, Dataset<Row> rows, String mark) {
    if (rows.isEmpty()) {
      return;
    }
    // Only an attempt of this batch that already committed here can have written its offsets (a
    // batch planned anew after a crash keeps its id), so only then is the lookup needed.
    Dataset<Row> fresh = storage.committed(Layer.BRONZE, table, BATCH_MARK, mark) ? withoutWrittenOffsets(table, rows) : rows;
    if (fresh != rows && fresh.isEmpty()) {
      return; // all written by this batch's earlier attempt
    }
    storage.writeToBronze(fresh, table, WriteOptions.append()
        .partitionedBy(BronzeTable.PARTITIONING)
        .withCommitProperties(Map.of(BATCH_MARK, mark)));
  }

  /**
   * The rows whose Kafka offset is not in the table yet. A batch replayed after a crash may have
   * committed before, and Spark may plan it anew with more offsets (see {@link CheckpointRepair}),
   * so the offsets themselves, not the batch id, decide. The lookup reads only the batch's days and
   * offset range, which Iceberg prunes by partition and column bounds.
   */
  private Dataset<Row> withoutWrittenOffsets(String table, Dataset<Row> rows) {
    if (!storage.catalog().exists(storage.table(Layer.BRONZE, table))) {
      return rows;
    }
    Row range = rows.agg(min("kafka_offset"), max("kafka_offset"), min("kafka_timestamp"), max("kafka_timestamp")).first();
    // Read in the batch's own session, which a streaming query clones from the main one.
    Dataset<Row> written = rows.sparkSession().table(storage.table(Layer.BRONZE, table).qualified())
        .where(col("kafka_topic").isin(rows.select("kafka_topic").distinct().as(Encoders.STRING()).collectAsList().toArray())
            .and(col("kafka_offset").between(range.get(0), range.get(1)))
            .and(col("kafka_timestamp").between(range.get(2), range.get(3))))
        .select("kafka_topic", "kafka_partition", "kafka_offset");
    return rows.join(written, CollectionConverters.asScala(List.of("kafka_topic", "kafka_partition", "kafka_offset")).toSeq(),
        "left_anti");
  }

  /**
   * Why a record cannot go to bronze, or null: not a JSON object (or none with a field of this
   * type), or a key field missing or mistyped. Decided on the one parse bronze keeps anyway.
   */
  private Column error() {
    Column anyField = lit(false);
    for (String field : type.schema().fieldNames()) {
      anyField = anyField.or(col("data.`" + field + "`").isNotNull());
    }
    Column reason = when(not(ltrim(col("raw_value")).startsWith("{")), lit("not a JSON object"))
        .when(col("data").isNull().or(not(anyField)), lit("not a JSON object with a field of a " + type.recordType() + " record"));
    for (String field : type.requiredFields()) {
      reason = reason.when(col("data." + field).isNull(),
          lit("missing or mistyped field " + field + " (" + type.schema().apply(field).dataType().simpleString() + ")"));
    }
    return reason;
  }

  private Column[] bronzeColumns() {
    java.util.List<Column> columns = new java.util.ArrayList<>(java.util.List.of(
        col("topic").as("kafka_topic"), col("partition").as("kafka_partition"), col("offset").as("kafka_offset"),
        col("key").cast("string").as("kafka_key"), col("timestamp").as("kafka_timestamp"), col("raw_value"),
        current_timestamp().as("bronze_ingested_at")));
    for (String field : type.schema().fieldNames()) {
      columns.add(col("data.`" + field + "`").as(field));
    }
    return columns.toArray(Column[]::new);
  }
}
