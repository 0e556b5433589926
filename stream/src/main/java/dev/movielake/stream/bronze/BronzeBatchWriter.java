package dev.movielake.stream.bronze;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.current_timestamp;
import static org.apache.spark.sql.functions.from_json;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.ltrim;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import dev.movielake.lakehouse.IcebergStorageManager;
import dev.movielake.lakehouse.table.Partitioning;
import dev.movielake.lakehouse.table.WriteOptions;
import dev.movielake.model.Layer;
import dev.movielake.model.PipelineTable;
import dev.movielake.model.RecordType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Observation;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.LoggerFactory;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Writes one micro-batch of Kafka records into bronze: valid records to {@code <type>_raw} with
 * their Kafka coordinates, the raw value and the parsed fields; anything else to {@code
 * dead_letter} with the original bytes and the reason, so the stream never stops on bad data and
 * nothing is lost.
 *
 * <p>Exactly once: Spark replays a batch whose checkpoint commit was lost; the replay writes only
 * the offsets the table does not hold yet. Each commit carries {@code stream id/batch id} in its
 * snapshot summary, which tells where a row came from.
 */
public final class BronzeBatchWriter implements VoidFunction2<Dataset<Row>, Long> {
  /** Snapshot summary key marking which stream batch a commit came from. */
  public static final String BATCH_MARK = "movielake.stream.batch";

  /** Spark reports observed metrics when the write's query ends; this only bounds a lost report. */
  private static final long OBSERVATION_TIMEOUT_SECONDS = 30;

  private final transient IcebergStorageManager storage;
  private final RecordType type;
  private final String streamId;

  /**
   * @param streamId stable across restarts of one checkpoint, new for a new checkpoint
   */
  public BronzeBatchWriter(IcebergStorageManager storage, RecordType type, String streamId) {
    this.storage = storage;
    this.type = type;
    this.streamId = streamId;
  }

  @Override
  public void call(Dataset<Row> batch, Long batchId) {
    String mark = streamId + "/" + batchId;
    Dataset<Row> parsed =
        batch
            .withColumn("raw_value", col("value").cast("string"))
            .withColumn("data", from_json(col("raw_value"), BronzeTable.recordSchema(type)))
            .withColumn("error", error());
    if (storage.committed(Layer.BRONZE, type.bronzeTable().tableName(), BATCH_MARK, mark)
        || storage.committed(
            Layer.BRONZE, PipelineTable.DEAD_LETTER.tableName(), BATCH_MARK, mark)) {
      replay(parsed, mark);
      return;
    }
    // The usual case in one pass over the batch, as a plain file sink would do it: the valid rows
    // are written while the bad ones are counted; only a batch with bad records is read again.
    Observation observation = new Observation("bronze-" + type + "-" + batchId);
    Dataset<Row> observed =
        parsed.observe(
            observation, sum(when(col("error").isNotNull(), 1).otherwise(0)).as("invalid"));
    append(type.bronzeTable(), observed.where(col("error").isNull()).select(bronzeColumns()), mark);
    if (invalidRecords(observation) != 0) {
      append(PipelineTable.DEAD_LETTER, deadLetters(parsed), mark);
    }
  }

