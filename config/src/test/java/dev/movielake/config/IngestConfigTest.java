package dev.movielake.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

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
