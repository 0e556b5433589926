package dev.movielake.stream.silver.clean;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.from_json;

import dev.movielake.model.RecordType;
import dev.movielake.stream.bronze.BronzeTable;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * Rows shaped like {@code bronze.<type>_raw}, built from JSON messages the way the bronze writer
 * parses them. Spark's JSON reader accepts single quotes, so tests write them to stay readable.
 */
public final class BronzeRows {
  /** The Kafka timestamp of every message: what observed_at falls back to. */
  public static final Instant KAFKA_TIMESTAMP = Instant.parse("2024-03-01T12:00:00Z");

  private static final StructType KAFKA_COLUMNS =
      StructType.fromDDL(
          "kafka_topic STRING, kafka_partition INT, kafka_offset BIGINT, kafka_key STRING, "
              + "kafka_timestamp TIMESTAMP, raw_value STRING, bronze_ingested_at TIMESTAMP");

  public record Message(int partition, long offset, String json) {}

  private BronzeRows() {}

  public static Message message(int partition, long offset, String json) {
    return new Message(partition, offset, json);
  }

  public static Dataset<Row> of(SparkSession spark, RecordType type, List<Message> messages) {
    List<Row> rows = new ArrayList<>();
    for (Message message : messages) {
      rows.add(
          RowFactory.create(
              type.recordType(),
              message.partition(),
              message.offset(),
              null,
              Timestamp.from(KAFKA_TIMESTAMP),
              message.json(),
              Timestamp.from(KAFKA_TIMESTAMP)));
    }
    List<Column> columns = new ArrayList<>();
    for (String name : KAFKA_COLUMNS.fieldNames()) {
      columns.add(col(name));
    }
    for (String field : BronzeTable.recordSchema(type).fieldNames()) {
      columns.add(col("data.`" + field + "`").as(field));
    }
    return spark
        .createDataFrame(rows, KAFKA_COLUMNS)
        .withColumn("data", from_json(col("raw_value"), BronzeTable.recordSchema(type)))
        .select(columns.toArray(Column[]::new));
  }
}
