package dev.movielake.stream.silver.quality;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.max;

import dev.movielake.lakehouse.IcebergStorageManager;
import dev.movielake.lakehouse.table.Partitioning;
import dev.movielake.lakehouse.table.WriteOptions;
import dev.movielake.model.Layer;
import dev.movielake.model.PipelineTable;
import dev.movielake.model.expectation.ExpectationAction;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.iceberg.types.Types;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;

/**
 * The quality table {@code silver.data_quality}: one row per rule per checked batch or refresh,
 * with its pass rate and the overall score of that check, and for a batch expectation what it
 * observed against its bound. Operators, the API and the dashboard read it; a drop in the score is
 * visible per table and over time. It is also the history a batch's size is judged against ({@link
 * #history}).
 */
public final class QualityLog {
  private static final StructType SCHEMA =
      StructType.fromDDL(
          "checked_at TIMESTAMP, layer STRING, table_name STRING, batch STRING, rule STRING,"
              + " dimension STRING, blocking BOOLEAN, checked BIGINT, passed BIGINT, pass_rate"
              + " DOUBLE, overall_score DOUBLE, met BOOLEAN, observed DOUBLE, bound STRING");

  /** The columns batch expectations added; a table logged to before them lacks them. */
  private static final List<String> BATCH_COLUMNS = List.of("met", "observed", "bound");

  private final IcebergStorageManager storage;

  public QualityLog(IcebergStorageManager storage) {
    this.storage = storage;
  }

  /**
   * @param batch what was checked, e.g. a stream's {@code id/batch}; with {@code commitMark} a
   *     replayed batch is not logged twice
   */
  public void record(
      Layer layer,
      String table,
      String batch,
      QualityCheck.Result result,
      Instant checkedAt,
      Map<String, String> commitMark) {
    if (!commitMark.isEmpty()) {
      Map.Entry<String, String> mark = commitMark.entrySet().iterator().next();
      if (storage.committed(
          Layer.SILVER, PipelineTable.DATA_QUALITY.tableName(), mark.getKey(), mark.getValue())) {
        return;
      }
    }
    List<Row> rows = new ArrayList<>();
    double overall = result.overallScore();
    for (QualityCheck.RuleResult rule : result.rules()) {
      rows.add(
          RowFactory.create(
              Timestamp.from(checkedAt),
              layer.name().toLowerCase(Locale.ROOT),
              table,
              batch,
              rule.expectation().name(),
              rule.expectation().dimension().name().toLowerCase(Locale.ROOT),
              // "blocking": the expectation keeps rows or batches out, not only counts them
              rule.expectation().action() != ExpectationAction.WARN,
              rule.checked(),
              rule.passed(),
              rule.passRate(),
              overall,
              rule.met(),
              rule.observed().isPresent() ? rule.observed().getAsDouble() : null,
              rule.bound().isEmpty() ? null : rule.bound()));
    }
    if (rows.isEmpty()) {
      return;
    }
    storage.writeToSilver(
        inColumnsTheTableTakes(storage.spark().createDataFrame(rows, SCHEMA)),
        PipelineTable.DATA_QUALITY.tableName(),
        WriteOptions.append()
            .partitionedBy(Partitioning.of(PipelineTable.DATA_QUALITY.partitioning()))
            .withCommitProperties(commitMark));
  }

  /**
   * The log's rows in the columns the table takes. A table logged to before batch expectations
   * lacks their columns: a write adds them when schema evolution is on, as any write does; with
   * {@code ICEBERG_ENABLE_SCHEMA_EVOLUTION=false} the entries are written without them (the pass
   * rates stay, and a held batch's message still says what was observed) rather than stop the
   * stream on its log.
   */
  private Dataset<Row> inColumnsTheTableTakes(Dataset<Row> log) {
    String table = PipelineTable.DATA_QUALITY.tableName();
    if (storage.config().features().schemaEvolution()
        || !storage.tableExists(Layer.SILVER, table)) {
      return log;
    }
    Set<String> existing =
        storage.columns(Layer.SILVER, table).stream()
            .map(Types.NestedField::name)
            .collect(Collectors.toSet());
    if (existing.containsAll(BATCH_COLUMNS)) {
      return log;
    }
    return log.select(
        Arrays.stream(log.columns())
            .filter(existing::contains)
            .map(column -> col(column))
            .toArray(Column[]::new));
  }

  /**
   * The row counts of a table's batches logged before {@code batch} (a replay of it does not
   * count), newest first. A batch's row count is the largest {@code checked} of its entries: a row
   * expectation checks every row, a batch expectation no more. Read only when asked, so batches too
   * small to be judged never read the log.
   */
  public BatchHistory history(Layer layer, PipelineTable table, String batch) {
    return batches -> {
      String log = PipelineTable.DATA_QUALITY.tableName();
      if (!storage.tableExists(Layer.SILVER, log)) {
        return List.of();
      }
      return storage
          .readFromLayer(Layer.SILVER, log)
          .where(
              col("layer")
                  .equalTo(layer.name().toLowerCase(Locale.ROOT))
                  .and(col("table_name").equalTo(table.tableName()))
                  .and(col("batch").notEqual(batch)))
          .groupBy("batch")
          .agg(max("checked").as("row_count"), max("checked_at").as("at"))
          .orderBy(col("at").desc(), col("batch").desc())
          .limit(batches)
          .collectAsList()
          .stream()
          .map(row -> row.getLong(1))
          .toList();
    };
  }

  /**
   * The latest overall score of each checked table, keyed {@code layer.table}; empty before any
   * check.
   */
  public Map<String, Double> latestScores() {
    if (!storage.tableExists(Layer.SILVER, PipelineTable.DATA_QUALITY.tableName())) {
      return Map.of();
    }
    Map<String, Double> scores = new TreeMap<>();
    storage
        .spark()
        .sql(
            "SELECT layer, table_name, max_by(overall_score, checked_at) AS score FROM "
                + storage.table(Layer.SILVER, PipelineTable.DATA_QUALITY.tableName()).sql()
                + " GROUP BY layer, table_name")
        .collectAsList()
        .forEach(row -> scores.put(row.getString(0) + "." + row.getString(1), row.getDouble(2)));
    return scores;
  }
}
