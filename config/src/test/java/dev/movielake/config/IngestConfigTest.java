package dev.movielake.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IngestConfigTest {
  @Test
  void defaultsAreTheSimulatorAndTheEmbeddedBroker() {
    IngestConfig config = IngestConfig.from(Map.of("LAKEHOUSE_HOME", "/tmp/lake"));

    assertThat(config.tmdb().simulated()).isTrue();
    assertThat(config.tmdb().requestsPerSecond()).isEqualTo(40);
    assertThat(config.tmdb().concurrency()).isEqualTo(4);
    assertThat(config.tmdb().maxRetries()).isEqualTo(6);
    assertThat(config.tmdb().timeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(config.tmdb().listPages()).isEqualTo(5);
    assertThat(config.kafka().embedded()).isTrue();
    assertThat(config.kafka().topics())
        .containsEntry("movies", "movies")
        .containsEntry("ratings", "ratings")
        .hasSize(5);
    assertThat(config.kafka().compression()).isEqualTo("gzip");
    assertThat(config.kafkaData().toString()).isEqualTo("/tmp/lake/kafka");
    assertThat(config.state().toString()).isEqualTo("/tmp/lake/ingest");
    assertThat(config.checkpoints().toString()).isEqualTo("/tmp/lake/checkpoints");
    assertThat(config.metricsPort()).isEqualTo(OptionalInt.of(9464));
  }

  @Test
  void everyVariableIsMapped() {
    Map<String, String> variables = new HashMap<>();
    variables.put("TMDB_API_KEY", "abc123secret");
    variables.put("TMDB_BASE_URL", "http://127.0.0.1:9999/3/");
    variables.put("TMDB_REQUESTS_PER_SECOND", "20");
    variables.put("TMDB_CONCURRENCY", "2");
    variables.put("TMDB_MAX_RETRIES", "3");
    variables.put("TMDB_TIMEOUT_SECONDS", "5");
    variables.put("TMDB_LIST_PAGES", "2");
    variables.put("KAFKA_BOOTSTRAP_SERVERS", "kafka:9092,kafka-2:9092");
    variables.put("KAFKA_TOPIC_MOVIES", "tmdb.movies");
    variables.put("KAFKA_COMPRESSION", "zstd");
    variables.put("KAFKA_LINGER_MS", "5");
    variables.put("KAFKA_BATCH_SIZE", "65536");
    variables.put("STREAM_CHECKPOINT_DIR", "/data/checkpoints");
    variables.put("STREAM_METRICS_PORT", "9500");

    IngestConfig config = IngestConfig.from(variables);

    assertThat(config.tmdb().baseUrl()).contains("http://127.0.0.1:9999/3");
    assertThat(config.tmdb().apiKey()).contains("abc123secret");
    assertThat(config.tmdb().requestsPerSecond()).isEqualTo(20);
    assertThat(config.tmdb().concurrency()).isEqualTo(2);
    assertThat(config.tmdb().maxRetries()).isEqualTo(3);
    assertThat(config.tmdb().timeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(config.tmdb().listPages()).isEqualTo(2);
    assertThat(config.tmdb().toString()).doesNotContain("abc123secret");
    assertThat(config.kafka().bootstrapServers()).contains("kafka:9092,kafka-2:9092");
    assertThat(config.kafka().topic("movies")).isEqualTo("tmdb.movies");
    assertThat(config.kafka().compression()).isEqualTo("zstd");
    assertThat(config.kafka().lingerMs()).isEqualTo(5);
    assertThat(config.kafka().batchSize()).isEqualTo(65536);
    assertThat(config.checkpoints().toString()).isEqualTo("/data/checkpoints");
    assertThat(config.metricsPort()).isEqualTo(OptionalInt.of(9500));
  }

  @Test
  void theMetricsPortTakesZeroForAnyFreePortAndOffForNone() {
    assertThat(IngestConfig.from(Map.of("STREAM_METRICS_PORT", "0")).metricsPort())
        .isEqualTo(OptionalInt.of(0));
    assertThat(IngestConfig.from(Map.of("STREAM_METRICS_PORT", "off")).metricsPort()).isEmpty();
    assertThat(IngestConfig.from(Map.of("STREAM_METRICS_PORT", " OFF ")).metricsPort()).isEmpty();
  }

  @Test
  void aMetricsPortThatIsNoPortNamesTheVariableAndWhatItTakes() {
    for (String bad : new String[] {"metrics", "65536", "-1", "false"}) {
      assertThatThrownBy(() -> IngestConfig.from(Map.of("STREAM_METRICS_PORT", bad)))
          .as(bad)
          .isInstanceOf(ConfigException.class)
          .hasMessageStartingWith("STREAM_METRICS_PORT: '" + bad + "' is not a port")
          .hasMessageContaining("use 1 to 65535 (default 9464)")
          .hasMessageContaining("0 for any free port")
          .hasMessageContaining("off to serve no metrics");
    }
  }

  @Test
  void checkpointsTakeAnS3aLocationWithTheWarehousesS3Settings() {
    IngestConfig config =
        IngestConfig.from(
            Map.of(
                "LAKEHOUSE_HOME", "/tmp/lake",
                "STREAM_CHECKPOINT_DIR", "S3A://stream-state/movielake/checkpoints/",
                "ICEBERG_S3_ENDPOINT", "http://127.0.0.1:9000"));

    assertThat(config.checkpoints().onS3()).isTrue();
    assertThat(config.checkpoints().scheme()).isEqualTo("s3a");
    assertThat(config.checkpoints().toString())
        .isEqualTo("s3a://stream-state/movielake/checkpoints");
    assertThat(config.checkpoints().bucket()).isEqualTo("stream-state");
    assertThat(config.checkpoints().localFolder()).isEmpty();
    assertThat(config.checkpoints().resolve("bronze/movies").toString())
        .isEqualTo("s3a://stream-state/movielake/checkpoints/bronze/movies");
    // No folder named "s3a:" in the working directory, as Path.of once made of it.
    assertThat(config.streamStatus().toString()).isEqualTo("/tmp/lake/stream-status");

    // A warehouse on S3 is S3 settings enough: the same endpoint and keys (or AWS's defaults).
    assertThat(
            IngestConfig.from(
                    Map.of(
                        "STREAM_CHECKPOINT_DIR", "s3a://stream-state",
                        "ICEBERG_WAREHOUSE_PATH", "s3a://warehouse/iceberg"))
                .checkpoints()
                .toString())
        .isEqualTo("s3a://stream-state");
    assertThat(
            IngestConfig.from(Map.of("STREAM_CHECKPOINT_DIR", "file:///tmp/lake/state"))
                .checkpoints()
                .localFolder())
        .contains(Path.of("/tmp/lake/state"));
  }

  @Test
  void aCheckpointLocationThePipelineCannotUseNamesTheVariableAndTheFix(@TempDir Path folder)
      throws IOException {
    Map<String, String> s3 = Map.of("ICEBERG_S3_ENDPOINT", "http://127.0.0.1:9000");
    assertThatThrownBy(() -> IngestConfig.from(with(s3, "hdfs://namenode/checkpoints")))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("STREAM_CHECKPOINT_DIR: ")
        .hasMessageContaining("uses a scheme the checkpoints cannot be written to")
        .hasMessageContaining("s3a://bucket/prefix");
    assertThatThrownBy(() -> IngestConfig.from(with(s3, "s3://stream-state/checkpoints")))
        .hasMessageStartingWith("STREAM_CHECKPOINT_DIR: ")
        .hasMessageContaining("write it as s3a://stream-state/checkpoints");
    assertThatThrownBy(() -> IngestConfig.from(with(s3, "s3a://stream state/checkpoints")))
        .hasMessageStartingWith("STREAM_CHECKPOINT_DIR: ")
        .hasMessageContaining("is not a valid URI");
    assertThatThrownBy(() -> IngestConfig.from(with(s3, "s3a:///checkpoints")))
        .hasMessageStartingWith("STREAM_CHECKPOINT_DIR: ")
        .hasMessageContaining("names no valid bucket");
    assertThatThrownBy(() -> IngestConfig.from(with(s3, "s3a://Stream_State/checkpoints")))
        .hasMessageContaining("names no valid bucket");
    assertThatThrownBy(() -> IngestConfig.from(with(Map.of(), "s3a://stream-state/checkpoints")))
        .hasMessageStartingWith("STREAM_CHECKPOINT_DIR: ")
        .hasMessageContaining("no S3 storage is configured")
        .hasMessageContaining("ICEBERG_S3_ENDPOINT");
    Path file = Files.writeString(folder.resolve("a-file"), "");
    assertThatThrownBy(() -> IngestConfig.from(with(Map.of(), file.toString())))
        .hasMessageStartingWith("STREAM_CHECKPOINT_DIR: ")
        .hasMessageContaining("is not a folder");
  }

  private static Map<String, String> with(Map<String, String> variables, String checkpoints) {
    Map<String, String> all = new HashMap<>(variables);
    all.put("STREAM_CHECKPOINT_DIR", checkpoints);
    return all;
  }

  @Test
  void aKeyAloneMeansTheRealApi() {
    assertThat(IngestConfig.from(Map.of("TMDB_READ_TOKEN", "eyJ")).tmdb().baseUrl())
        .contains(TmdbConfig.REAL_API);
  }

  @Test
  void badValuesNameTheVariable() {
    assertThatThrownBy(() -> IngestConfig.from(Map.of("TMDB_BASE_URL", "http://example.org/3")))
        .hasMessageContaining("TMDB_API_KEY")
        .hasMessageContaining("simulator");
    assertThatThrownBy(() -> IngestConfig.from(Map.of("KAFKA_BOOTSTRAP_SERVERS", "kafka")))
        .hasMessageContaining("KAFKA_BOOTSTRAP_SERVERS")
        .hasMessageContaining("host:port");
    assertThatThrownBy(() -> IngestConfig.from(Map.of("KAFKA_TOPIC_REVIEWS", "bad topic")))
        .hasMessageContaining("KAFKA_TOPIC_REVIEWS");
    assertThatThrownBy(() -> IngestConfig.from(Map.of("TMDB_REQUESTS_PER_SECOND", "fast")))
        .hasMessageContaining("TMDB_REQUESTS_PER_SECOND");
  }
}
