package dev.movielake.stream.silver;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.current_timestamp;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;

import dev.movielake.config.Layer;
import dev.movielake.lakehouse.IcebergStorageManager;
import dev.movielake.lakehouse.table.WriteOptions;
import dev.movielake.stream.silver.quality.QualityCheck;
import java.util.Arrays;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * {@code silver.quarantine}: cleaned records that failed a blocking quality rule, kept whole (as
 * JSON) with the rules they failed and where they came from, so nothing is silently dropped and a
 * fixed record can be replayed.
 */
public final class Quarantine {
  public static final String TABLE = "quarantine";

  private final IcebergStorageManager storage;

  public Quarantine(IcebergStorageManager storage) {
    this.storage = storage;
  }

  /** @return the number of records quarantined */
  public long write(SilverTable table, Dataset<Row> quarantined, String batch, Map<String, String> commitMark) {
    long count = quarantined.count();
    if (count == 0 || storage.committed(Layer.SILVER, TABLE, commitMark.keySet().iterator().next(),
        commitMark.values().iterator().next())) {
      return count;
    }
    Column[] record = Arrays.stream(quarantined.columns())
        .filter(column -> !column.equals(QualityCheck.FAILED_RULES))
        .map(column -> col("`" + column + "`"))
        .toArray(Column[]::new);
    Dataset<Row> rows = quarantined.select(
        lit(table.recordType().recordType()).as("record_type"),
        lit(table.table()).as("table_name"),
        col("`" + table.key() + "`").cast("string").as("record_key"),
        col(QualityCheck.FAILED_RULES),
        to_json(struct(record)).as("record"),
        col("source_partition"), col("source_offset"),
        lit(batch).as("batch"),
        current_timestamp().as("quarantined_at"));
    storage.writeToSilver(rows, TABLE, WriteOptions.append()
        .partitionedBy("record_type", "months(quarantined_at)")
        .withCommitProperties(commitMark));
    return count;
  }
}
