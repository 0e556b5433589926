package dev.movielake.stream.silver;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_contains;
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
    append(rows(type, quarantined, col(QualityCheck.FAILED_RULES), batch), commitMark);
    return count;
  }

  /**
   * Quarantines silver-shaped rows for a reason outside themselves ({@code rule}, e.g. {@link
   * MovieHold#RULE}), skipping the versions already held for it: the same record key at the same
   * Kafka position. So a replayed batch, or two streams holding the same rows, add each version
   * once, whatever their commit marks say.
   *
   * @param rows silver-shaped rows; small (the rows of held movies), they are collected
   * @return the number of rows added
   */
  public long hold(RecordType type, Dataset<Row> rows, String rule, String batch, String mark) {
    Dataset<Row> candidates = rows(type, rows, array(lit(rule)), batch);
    if (storage.tableExists(Layer.SILVER, PipelineTable.QUARANTINE.tableName())) {
      Dataset<Row> alreadyHeld =
          held(type, rule).select("record_key", "source_partition", "source_offset");
      candidates =
          candidates.join(
              alreadyHeld,
              candidates
                  .col("record_key")
                  .eqNullSafe(alreadyHeld.col("record_key"))
                  .and(
                      candidates
                          .col("source_partition")
                          .eqNullSafe(alreadyHeld.col("source_partition")))
                  .and(
                      candidates.col("source_offset").eqNullSafe(alreadyHeld.col("source_offset"))),
              "left_anti");
    }
    List<Row> added = candidates.collectAsList();
    if (!added.isEmpty()) {
      append(storage.spark().createDataFrame(added, SCHEMA), Map.of(mark, batch));
    }
    return added.size();
  }

  /** The quarantined rows of one record type held for {@code rule}, in the table's shape. */
  public Dataset<Row> held(RecordType type, String rule) {
    return held(rule)
        .where(
            col("record_type")
                .equalTo(type.recordType())
                .and(col("table_name").equalTo(type.requireSilverTable().tableName())));
  }

  /** The quarantined rows of every record type held for {@code rule}. */
  public Dataset<Row> held(String rule) {
    if (!storage.tableExists(Layer.SILVER, PipelineTable.QUARANTINE.tableName())) {
      return storage.spark().createDataFrame(List.<Row>of(), SCHEMA);
    }
    return storage
        .readFromLayer(Layer.SILVER, PipelineTable.QUARANTINE.tableName())
        .where(array_contains(col(QualityCheck.FAILED_RULES), rule));
  }

  /** Every row quarantined for a record type, for any reason. */
  public Dataset<Row> quarantined(RecordType type) {
    if (!storage.tableExists(Layer.SILVER, PipelineTable.QUARANTINE.tableName())) {
      return storage.spark().createDataFrame(List.<Row>of(), SCHEMA);
    }
    return storage
        .readFromLayer(Layer.SILVER, PipelineTable.QUARANTINE.tableName())
        .where(col("record_type").equalTo(type.recordType()));
  }

  /**
   * Removes quarantined rows by identity (silver table, record key, Kafka position): how released
   * rows leave the hold once silver has them.
   *
   * @param identities rows with {@code table_name, record_key, source_partition, source_offset}
   */
  public void remove(Dataset<Row> identities, String mark, String batch) {
    storage.writeToSilver(
        identities,
        PipelineTable.QUARANTINE.tableName(),
        WriteOptions.deleteMatching("table_name", "record_key", "source_partition", "source_offset")
            .withCommitProperties(Map.of(mark, batch)));
  }

  /** Silver-shaped rows as quarantine rows: the record whole as JSON, with its failed rules. */
  private static Dataset<Row> rows(
      RecordType type, Dataset<Row> records, Column failedRules, String batch) {
    Column[] record =
        Arrays.stream(records.columns())
            .filter(column -> !column.equals(QualityCheck.FAILED_RULES))
            .map(column -> col("`" + column + "`"))
            .toArray(Column[]::new);
    Dataset<Row> rows =
        records.select(
            lit(type.recordType()).as("record_type"),
            lit(type.requireSilverTable().tableName()).as("table_name"),
            col("`" + type.requireSilverTable().keyColumn() + "`").cast("string").as("record_key"),
            failedRules.as(QualityCheck.FAILED_RULES),
            to_json(struct(record)).as("record"),
            col("source_partition"),
            col("source_offset"),
            lit(batch).as("batch"),
            current_timestamp().as("quarantined_at"));
    return rows.to(SCHEMA);
  }

  private void append(Dataset<Row> rows, Map<String, String> commitMark) {
    storage.writeToSilver(
        rows,
        PipelineTable.QUARANTINE.tableName(),
        WriteOptions.append()
            .partitionedBy(Partitioning.of(PipelineTable.QUARANTINE.partitioning()))
            .withCommitProperties(commitMark));
  }
}
