package dev.movielake.stream.bronze;

import dev.movielake.lakehouse.IcebergStorageManager;
import dev.movielake.lakehouse.table.Partitioning;
import dev.movielake.model.Layer;
import dev.movielake.model.RecordType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.streaming.DataStreamReader;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * A bronze table's shape: the Kafka coordinates, the raw value, when bronze received it, then every
 * parsed field of the record type. Partitioned by the Kafka timestamp's day, which is when the
 * record was produced.
 */
public final class BronzeTable {
  private BronzeTable() {}

  /** The parsed record's fields, from the record type's DDL. */
  public static StructType recordSchema(RecordType type) {
    return StructType.fromDDL(type.schemaDdl());
  }

  public static StructType schema(RecordType type) {
    List<StructField> fields =
        new ArrayList<>(
            List.of(
                DataTypes.createStructField("kafka_topic", DataTypes.StringType, true),
                DataTypes.createStructField("kafka_partition", DataTypes.IntegerType, true),
                DataTypes.createStructField("kafka_offset", DataTypes.LongType, true),
                DataTypes.createStructField("kafka_key", DataTypes.StringType, true),
                DataTypes.createStructField("kafka_timestamp", DataTypes.TimestampType, true),
                DataTypes.createStructField("raw_value", DataTypes.StringType, true),
                DataTypes.createStructField("bronze_ingested_at", DataTypes.TimestampType, true)));
    fields.addAll(List.of(recordSchema(type).fields()));
    return DataTypes.createStructType(fields);
  }

  /**
   * The table as a stream of its appends, through Iceberg's streaming source; created empty first
   * when missing, so a reader can start before the first record.
   *
   * @param maxRowsPerBatch rows one micro-batch reads at most (whole files: a soft limit)
   */
  public static Dataset<Row> readStream(
      IcebergStorageManager storage, RecordType type, Optional<Long> maxRowsPerBatch) {
    ensure(storage, type);
    DataStreamReader reader =
        storage
            .spark()
            .readStream()
            .format("iceberg")
            // Compaction's replace snapshots are skipped by the source itself; retention deletes in
            // bronze must not stop the readers, which keep the records.
            .option("streaming-skip-delete-snapshots", "true")
            .option("streaming-snapshot-polling-interval-ms", "1000");
    maxRowsPerBatch.ifPresent(limit -> reader.option("streaming-max-rows-per-micro-batch", limit));
    return reader.load(storage.table(Layer.BRONZE, type.bronzeTable().tableName()).qualified());
  }

  /** Creates the empty table when missing, so readers (the silver stream) can start before data. */
  public static void ensure(IcebergStorageManager storage, RecordType type) {
    storage.createTable(
        Layer.BRONZE,
        type.bronzeTable().tableName(),
        storage.spark().createDataFrame(List.<Row>of(), schema(type)),
        Partitioning.of(type.bronzeTable().partitioning()),
        false);
  }
}
