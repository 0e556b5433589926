package dev.movielake.ops.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.movielake.config.ConfigException;
import io.micrometer.core.instrument.Counter;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The metrics endpoint on a free port, scraped over HTTP as Prometheus does. */
class MetricsServerTest {
  private static final String VARIABLE = "STREAM_METRICS_PORT";

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @Test
  void servesTheRegistryAndTheJvmMetersInPrometheusTextFormat() throws Exception {
    try (MetricsServer server = MetricsServer.start(0, VARIABLE)) {
      assertThat(server.port()).isPositive();
      Counter.builder("lakehouse.maintenance.actions")
          .tag("layer", "silver")
          .tag("action", "compact")
          .register(server.registry())
          .increment(3);

      HttpResponse<String> metrics = get(server, "/metrics");

      assertThat(metrics.statusCode()).isEqualTo(200);
      assertThat(metrics.headers().firstValue("Content-Type"))
          .contains("text/plain; version=0.0.4; charset=utf-8");
      assertThat(metrics.body())
          .contains("lakehouse_maintenance_actions_total{action=\"compact\",layer=\"silver\"} 3.0")
          .contains("# TYPE jvm_memory_used_bytes gauge")
          .contains("jvm_gc_")
          .contains("jvm_threads_live_threads")
          .contains("jvm_classes_loaded_classes")
          .contains("system_cpu_count");
      assertThat(server.url()).isEqualTo("http://127.0.0.1:" + server.port() + "/metrics");
    }
  }

  @Test
  void theRootPointsToMetricsAndOtherPathsAndMethodsAreRefused() throws Exception {
    try (MetricsServer server = MetricsServer.start(0, VARIABLE)) {
      HttpResponse<String> root = get(server, "/");
      assertThat(root.statusCode()).isEqualTo(200);
      assertThat(root.body()).isEqualTo("movie lakehouse: Prometheus metrics at /metrics\n");

      assertThat(get(server, "/health").statusCode()).isEqualTo(404);
      HttpResponse<String> post =
          http.send(
              HttpRequest.newBuilder(URI.create(base(server) + "/metrics"))
                  .POST(HttpRequest.BodyPublishers.ofString("x"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(post.statusCode()).isEqualTo(405);
      assertThat(post.headers().firstValue("Allow")).contains("GET, HEAD");
    }
  }

  @Test
  void aPortInUseNamesTheVariableAndTheFix() {
    try (MetricsServer first = MetricsServer.start(0, VARIABLE)) {
      assertThatThrownBy(() -> MetricsServer.start(first.port(), VARIABLE))
          .isInstanceOf(ConfigException.class)
          .hasMessageStartingWith(VARIABLE + ": port " + first.port() + " is already in use")
          .hasMessageContaining("set STREAM_METRICS_PORT to a free port")
          .hasMessageContaining("to 0 for any free port")
          .hasMessageContaining("to off to serve no metrics");
    }
  }

  @Test
  void closingStopsServing() throws Exception {
    MetricsServer server = MetricsServer.start(0, VARIABLE);
    assertThat(get(server, "/metrics").statusCode()).isEqualTo(200);

    server.close();

    assertThatThrownBy(() -> get(server, "/metrics")).isInstanceOf(ConnectException.class);
  }

  private HttpResponse<String> get(MetricsServer server, String path)
      throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create(base(server) + path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String base(MetricsServer server) {
    return "http://127.0.0.1:" + server.port();
  }
}
