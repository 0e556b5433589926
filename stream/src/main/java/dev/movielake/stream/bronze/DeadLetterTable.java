package dev.movielake.stream.bronze;

import dev.movielake.lakehouse.IcebergStorageManager;
import dev.movielake.lakehouse.table.Partitioning;
import dev.movielake.model.Layer;
import dev.movielake.model.PipelineTable;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * {@code bronze.dead_letter}'s shape, declared once: the pipeline creates the table empty from it
 * when it starts (so queries, monitors and the API find the table before the first bad record), and
 * {@link BronzeBatchWriter} conforms every row it writes to it ({@code Dataset.to}: the column
 * order and types, failing on a missing or mistyped column), so the create and the writes agree.
 */
public final class DeadLetterTable {
  /**
   * The record type, the Kafka coordinates, the original bytes (they may not even be text), why the
   * record was refused and when.
   */
  public static final StructType SCHEMA =
      StructType.fromDDL(
          "record_type STRING, kafka_topic STRING, kafka_partition INT, kafka_offset BIGINT,"
              + " kafka_key STRING, kafka_timestamp TIMESTAMP, raw_value BINARY, error STRING,"
              + " failed_at TIMESTAMP");

  private DeadLetterTable() {}

  /**
   * Creates the empty table with the catalogue's partitioning unless it exists; safe when several
   * streams or processes start at once.
   */
  public static void ensure(IcebergStorageManager storage) {
    storage.createTable(
        Layer.BRONZE,
        PipelineTable.DEAD_LETTER.tableName(),
        storage.spark().createDataFrame(List.<Row>of(), SCHEMA),
        Partitioning.of(PipelineTable.DEAD_LETTER.partitioning()),
        false);
  }
}
