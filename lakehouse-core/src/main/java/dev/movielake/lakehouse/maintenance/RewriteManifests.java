package dev.movielake.lakehouse.maintenance;

import dev.movielake.lakehouse.SparkLakehouseCatalog;
import dev.movielake.lakehouse.TableName;
import java.time.Duration;
import java.util.Map;
import org.apache.spark.sql.Row;

/**
 * Rewrites manifests with Iceberg's {@code rewrite_manifests}, so many small manifests left by
 * frequent commits become few, clustered by partition, and planning reads less metadata.
 */
public final class RewriteManifests {
  public record Result(
      TableName table, long rewrittenManifests, long addedManifests, Duration duration) {}

  private final SparkLakehouseCatalog catalog;
  private final TableName table;

  public RewriteManifests(SparkLakehouseCatalog catalog, TableName table) {
    this.catalog = catalog;
    this.table = table;
  }

  public Result execute() {
    long started = System.nanoTime();
    long rewritten = 0;
    long added = 0;
    if (catalog.loadTable(table).currentSnapshot() != null) {
      for (Row row : Procedures.call(catalog.spark(), table, "rewrite_manifests", Map.of())) {
        rewritten += Procedures.longColumn(row, "rewritten_manifests_count");
        added += Procedures.longColumn(row, "added_manifests_count");
      }
    }
    return new Result(table, rewritten, added, Duration.ofNanos(System.nanoTime() - started));
  }
}
