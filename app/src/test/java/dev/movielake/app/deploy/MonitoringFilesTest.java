package dev.movielake.app.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.movielake.config.EnvironmentSource;
import dev.movielake.config.IngestConfig;
import dev.movielake.config.ServeConfig;
import dev.movielake.stream.metrics.StreamMetrics;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Keeps the monitoring files (deploy/prometheus/, deploy/grafana/, the stream's port in Compose and
 * Kubernetes) consistent with the pipeline: Prometheus scrapes the ports the processes serve, and
 * the dashboard queries the names the stream exports, so a renamed meter breaks this test rather
 * than a panel.
 */
class MonitoringFilesTest {
  private static final Path DEPLOY = Path.of("").toAbsolutePath().getParent().resolve("deploy");
  private static final YAMLMapper YAML = new YAMLMapper();
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Metrics of other processes and parts the dashboard shows: the maintenance service's and the
   * table health (issue 18's names), the API's request timer and audit counter, the JVM's heap.
   */
  private static final Set<String> OTHER_METRICS =
      Set.of(
          "lakehouse_maintenance_actions_total",
          "lakehouse_maintenance_action_seconds_sum",
          "lakehouse_maintenance_action_seconds_count",
          "lakehouse_maintenance_action_seconds_max",
          "lakehouse_table_health",
          "lakehouse_audits_held_total",
          "http_server_requests_seconds_sum",
          "http_server_requests_seconds_count",
          "jvm_memory_used_bytes");

  @Test
  void prometheusScrapesTheStreamAndTheApiOnThePortsTheyServe() throws IOException {
    JsonNode services =
        YAML.readTree(DEPLOY.resolve("docker-compose.yml").toFile()).path("services");
    JsonNode stream = services.path("stream");
    String port = stream.path("environment").path(IngestConfig.METRICS_PORT).asText();
    assertThat(IngestConfig.from(Map.of(IngestConfig.METRICS_PORT, port)).metricsPort())
        .hasValue(Integer.parseInt(port));
    assertThat(texts(stream.path("ports"))).contains("127.0.0.1:" + port + ":" + port);

    JsonNode prometheus = YAML.readTree(DEPLOY.resolve("prometheus/prometheus.yml").toFile());
    assertThat(targets(prometheus, "stream")).containsExactly("stream:" + port);
    String apiPort = pipelineEnv().get(ServeConfig.API_PORT);
    assertThat(targets(prometheus, "api")).containsExactly("api:" + apiPort);
    assertThat(texts(services.path("prometheus").path("volumes")))
        .contains("./prometheus/prometheus.yml:/etc/prometheus/prometheus.yml:ro");
    assertThat(services.path("prometheus").path("image").asText())
        .matches("prom/prometheus:v[0-9.]+");
    assertThat(services.path("grafana").path("image").asText()).matches("grafana/grafana:[0-9.]+");

    List<JsonNode> kubernetes = documents(DEPLOY.resolve("kubernetes/stream.yaml"));
    JsonNode pod =
        kubernetes.stream()
            .filter(document -> document.path("kind").asText().equals("Deployment"))
            .findFirst()
            .orElseThrow()
            .path("spec")
            .path("template");
    assertThat(pod.path("metadata").path("annotations").path("prometheus.io/port").asText())
        .isEqualTo(port);
    JsonNode container = pod.path("spec").path("containers").get(0);
    assertThat(container.path("ports").get(0).path("containerPort").asText()).isEqualTo(port);
    JsonNode service =
        kubernetes.stream()
            .filter(document -> document.path("kind").asText().equals("Service"))
            .findFirst()
            .orElseThrow();
    assertThat(service.path("metadata").path("name").asText())
        .as("a Service named stream-metrics would inject STREAM_METRICS_PORT=tcp://... as a link")
        .isNotEqualTo("stream-metrics");
    assertThat(service.path("spec").path("ports").get(0).path("port").asText()).isEqualTo(port);
  }

  @Test
  void grafanaIsProvisionedWithPrometheusAndTheDashboardFolder() throws IOException {
    JsonNode grafana =
        YAML.readTree(DEPLOY.resolve("docker-compose.yml").toFile())
            .path("services")
            .path("grafana");
    JsonNode datasource =
        YAML.readTree(DEPLOY.resolve("grafana/provisioning/datasources/prometheus.yml").toFile())
            .path("datasources")
            .get(0);
    assertThat(datasource.path("type").asText()).isEqualTo("prometheus");
    assertThat(datasource.path("url").asText()).isEqualTo("http://prometheus:9090");
    assertThat(datasource.path("isDefault").asBoolean()).isTrue();

    String folder =
        YAML.readTree(
                DEPLOY.resolve("grafana/provisioning/dashboards/movie-lakehouse.yml").toFile())
            .path("providers")
            .get(0)
            .path("options")
            .path("path")
            .asText();
    assertThat(texts(grafana.path("volumes")))
        .contains(
            "./grafana/provisioning:/etc/grafana/provisioning:ro",
            "./grafana/dashboards:" + folder + ":ro");
    assertThat(grafana.path("depends_on").path("prometheus").path("condition").asText())
        .isEqualTo("service_healthy");
  }

  @Test
  void theDashboardQueriesOnlyMetricsThePipelineExportsThroughItsDataSourceVariable()
      throws IOException {
    JsonNode dashboard =
        JSON.readTree(DEPLOY.resolve("grafana/dashboards/movie-lakehouse.json").toFile());
    assertThat(dashboard.path("schemaVersion").asInt()).isBetween(36, 41);
    assertThat(dashboard.path("uid").asText()).isEqualTo("movie-lakehouse");
    JsonNode variable = dashboard.path("templating").path("list").get(0);
    assertThat(variable.path("name").asText()).isEqualTo("DS_PROMETHEUS");
    assertThat(variable.path("type").asText()).isEqualTo("datasource");
    assertThat(variable.path("query").asText()).isEqualTo("prometheus");

    Set<String> queried = new TreeSet<>();
    Set<Integer> ids = new TreeSet<>();
    Pattern metric = Pattern.compile("\\b((?:lakehouse|http_server|jvm)_[a-z0-9_]+)");
    for (JsonNode panel : dashboard.path("panels")) {
      assertThat(ids.add(panel.path("id").asInt())).as("panel ids are unique").isTrue();
      if (panel.path("type").asText().equals("row")) {
        continue;
      }
      String title = panel.path("title").asText();
      assertThat(panel.path("datasource").path("uid").asText())
          .as(title)
          .isEqualTo("${DS_PROMETHEUS}");
      assertThat(panel.path("targets").size()).as(title).isPositive();
      for (JsonNode target : panel.path("targets")) {
        assertThat(target.path("datasource").path("uid").asText())
            .as(title)
            .isEqualTo("${DS_PROMETHEUS}");
        Matcher names = metric.matcher(target.path("expr").asText());
        while (names.find()) {
          queried.add(names.group(1));
        }
      }
    }

    Set<String> exported = new TreeSet<>(OTHER_METRICS);
    exported.addAll(streamMetrics());
    assertThat(exported).containsAll(queried);
    assertThat(queried)
        .as("every streaming meter has a panel")
        .contains(
            "lakehouse_stream_batch_duration_seconds_sum",
            "lakehouse_stream_batch_duration_seconds_count",
            "lakehouse_stream_batch_duration_seconds_max",
            "lakehouse_stream_input_rows_per_second",
            "lakehouse_stream_processed_rows_per_second",
            "lakehouse_stream_rows_total",
            "lakehouse_stream_kafka_lag_records",
            "lakehouse_stream_query_failures_total",
            "lakehouse_stream_queries_active",
            "lakehouse_stream_commit_failures_total");
    assertThat(queried).containsAll(OTHER_METRICS);
  }

  /**
   * The Prometheus names of {@link StreamMetrics}' meters, as Micrometer renders them (the stream
   * module's StreamMetricsTest scrapes them from real queries): dots as underscores, a timer's
   * series in seconds, a counter's with {@code _total}.
   */
  private static Set<String> streamMetrics() {
    Set<String> names = new TreeSet<>();
    for (Field field : StreamMetrics.class.getFields()) {
      if (!Modifier.isStatic(field.getModifiers()) || field.getType() != String.class) {
        continue;
      }
      String name;
      try {
        name = ((String) field.get(null)).replace('.', '_');
      } catch (IllegalAccessException e) {
        throw new IllegalStateException(e);
      }
      if (field.getName().equals("BATCH_DURATION")) {
        for (String series : List.of("_sum", "_count", "_max")) {
          names.add(name + "_seconds" + series);
        }
      } else if (Set.of("ROWS", "QUERY_FAILURES", "COMMIT_FAILURES").contains(field.getName())) {
        names.add(name + "_total");
      } else {
        names.add(name);
      }
    }
    return names;
  }

  private static List<String> targets(JsonNode prometheus, String job) {
    for (JsonNode scrape : prometheus.path("scrape_configs")) {
      if (scrape.path("job_name").asText().equals(job)) {
        assertThat(scrape.path("metrics_path").asText("/metrics")).isEqualTo("/metrics");
        List<String> targets = new ArrayList<>();
        for (JsonNode config : scrape.path("static_configs")) {
          targets.addAll(texts(config.path("targets")));
        }
        return targets;
      }
    }
    throw new AssertionError("prometheus.yml scrapes no job " + job);
  }

  private static List<JsonNode> documents(Path file) throws IOException {
    return YAML.readerFor(JsonNode.class).<JsonNode>readValues(file.toFile()).readAll().stream()
        .filter(ObjectNode.class::isInstance)
        .toList();
  }

  private static Map<String, String> pipelineEnv() throws IOException {
    return EnvironmentSource.parse(
        Files.readAllLines(DEPLOY.resolve("pipeline.env"), StandardCharsets.UTF_8));
  }

  private static List<String> texts(JsonNode node) {
    List<String> values = new ArrayList<>();
    node.forEach(value -> values.add(value.asText()));
    return values;
  }
}
