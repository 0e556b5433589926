package dev.movielake.api.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.movielake.api.testing.FakeLakehouse;
import dev.movielake.lakehouse.table.testing.TableStatisticsBuilder;
import dev.movielake.model.Layer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The table gauges as Prometheus scrapes them, refreshed from the lakehouse view. */
class PipelineMetricsTest {
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

  @Test
  void eachTablesHealthIsAGaugeRefreshedWithTheOtherTableGauges() {
    FakeLakehouse lakehouse = FakeLakehouse.silverAndGoldTables();
    try (PipelineMetrics metrics =
        PipelineMetrics.start(lakehouse, registry, Duration.ofHours(1))) {
      assertThat(registry.scrape())
          .contains("# HELP lakehouse_table_health Health score of each table, 0-100")
          .contains("lakehouse_table_health{layer=\"silver\",table=\"movies_clean\"} 94.0")
          .contains("lakehouse_table_health{layer=\"gold\",table=\"movie_metrics\"} 100.0")
          .contains("lakehouse_table_small_files{layer=\"silver\",table=\"movies_clean\"} 1.0");

      // Fourteen small files in one partition: the whole 40 points of small files.
      lakehouse.table(
          TableStatisticsBuilder.of(Layer.BRONZE, "bronze.movies_raw")
              .currentSnapshot(9, FakeLakehouse.COMMITTED)
              .files(16, 48L * 1024 * 1024)
              .smallFiles(14)
              .snapshots(8)
              .build(),
          List.of());
      metrics.refresh();

      assertThat(registry.scrape())
          .contains("lakehouse_table_health{layer=\"bronze\",table=\"bronze.movies_raw\"} 60.0")
          .contains(
              "lakehouse_table_small_files{layer=\"bronze\",table=\"bronze.movies_raw\"} 14.0")
          .contains("lakehouse_table_health{layer=\"silver\",table=\"movies_clean\"} 94.0");
    }
  }

  @Test
  void aFailingCatalogKeepsTheLastHealth() {
    FakeLakehouse lakehouse = FakeLakehouse.silverAndGoldTables();
    try (PipelineMetrics metrics =
        PipelineMetrics.start(lakehouse, registry, Duration.ofHours(1))) {
      lakehouse.broken(true);
      metrics.refresh();

      assertThat(registry.scrape())
          .contains("lakehouse_table_health{layer=\"silver\",table=\"movies_clean\"} 94.0");
    }
  }
}
