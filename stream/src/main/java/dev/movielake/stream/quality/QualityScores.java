package dev.movielake.stream.quality;

import dev.movielake.lakehouse.IcebergStorageManager;
import dev.movielake.lakehouse.table.Partitioning;
import dev.movielake.lakehouse.table.WriteOptions;
import dev.movielake.model.Layer;
import dev.movielake.model.PipelineTable;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The table {@code silver.quality_scores}: one row per checked table per monitor run ({@code scope
 * = 'table'}) and one for the run's overall score ({@code scope = 'overall'}, its {@code layer} the
 * checked layers, no table name). The monitor reads back each table's last row count from it for
 * the volume check; the API and dashboard show it once published.
 */
public final class QualityScores {
  public static final String TABLE_SCOPE = "table";
  public static final String OVERALL_SCOPE = "overall";
  static final StructType SCHEMA =
      StructType.fromDDL(
          "run_id STRING, checked_at TIMESTAMP, scope STRING, layer STRING, table_name STRING,"
              + " `rows` BIGINT, score DOUBLE, level STRING, schema_score DOUBLE, freshness_score"
              + " DOUBLE, volume_score DOUBLE, completeness_score DOUBLE, validity_score DOUBLE,"
              + " failures ARRAY<STRING>");

  private final IcebergStorageManager storage;

  public QualityScores(IcebergStorageManager storage) {
    this.storage = storage;
  }

  public void record(QualityReport report) {
    Timestamp checkedAt = Timestamp.from(report.checkedAt());
    List<Row> rows = new ArrayList<>();
    for (QualityReport.TableScore table : report.tables()) {
      rows.add(
          row(
              report.runId(),
              checkedAt,
              TABLE_SCOPE,
              table.layer().id(),
              table.table(),
              table.rows(),
              table.score(),
              table.level(),
              table.dimensions(),
              table.failures()));
    }
    List<String> failures =
        report.tables().stream()
            .flatMap(
                table -> table.failures().stream().map(failure -> table.name() + " " + failure))
            .toList();
    rows.add(
        row(
            report.runId(),
            checkedAt,
            OVERALL_SCOPE,
            report.layers().stream().map(Layer::id).collect(Collectors.joining(",")),
            null,
            report.rows(),
            report.overallScore(),
            report.overallLevel(),
            report.overallDimensions(),
            failures));
    storage.writeToSilver(
        storage.spark().createDataFrame(rows, SCHEMA),
        PipelineTable.QUALITY_SCORES.tableName(),
        WriteOptions.append()
            .partitionedBy(Partitioning.of(PipelineTable.QUALITY_SCORES.partitioning())));
  }

  /**
   * Each table's row count at its latest check, keyed {@code layer.table}; empty before the first
   * run.
   */
  public Map<String, Long> previousRows() {
    if (!storage.tableExists(Layer.SILVER, PipelineTable.QUALITY_SCORES.tableName())) {
      return Map.of();
    }
    Map<String, Long> rows = new TreeMap<>();
    storage
        .spark()
        .sql(
            "SELECT layer, table_name, max_by(`rows`, checked_at) FROM "
                + storage.table(Layer.SILVER, PipelineTable.QUALITY_SCORES.tableName()).sql()
                + " WHERE scope = '"
                + TABLE_SCOPE
                + "' GROUP BY layer, table_name")
        .collectAsList()
        .forEach(row -> rows.put(row.getString(0) + "." + row.getString(1), row.getLong(2)));
    return rows;
  }

  private static Row row(
      String runId,
      Timestamp checkedAt,
      String scope,
      String layer,
      String table,
      long rows,
      double score,
      QualityLevel level,
      QualityReport.DimensionScores dimensions,
      List<String> failures) {
    return RowFactory.create(
        runId,
        checkedAt,
        scope,
        layer,
        table,
        rows,
        score,
        level.toString(),
        dimensions.schema(),
        dimensions.freshness(),
        dimensions.volume(),
        dimensions.completeness().orElse(null),
        dimensions.validity().orElse(null),
        CollectionConverters.asScala(failures).toSeq());
  }
}
