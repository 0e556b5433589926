package dev.movielake.stream.silver.quality;

import dev.movielake.lakehouse.IcebergStorageManager;
import dev.movielake.lakehouse.table.Partitioning;
import dev.movielake.lakehouse.table.WriteOptions;
import dev.movielake.model.Layer;
import dev.movielake.model.PipelineTable;
import dev.movielake.model.expectation.ExpectationAction;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;

/**
 * The quality table {@code silver.data_quality}: one row per rule per checked batch or refresh,
 * with its pass rate and the overall score of that check. Operators, the API and the dashboard read
 * it; a drop in the score is visible per table and over time.
 */
public final class QualityLog {
  private static final StructType SCHEMA =
      StructType.fromDDL(
          "checked_at TIMESTAMP, layer STRING, table_name STRING, batch STRING, rule STRING,"
              + " dimension STRING, blocking BOOLEAN, checked BIGINT, passed BIGINT, pass_rate"
              + " DOUBLE, overall_score DOUBLE");

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
              overall));
    }
    if (rows.isEmpty()) {
      return;
    }
    storage.writeToSilver(
        storage.spark().createDataFrame(rows, SCHEMA),
        PipelineTable.DATA_QUALITY.tableName(),
        WriteOptions.append()
            .partitionedBy(Partitioning.of(PipelineTable.DATA_QUALITY.partitioning()))
            .withCommitProperties(commitMark));
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
