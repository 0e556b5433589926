package dev.movielake.app.serve;

import dev.movielake.api.ApiServer;
import dev.movielake.api.lakehouse.IcebergLakehouseView;
import dev.movielake.api.lakehouse.LakehouseView;
import dev.movielake.api.metrics.PipelineMetrics;
import dev.movielake.config.LakehouseConfig;
import dev.movielake.config.ServeConfig;
import dev.movielake.ops.wiring.ServingDatabase;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.PrintWriter;
import java.time.Duration;

/**
 * The API with what it serves: the API server, its metrics registry with the pipeline's gauges, and
 * the lakehouse view, over a serving database the caller owns. The {@code serve} command and the
 * demo start it the same way.
 */
public final class ServingStack implements AutoCloseable {
  private final ApiServer api;
  private final PipelineMetrics metrics;

  private ServingStack(ApiServer api, PipelineMetrics metrics) {
    this.api = api;
    this.metrics = metrics;
  }

  public static ServingStack start(
      LakehouseConfig lakehouse, ServeConfig config, ServingDatabase database) {
    LakehouseView view = IcebergLakehouseView.of(lakehouse);
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    PipelineMetrics metrics = PipelineMetrics.start(view, registry, Duration.ofSeconds(30));
    try {
      return new ServingStack(
          ApiServer.start(config, database.database(), view, registry), metrics);
    } catch (RuntimeException e) {
      metrics.close();
      throw e;
    }
  }

  public ApiServer api() {
    return api;
  }

  /** The dashboard's address, with a host a browser can open. */
  public String dashboardUrl() {
    return api.url().replace("://0.0.0.0:", "://127.0.0.1:") + "/";
  }

  /** Where to point a browser, curl and Prometheus. */
  public void printUrls(PrintWriter out) {
    String base = dashboardUrl().substring(0, dashboardUrl().length() - 1);
    out.println("  dashboard   " + base + "/");
    out.println(
        "  API         " + base + "/movies/trending?hours=24   (health: " + base + "/health)");
    out.println("  OpenAPI     " + base + "/openapi.json");
    out.println("  metrics     " + base + "/metrics");
  }

  @Override
  public void close() {
    api.close();
    metrics.close();
  }
}
