package dev.movielake.stream.maintenance;

import static dev.movielake.lakehouse.testing.MovieRows.movie;
import static org.assertj.core.api.Assertions.assertThat;

import dev.movielake.lakehouse.IcebergStorageManager;
import dev.movielake.lakehouse.maintenance.service.MaintenanceEntry;
import dev.movielake.lakehouse.maintenance.service.MaintenanceService;
import dev.movielake.lakehouse.table.WriteOptions;
import dev.movielake.lakehouse.testing.MovieRows;
import dev.movielake.lakehouse.testing.SharedSpark;
import dev.movielake.model.Layer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * The service's actions and the tables' health as Prometheus scrapes them from the streaming
 * process, under the names the Grafana dashboard queries.
 */
class MaintenanceMetricsTest {
  private final SparkSession spark = SharedSpark.session();
  private final IcebergStorageManager storage = SharedSpark.storage("maintenance_metrics");

  @Test
  void actionsAndHealthAreScrapedUnderTheDashboardsNames() {
    for (int id = 1; id <= 6; id++) {
      storage.writeToLayer(
          Layer.BRONZE,
          "events",
          MovieRows.of(spark, movie(id, "Movie " + id, "2001-01-01", 5, 0, 1)).coalesce(1),
          WriteOptions.append());
    }
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    MaintenanceService service =
        PipelineMaintenance.service(
            storage,
            Optional.of(Layer.BRONZE),
            new MaintenanceMetrics(registry, storage.catalog()));

    List<MaintenanceEntry> actions = service.check();

    assertThat(actions).hasSize(1);
    String table = storage.table(Layer.BRONZE, "events").toString();
    String scraped = registry.scrape();
    assertThat(scraped)
        .contains(
            "lakehouse_maintenance_actions_total{action=\"compact\",layer=\"bronze\",outcome=\"done\","
                + "table=\""
                + table
                + "\",trigger=\"small_files\"} 1.0")
        .contains("lakehouse_maintenance_action_seconds_count{action=\"compact\"} 1")
        .containsPattern(
            "lakehouse_table_health\\{layer=\"bronze\",table=\"" + table + "\"} (7\\d)\\.0");

    // Read again after the compaction: one file left, the score recovers.
    storage.writeToLayer(
        Layer.BRONZE,
        "events",
        MovieRows.of(spark, movie(7, "Movie 7", "2001-01-01", 5, 0, 1)).coalesce(1),
        WriteOptions.append());
    service.check();
    assertThat(registry.scrape())
        .containsPattern(
            "lakehouse_table_health\\{layer=\"bronze\",table=\"" + table + "\"} (9\\d)\\.0");
  }
}
