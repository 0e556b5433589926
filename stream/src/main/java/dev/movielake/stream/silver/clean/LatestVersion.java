package dev.movielake.stream.silver.clean;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.row_number;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * Keeps one bronze row per natural key: the one ingested last. Versions ingested in the same second
 * are told apart by their Kafka position, so the choice never depends on row order.
 */
final class LatestVersion {
  private static final String RANK = "latest_version_rank";

  private LatestVersion() {}

  static Dataset<Row> perKey(Dataset<Row> bronzeRows, Column key) {
    // A version without ingestion timestamp loses to any version that has one.
    Column[] newestFirst = {
      col("ingestion_timestamp").desc_nulls_last(),
      col("kafka_partition").desc(),
      col("kafka_offset").desc()
    };
    return bronzeRows
        .withColumn(RANK, row_number().over(Window.partitionBy(key).orderBy(newestFirst)))
        .where(col(RANK).equalTo(1))
        .drop(RANK);
  }
}
