package dev.movielake.stream.silver;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.current_timestamp;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;

import dev.movielake.lakehouse.IcebergStorageManager;
import dev.movielake.lakehouse.table.Partitioning;
import dev.movielake.lakehouse.table.WriteOptions;
import dev.movielake.model.Layer;
import dev.movielake.model.PipelineTable;
import dev.movielake.model.RecordType;
import dev.movielake.stream.silver.quality.QualityCheck;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * {@code silver.quarantine}: cleaned records that failed a blocking quality rule, kept whole (as
 * JSON) with the rules they failed and where they came from, so nothing is silently dropped and a
 * fixed record can be replayed.
 */
public final class Quarantine {
  /**
   * The table's shape, declared once: the pipeline creates the table empty from it when it starts
   * (so queries, monitors and the API find it before the first quarantined record), and every write
   * is conformed to it, so the create and the writes agree.
   */
  public static final StructType SCHEMA =
      StructType.fromDDL(
          "record_type STRING, table_name STRING, record_key STRING, failed_rules ARRAY<STRING>,"
              + " record STRING, source_partition INT, source_offset BIGINT, batch STRING,"
              + " quarantined_at TIMESTAMP");

  private final IcebergStorageManager storage;

  public Quarantine(IcebergStorageManager storage) {
    this.storage = storage;
  }

  /**
   * Creates the empty table with the catalogue's partitioning unless it exists; safe when several
   * streams or processes start at once.
   */
  public void ensureTable() {
    storage.createTable(
        Layer.SILVER,
        PipelineTable.QUARANTINE.tableName(),
        storage.spark().createDataFrame(List.<Row>of(), SCHEMA),
        Partitioning.of(PipelineTable.QUARANTINE.partitioning()),
        false);
  }

  /**
   * @return the number of records quarantined
   */
  public long write(
      RecordType type, Dataset<Row> quarantined, String batch, Map<String, String> commitMark) {
    long count = quarantined.count();
    if (count == 0
        || storage.committed(
            Layer.SILVER,
            PipelineTable.QUARANTINE.tableName(),
            commitMark.keySet().iterator().next(),
            commitMark.values().iterator().next())) {
      return count;
    }
    Column[] record =
        Arrays.stream(quarantined.columns())
            .filter(column -> !column.equals(QualityCheck.FAILED_RULES))
            .map(column -> col("`" + column + "`"))
            .toArray(Column[]::new);
    Dataset<Row> rows =
        quarantined.select(
            lit(type.recordType()).as("record_type"),
            lit(type.requireSilverTable().tableName()).as("table_name"),
            col("`" + type.requireSilverTable().keyColumn() + "`").cast("string").as("record_key"),
            col(QualityCheck.FAILED_RULES),
            to_json(struct(record)).as("record"),
            col("source_partition"),
            col("source_offset"),
            lit(batch).as("batch"),
            current_timestamp().as("quarantined_at"));
    rows = rows.to(SCHEMA);
    storage.writeToSilver(
        rows,
        PipelineTable.QUARANTINE.tableName(),
        WriteOptions.append()
            .partitionedBy(Partitioning.of(PipelineTable.QUARANTINE.partitioning()))
            .withCommitProperties(commitMark));
    return count;
  }
}
