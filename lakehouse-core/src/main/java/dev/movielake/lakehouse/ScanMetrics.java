package dev.movielake.lakehouse;

import java.time.Duration;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.sql.execution.adaptive.AdaptiveSparkPlanExec;
import org.apache.spark.sql.execution.adaptive.QueryStageExec;
import org.apache.spark.sql.execution.metric.SQLMetric;
import scala.Option;
import scala.collection.Iterator;

/**
 * Runs a query and reports how many data files its scans actually opened, from the scan nodes' own
 * metrics: Iceberg's {@code resultDataFiles}, or Spark's {@code numFiles} for a plain Parquet
 * folder. This is how pruning is proven, not inferred.
 */
public final class ScanMetrics {
  /**
   * @param rows the query's result rows
   */
  public record Measurement(List<Row> rows, long filesScanned, Duration duration) {}

  private ScanMetrics() {}

  public static Measurement collect(Dataset<Row> query) {
    long started = System.nanoTime();
    List<Row> rows = query.collectAsList();
    Duration duration = Duration.ofNanos(System.nanoTime() - started);
    return new Measurement(rows, filesScanned(query.queryExecution().executedPlan()), duration);
  }

  private static long filesScanned(SparkPlan plan) {
    if (plan instanceof AdaptiveSparkPlanExec adaptive) {
      return filesScanned(adaptive.executedPlan());
    }
    if (plan instanceof QueryStageExec stage) {
      return filesScanned(stage.plan());
    }
    long files = metric(plan, "resultDataFiles") + metric(plan, "numFiles");
    Iterator<SparkPlan> children = plan.children().iterator();
    while (children.hasNext()) {
      files += filesScanned(children.next());
    }
    return files;
  }

  private static long metric(SparkPlan plan, String name) {
    Option<SQLMetric> metric = plan.metrics().get(name);
    return metric.isDefined() ? metric.get().value() : 0;
  }
}
