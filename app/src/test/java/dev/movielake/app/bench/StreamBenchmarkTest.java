package dev.movielake.app.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.movielake.app.PipelineCommand;
import dev.movielake.bench.BenchmarkReport;
import dev.movielake.bench.BenchmarkResult;
import dev.movielake.bench.BenchmarkWriter;
import dev.movielake.bench.StreamBenchmark;
import dev.movielake.lakehouse.IcebergStorageManager;
import dev.movielake.lakehouse.testing.SharedSpark;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The stream benchmark end to end on a small topic, with one run of each side, short triggers and
 * one kill: every metric is there, the throughputs are real, and the killed pipeline neither
 * duplicated nor lost a record. Performance targets are for the real run, not asserted here.
 */
class StreamBenchmarkTest {
  @Test
  void measuresThroughputLatencyAndExactlyOnceAcrossAKill() {
    IcebergStorageManager storage = SharedSpark.storage("benchstream");
    StreamBenchmark.Settings quick =
        new StreamBenchmark.Settings(1, Duration.ofSeconds(2), 1, 1, Duration.ofSeconds(2));
    StringWriter progress = new StringWriter();

    BenchmarkReport report =
        new StreamBenchmark(
                storage.spark(), storage.config(), quick, PipelineCommand.class.getName())
            .run(2000, new PrintWriter(progress, true));

    Map<String, BenchmarkResult> results =
        report.results().stream()
            .collect(Collectors.toMap(BenchmarkResult::metric, Function.identity()));
    assertThat(results)
        .containsOnlyKeys(
            "bronze_rows_per_second",
            "bronze_megabytes_per_second",
            "parquet_rows_per_second",
            "iceberg_vs_parquet_throughput",
            "silver_latency_seconds",
            "duplicates_after_crash",
            "lost_after_crash");
    assertThat(report.rows()).isEqualTo(2000);
    assertThat(results.get("bronze_rows_per_second").value()).as(progress.toString()).isPositive();
    assertThat(results.get("bronze_megabytes_per_second").value()).isPositive();
    assertThat(results.get("parquet_rows_per_second").value()).isPositive();
    assertThat(results.get("iceberg_vs_parquet_throughput").value()).isPositive();
    assertThat(results.get("silver_latency_seconds").value()).isPositive();
    assertThat(results.get("duplicates_after_crash").value())
        .as(BenchmarkWriter.markdown(report, "test"))
        .isZero();
    assertThat(results.get("lost_after_crash").value())
        .as(BenchmarkWriter.markdown(report, "test"))
        .isZero();
    assertThat(progress.toString()).contains("killed the pipeline JVM (1 of 1)");
  }
}
