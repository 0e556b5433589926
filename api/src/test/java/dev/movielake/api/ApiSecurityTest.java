package dev.movielake.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.movielake.config.ServeConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** API keys, CORS and the per-client rate limit, each on its own server. */
class ApiSecurityTest {

  @Nested
  class ApiKeysRequired {
    @Test
    void everyApiRouteNeedsAKeyButHealthDocsAndStaticFilesDoNot() {
      try (TestApi api = new TestApi(Map.of(ServeConfig.API_KEYS, "first-key,second-key"))) {
        TestApi.Response missing = api.get("/movies/1");
        assertThat(missing.status()).isEqualTo(401);
        assertThat(missing.json().get("error").asText()).isEqualTo("unauthorized");
        assertThat(missing.json().get("message").asText()).contains("X-API-Key");
        TestApi.Response wrong = api.get("/movies/1", "X-API-Key", "first-kez");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.body()).doesNotContain("first-key");
        assertThat(api.get("/movies/1", "X-API-Key", "first-key").status()).isEqualTo(200);
        assertThat(api.get("/movies/1", "X-API-Key", "second-key").status()).isEqualTo(200);
        assertThat(api.get("/movies/1?api_key=second-key").status()).isEqualTo(200);
        assertThat(api.get("/movies/1?api_key=").status()).isEqualTo(401);
        assertThat(api.get("/metrics").status()).isEqualTo(401);
        assertThat(api.get("/lakehouse/tables").status()).isEqualTo(401);

        assertThat(api.get("/health").status()).isEqualTo(200);
        assertThat(api.get("/openapi.json").status()).isEqualTo(200);
        assertThat(api.get("/").status()).isEqualTo(200);
        assertThat(api.get("/webjars/echarts/5.3.1/dist/echarts.min.js").status()).isEqualTo(200);
      }
    }

    @Test
    void withoutConfiguredKeysNothingIsRequired() {
      try (TestApi api = new TestApi()) {
        assertThat(api.get("/movies/1").status()).isEqualTo(200);
      }
    }
  }

  @Nested
  class Cors {
    @Test
    void onlyConfiguredOriginsAreEchoed() {
      try (TestApi api =
          new TestApi(Map.of(ServeConfig.API_CORS_ORIGINS, "https://dashboard.example.com"))) {
        TestApi.Response allowed = api.get("/movies/1", "Origin", "https://dashboard.example.com");
        assertThat(allowed.header("Access-Control-Allow-Origin"))
            .isEqualTo("https://dashboard.example.com");
        assertThat(allowed.header("Vary")).contains("Origin");
        TestApi.Response other = api.get("/movies/1", "Origin", "https://evil.example.com");
        assertThat(other.status()).isEqualTo(200);
        assertThat(other.header("Access-Control-Allow-Origin")).isNull();
        TestApi.Response prefix =
            api.get("/movies/1", "Origin", "https://dashboard.example.com.evil.com");
        assertThat(prefix.header("Access-Control-Allow-Origin")).isNull();
      }
    }

    @Test
    void preflightIsAnsweredForAllowedOrigins() {
      try (TestApi api =
          new TestApi(
              Map.of(
                  ServeConfig.API_CORS_ORIGINS,
                  "https://dashboard.example.com",
                  ServeConfig.API_KEYS,
                  "key"))) {
        TestApi.Response preflight =
            api.send(
                "OPTIONS",
                "/movies/1",
                "Origin",
                "https://dashboard.example.com",
                "Access-Control-Request-Method",
                "GET",
                "Access-Control-Request-Headers",
                "X-API-Key");
        assertThat(preflight.status()).isEqualTo(204);
        assertThat(preflight.header("Access-Control-Allow-Origin"))
            .isEqualTo("https://dashboard.example.com");
        assertThat(preflight.header("Access-Control-Allow-Methods")).contains("GET");
        assertThat(preflight.header("Access-Control-Allow-Headers")).contains("X-API-Key");
        TestApi.Response refused =
            api.send(
                "OPTIONS",
                "/movies/1",
                "Origin",
                "https://evil.example.com",
                "Access-Control-Request-Method",
                "GET");
        assertThat(refused.header("Access-Control-Allow-Origin")).isNull();
        assertThat(refused.header("Access-Control-Allow-Methods")).isNull();
      }
    }

    @Test
    void noOriginIsAllowedByDefault() {
      try (TestApi api = new TestApi()) {
        assertThat(
                api.get("/movies/1", "Origin", "http://localhost:3000")
                    .header("Access-Control-Allow-Origin"))
            .isNull();
        assertThat(
                api.send(
                        "OPTIONS",
                        "/movies/1",
                        "Origin",
                        "http://localhost:3000",
                        "Access-Control-Request-Method",
                        "GET")
                    .header("Access-Control-Allow-Origin"))
            .isNull();
      }
    }
  }

  @Nested
  class RateLimit {
    @Test
    void aBurstOverTheLimitGets429WithRetryAfter() {
      try (TestApi api = new TestApi(Map.of(ServeConfig.API_RATE_LIMIT, "5"))) {
        List<Integer> statuses = new ArrayList<>();
        TestApi.Response limited = null;
        for (int request = 0; request < 20; request++) {
          TestApi.Response response = api.get("/movies/1");
          statuses.add(response.status());
          if (response.status() == 429 && limited == null) {
            limited = response;
          }
        }
        assertThat(statuses).contains(200, 429);
        assertThat(statuses.stream().filter(status -> status == 200).count())
            .isLessThanOrEqualTo(10);
        assertThat(limited.header("Retry-After")).isEqualTo("1");
        assertThat(limited.json().get("error").asText()).isEqualTo("rate_limited");
        assertThat(limited.json().get("status").asInt()).isEqualTo(429);
      }
    }

    @Test
    void eachApiKeyHasItsOwnLimit() {
      try (TestApi api =
          new TestApi(Map.of(ServeConfig.API_RATE_LIMIT, "3", ServeConfig.API_KEYS, "one,two"))) {
        int firstLimited = 0;
        for (int request = 0; request < 10; request++) {
          if (api.get("/movies/1", "X-API-Key", "one").status() == 429) {
            firstLimited++;
          }
        }
        assertThat(firstLimited).isGreaterThan(0);
        assertThat(api.get("/movies/1", "X-API-Key", "two").status()).isEqualTo(200);
      }
    }

    @Test
    void zeroTurnsTheLimitOff() {
      try (TestApi api = new TestApi(Map.of(ServeConfig.API_RATE_LIMIT, "0"))) {
        for (int request = 0; request < 100; request++) {
          assertThat(api.get("/movies/1").status()).isEqualTo(200);
        }
      }
    }
  }
}
