package dev.movielake.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServeConfigTest {
  @Test
  void defaultsAreTheEmbeddedServerAndAnOpenLocalApi() {
    ServeConfig config = ServeConfig.from(Map.of("LAKEHOUSE_HOME", "/tmp/lake"));

    assertThat(config.embeddedMongo()).isTrue();
    assertThat(config.mongoDatabase()).isEqualTo("moviedb");
    assertThat(config.embeddedMongoFile().toString()).isEqualTo("/tmp/lake/mongo/serving.mv");
    assertThat(config.host()).isEqualTo("127.0.0.1");
    assertThat(config.port()).isEqualTo(8000);
    assertThat(config.corsOrigins()).isEmpty();
    assertThat(config.authenticationEnabled()).isFalse();
    assertThat(config.rateLimitPerSecond()).isEqualTo(50);
    assertThat(config.maxPageSize()).isEqualTo(100);
    assertThat(config.embeddedCacheMegabytes()).isEqualTo(512);
  }

  @Test
  void everyVariableIsMappedAndSecretsAreNotPrinted() {
    Map<String, String> variables = new HashMap<>();
    variables.put("MONGODB_URI", "mongodb://reader:s3cret@mongo:27017/?authSource=admin");
    variables.put("MONGODB_DATABASE", "movies_serving");
    variables.put("API_HOST", "0.0.0.0");
    variables.put("API_PORT", "9000");
    variables.put("API_CORS_ORIGINS", "https://dash.example.com, http://localhost:3000");
    variables.put("API_KEYS", "key-one,key-two");
    variables.put("API_RATE_LIMIT_PER_SECOND", "0");
    variables.put("API_MAX_PAGE_SIZE", "500");
    variables.put("MONGODB_EMBEDDED_CACHE_MB", "64");

    ServeConfig config = ServeConfig.from(variables);

    assertThat(config.mongoUri()).contains("mongodb://reader:s3cret@mongo:27017/?authSource=admin");
    assertThat(config.embeddedMongo()).isFalse();
    assertThat(config.mongoDatabase()).isEqualTo("movies_serving");
    assertThat(config.host()).isEqualTo("0.0.0.0");
    assertThat(config.port()).isEqualTo(9000);
    assertThat(config.corsOrigins())
        .containsExactly("https://dash.example.com", "http://localhost:3000");
    assertThat(config.apiKeys()).containsExactlyInAnyOrder("key-one", "key-two");
    assertThat(config.rateLimitPerSecond()).isZero();
    assertThat(config.maxPageSize()).isEqualTo(500);
    assertThat(config.embeddedCacheMegabytes()).isEqualTo(64);
    assertThat(config.toString())
        .doesNotContain("s3cret")
        .doesNotContain("key-one")
        .contains("mongo:27017");
  }

  @Test
  void badValuesNameTheVariableAndTheFix() {
    assertThatThrownBy(() -> ServeConfig.from(Map.of("API_PORT", "70000")))
        .hasMessageContaining("API_PORT")
        .hasMessageContaining("1 to 65535");
    assertThatThrownBy(() -> ServeConfig.from(Map.of("API_CORS_ORIGINS", "*")))
        .hasMessageContaining("API_CORS_ORIGINS")
        .hasMessageContaining("comma-separated");
    assertThatThrownBy(() -> ServeConfig.from(Map.of("MONGODB_DATABASE", "movies;drop")))
        .hasMessageContaining("MONGODB_DATABASE");
    assertThatThrownBy(() -> ServeConfig.from(Map.of("API_RATE_LIMIT_PER_SECOND", "-5")))
        .hasMessageContaining("API_RATE_LIMIT_PER_SECOND");
  }
}
