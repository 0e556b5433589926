package dev.movielake.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The serve benchmark end to end on 2 000 movies with short periods: the load generator JVM reaches
 * the real API, every request succeeds, and the report carries the metrics. Performance targets are
 * for the real run, not asserted here.
 */
class ServeBenchmarkTest {
  @Test
  void measuresLookupsAndSearchesWithoutErrors() throws Exception {
    ServeBenchmark.Settings quick =
        new ServeBenchmark.Settings(4, Duration.ofSeconds(1), Duration.ofSeconds(2));
    StringWriter progress = new StringWriter();

    BenchmarkReport report = new ServeBenchmark(quick).run(2000, new PrintWriter(progress, true));

    JsonNode json = new ObjectMapper().readTree(BenchmarkWriter.json(report));
    assertThat(json.get("benchmark").asText()).isEqualTo("serve");
    assertThat(json.get("rows").asLong()).isEqualTo(2000);
    Map<String, JsonNode> metrics = new HashMap<>();
    json.get("results").forEach(result -> metrics.put(result.get("metric").asText(), result));
    String details = progress + "\n" + BenchmarkWriter.markdown(report, "test");
    for (String metric :
        new String[] {
          "lookup_requests_per_second",
          "lookup_p99_ms",
          "search_requests_per_second",
          "search_p99_ms",
          "lookup_p50_ms",
          "search_p50_ms",
          "mongo_lookup_per_second"
        }) {
      assertThat(metrics).as(details).containsKey(metric);
      assertThat(metrics.get(metric).get("value").asDouble())
          .as(metric + "\n" + details)
          .isPositive();
    }
    assertThat(metrics.get("lookup_errors").get("value").asDouble()).as(details).isZero();
    assertThat(metrics.get("search_errors").get("value").asDouble()).as(details).isZero();
    assertThat(metrics.get("lookup_requests_per_second").get("target").asText())
        .isEqualTo(">= 2000");
    assertThat(metrics.get("lookup_p99_ms").get("target").asText()).isEqualTo("< 50");
    assertThat(metrics.get("search_p99_ms").get("target").isNull()).isTrue();
    assertThat(BenchmarkWriter.markdown(report, "test"))
        .contains("| search_p99_ms |")
        .contains("| none |");
  }
}
