package dev.movielake.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The health endpoint when MongoDB goes away: 503, quickly, whatever the client's own timeouts. */
class HealthTest {
  @Test
  void mongoDownIs503Degraded() {
    try (TestApi api = new TestApi()) {
      assertThat(api.get("/health").status()).isEqualTo(200);
      api.mongo.close();
      long started = System.nanoTime();
      TestApi.Response health = api.get("/health");
      Duration took = Duration.ofNanos(System.nanoTime() - started);
      assertThat(health.status()).isEqualTo(503);
      assertThat(health.json().get("success").asBoolean()).isFalse();
      assertThat(health.data().get("status").asText()).isEqualTo("degraded");
      assertThat(health.data().get("mongo").get("state").asText()).isEqualTo("down");
      assertThat(health.data().get("lakehouse").get("state").asText()).isEqualTo("up");
      assertThat(took).isLessThan(Duration.ofSeconds(10));
    }
  }
}