  /**
   * The bad records the write counted; -1 (read the batch again) if Spark did not report in time.
   */
  private static long invalidRecords(Observation observation) {
    try {
      Object invalid =
          CompletableFuture.supplyAsync(
                  () -> {
                    try {
                      return observation.getAsJava().get("invalid");
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                      throw new IllegalStateException(
                          "interrupted while waiting for the count", e); // counted as unknown
                    }
                  })
              .get(OBSERVATION_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      return invalid == null ? 0 : ((Number) invalid).longValue(); // a sum over no rows is null
    } catch (TimeoutException | ExecutionException e) {
      LoggerFactory.getLogger(BronzeBatchWriter.class)
          .warn(
              "the count of bad records was not reported in time; the batch is read again for"
                  + " them");
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  /** An attempt of this batch committed before: each table gets only the offsets it lacks. */
  private void replay(Dataset<Row> parsed, String mark) {
    Dataset<Row> cached = parsed.persist(StorageLevel.MEMORY_AND_DISK());
    try {
      write(type.bronzeTable(), cached.where(col("error").isNull()).select(bronzeColumns()), mark);
      write(PipelineTable.DEAD_LETTER, deadLetters(cached), mark);
    } finally {
      cached.unpersist();
    }
  }

  private Dataset<Row> deadLetters(Dataset<Row> parsed) {
    return parsed
        .where(col("error").isNotNull())
        .select(
            lit(type.recordType()).as("record_type"),
            col("topic").as("kafka_topic"),
            col("partition").as("kafka_partition"),
            col("offset").as("kafka_offset"),
            col("key").cast("string").as("kafka_key"),
            col("timestamp").as("kafka_timestamp"),
            col("value").as("raw_value"),
            col("error"),
            current_timestamp().as("failed_at"))
        .to(DeadLetterTable.SCHEMA);
  }

  /**
   * Appends without looking first: an empty Dataset commits nothing. A batch is read in one task
   * per Kafka partition, and each task writes a file per bronze partition: merged into as many
   * tasks as the cluster runs at once (no shuffle; fewer only when the topic has more partitions
   * than the cluster has cores), a micro-batch leaves fewer small files for maintenance, at no loss
   * of parallelism.
   */
  private void append(PipelineTable table, Dataset<Row> rows, String mark) {
    int slots = Math.max(1, rows.sparkSession().sparkContext().defaultParallelism());
    storage.writeToBronze(
        rows.coalesce(slots),
        table.tableName(),
        WriteOptions.append()
            .partitionedBy(Partitioning.of(table.partitioning()))
            .withCommitProperties(Map.of(BATCH_MARK, mark)));
  }

  private void write(PipelineTable table, Dataset<Row> rows, String mark) {
    if (rows.isEmpty()) {
      return;
    }
    // Only an attempt of this batch that already committed here can have written its offsets (a
    // batch planned anew after a crash keeps its id), so only then is the lookup needed.
    Dataset<Row> fresh =
        storage.committed(Layer.BRONZE, table.tableName(), BATCH_MARK, mark)
            ? withoutWrittenOffsets(table, rows)
            : rows;
    if (fresh != rows && fresh.isEmpty()) {
      return; // all written by this batch's earlier attempt
    }
    append(table, fresh, mark);
  }

  /**
   * The rows whose Kafka offset is not in the table yet. A batch replayed after a crash may have
   * committed before, and Spark may plan it anew with more offsets (see {@link CheckpointRepair}),
   * so the offsets themselves, not the batch id, decide. The lookup reads only the batch's days and
   * offset range, which Iceberg prunes by partition and column bounds.
   */
  private Dataset<Row> withoutWrittenOffsets(PipelineTable table, Dataset<Row> rows) {
    if (!storage.tableExists(Layer.BRONZE, table.tableName())) {
      return rows;
    }
    Row range =
        rows.agg(
                min("kafka_offset"),
                max("kafka_offset"),
                min("kafka_timestamp"),
                max("kafka_timestamp"))
            .first();
    // Read in the batch's own session, which a streaming query clones from the main one.
    Dataset<Row> written =
        rows.sparkSession()
            .table(storage.table(Layer.BRONZE, table.tableName()).qualified())
            .where(
                col("kafka_topic")
                    .isin(
                        rows.select("kafka_topic")
                            .distinct()
                            .as(Encoders.STRING())
                            .collectAsList()
                            .toArray())
                    .and(col("kafka_offset").between(range.get(0), range.get(1)))
                    .and(col("kafka_timestamp").between(range.get(2), range.get(3))))
            .select("kafka_topic", "kafka_partition", "kafka_offset");
    return rows.join(
        written,
        CollectionConverters.asScala(List.of("kafka_topic", "kafka_partition", "kafka_offset"))
            .toSeq(),
        "left_anti");
  }

  /**
   * Why a record cannot go to bronze, or null: not a JSON object (or none with a field of this
   * type), or a key field missing or mistyped. Decided on the one parse bronze keeps anyway.
   */
  private Column error() {
    Column anyField = lit(false);
    for (String field : BronzeTable.recordSchema(type).fieldNames()) {
      anyField = anyField.or(col("data.`" + field + "`").isNotNull());
    }
    Column reason =
        when(not(ltrim(col("raw_value")).startsWith("{")), lit("not a JSON object"))
            .when(
                col("data").isNull().or(not(anyField)),
                lit("not a JSON object with a field of a " + type.recordType() + " record"));
    for (String field : type.requiredFields()) {
      reason =
          reason.when(
              col("data." + field).isNull(),
              lit(
                  "missing or mistyped field "
                      + field
                      + " ("
                      + BronzeTable.recordSchema(type).apply(field).dataType().simpleString()
                      + ")"));
    }
    return reason;
  }

  private Column[] bronzeColumns() {
    List<Column> columns =
        new ArrayList<>(
            List.of(
                col("topic").as("kafka_topic"),
                col("partition").as("kafka_partition"),
                col("offset").as("kafka_offset"),
                col("key").cast("string").as("kafka_key"),
                col("timestamp").as("kafka_timestamp"),
                col("raw_value"),
                current_timestamp().as("bronze_ingested_at")));
    for (String field : BronzeTable.recordSchema(type).fieldNames()) {
      columns.add(col("data.`" + field + "`").as(field));
    }
    return columns.toArray(Column[]::new);
  }
}
