package dev.movielake.stream.silver.clean;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.timestamp_seconds;

import java.util.Arrays;
import java.util.stream.Stream;
import org.apache.spark.sql.Column;

/**
 * The columns that end every silver row: when the winning version was observed, where it came from,
 * and its Kafka position, so a silver row can be traced back to its bronze row.
 */
final class Provenance {
  private Provenance() {}

  /** The given columns followed by the provenance columns. */
  static Column[] withProvenance(Column... cleanedColumns) {
    // ingestion_timestamp is epoch seconds, so the conversion needs no time zone.
    Column observedAt =
        coalesce(timestamp_seconds(col("ingestion_timestamp")), col("kafka_timestamp"));
    return Stream.concat(
            Arrays.stream(cleanedColumns),
            Stream.of(
                observedAt.as("observed_at"),
                col("data_source"),
                col("kafka_partition").as("source_partition"),
                col("kafka_offset").as("source_offset")))
        .toArray(Column[]::new);
  }
}
