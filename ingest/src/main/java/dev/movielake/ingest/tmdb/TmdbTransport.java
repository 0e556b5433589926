package dev.movielake.ingest.tmdb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.FailsafeExecutor;
import dev.failsafe.RateLimiter;
import dev.failsafe.RetryPolicy;
import dev.movielake.config.TmdbConfig;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

/**
 * HTTP to TMDB with its rules: at most the configured requests per second (every attempt counts,
 * retries included), 429 waits as long as {@code Retry-After} says, 5xx and timeouts retry with
 * exponential backoff and jitter up to a limit, 401 stops everything, 404 is an answer, not an
 * error.
 */
final class TmdbTransport {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final double SPACING_MARGIN = 1.025;

  /** A response TMDB gave, with its parsed body. */
  record Response(int status, JsonNode body) {}

  private final String baseUrl;
  private final TmdbConfig config;
  private final TmdbCounters counters;
  private final HttpClient http;
  private final FailsafeExecutor<HttpResponse<String>> policies;
  private final AtomicBoolean stopping = new AtomicBoolean();

  TmdbTransport(String baseUrl, TmdbConfig config, TmdbCounters counters) {
    this.baseUrl = baseUrl.replaceAll("/+$", "");
    this.config = config;
    this.counters = counters;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(config.timeout())
            .version(HttpClient.Version.HTTP_1_1)
            .build();
    RetryPolicy<HttpResponse<String>> retry =
        RetryPolicy.<HttpResponse<String>>builder()
            .handle(IOException.class)
            .handleResultIf(
                response -> response.statusCode() == 429 || response.statusCode() >= 500)
            .withBackoff(Duration.ofMillis(250), Duration.ofSeconds(20))
            .withJitter(0.25)
            .withDelayFn(context -> retryAfter(context.getLastResult()))
            .withMaxRetries(config.maxRetries())
            // A stopping run does not sit out a dead server's retries and back-offs (up to a
            // minute).
            .abortIf((result, failure) -> stopping.get())
            .onRetry(event -> counters.retry())
            .build();
    // Smooth: requests spread evenly instead of bursting. TMDB counts requests in any one-second
    // window; spaced at exactly 1/limit, a window closed at both ends holds limit + 1, and network
    // jitter bunches a few more. Spacing 2.5 % wider keeps every window at the limit.
    RateLimiter<HttpResponse<String>> rate =
        RateLimiter.<HttpResponse<String>>smoothBuilder(
                Duration.ofNanos(
                    (long) (1_000_000_000.0 / config.requestsPerSecond() * SPACING_MARGIN)))
            .withMaxWaitTime(Duration.ofMinutes(5))
            .build();
    this.policies = Failsafe.with(retry, rate);
  }

  String baseUrl() {
    return baseUrl;
  }

  /**
   * No more retries: a request in flight finishes or times out, and fails instead of being retried.
   */
  void stop() {
    stopping.set(true);
  }

  /**
   * GETs {@code path} with parameters; 404 comes back as a response, every other failure throws.
   */
  Response get(String path, Map<String, String> parameters) {
    HttpRequest request = request(path, parameters);
    HttpResponse<String> response;
    try {
      response = policies.get(() -> send(request));
    } catch (FailsafeException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      if (stopping.get()) {
        throw new TmdbException(
            "GET " + path + " abandoned, the run is stopping: " + describe(cause), cause);
      }
      throw new TmdbException(
          "GET " + path + " failed after " + config.maxRetries() + " retries: " + describe(cause),
          cause);
    }
    int status = response.statusCode();
    JsonNode body = parse(path, response);
    if (status == 200 || status == 404) {
      return new Response(status, body);
    }
    String message = body.path("status_message").asText("HTTP " + status);
    if (status == 401) {
      throw new TmdbAuthenticationException(baseUrl, message);
    }
    if ((status == 429 || status >= 500) && stopping.get()) {
      throw new TmdbException(
          "GET " + path + " abandoned, the run is stopping: HTTP " + status + " " + message);
    }
    if (status == 429 || status >= 500) {
      throw new TmdbException(
          "GET "
              + path
              + " still failed after "
              + config.maxRetries()
              + " retries: HTTP "
              + status
              + " "
              + message
              + "; lower TMDB_REQUESTS_PER_SECOND or try again later");
    }
    throw new TmdbException("GET " + path + " was refused: HTTP " + status + " " + message);
  }

  private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
    counters.request();
    try {
      HttpResponse<String> response =
          http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      if (response.statusCode() == 429) {
        counters.rateLimited();
      } else if (response.statusCode() >= 500) {
        counters.serverError();
      }
      return response;
    } catch (HttpTimeoutException e) {
      counters.timeout();
      throw e;
    }
  }

  private HttpRequest request(String path, Map<String, String> parameters) {
    StringBuilder uri = new StringBuilder(baseUrl).append('/').append(path);
    Map<String, String> query = new TreeMap<>(parameters);
    if (config.readToken().isEmpty()) {
      config.apiKey().ifPresent(key -> query.put("api_key", key));
    }
    if (!query.isEmpty()) {
      uri.append('?')
          .append(
              query.entrySet().stream()
                  .map(entry -> encode(entry.getKey()) + "=" + encode(entry.getValue()))
                  .collect(Collectors.joining("&")));
    }
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(uri.toString()))
            .timeout(config.timeout())
            .header("Accept", "application/json")
            .GET();
    config.readToken().ifPresent(token -> builder.header("Authorization", "Bearer " + token));
    return builder.build();
  }

  /** TMDB's Retry-After (seconds), when it sent one; otherwise the backoff decides. */
  private static Duration retryAfter(HttpResponse<String> response) {
    if (response == null || response.statusCode() != 429) {
      return Duration.ofMillis(-1);
    }
    Optional<String> header = response.headers().firstValue("Retry-After");
    try {
      return header
          .map(value -> Duration.ofSeconds(Long.parseLong(value.strip())))
          .orElse(Duration.ofMillis(-1));
    } catch (NumberFormatException e) {
      return Duration.ofMillis(-1);
    }
  }

  private static JsonNode parse(String path, HttpResponse<String> response) {
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new TmdbException(
          "GET "
              + path
              + " answered HTTP "
              + response.statusCode()
              + " with a body that is not JSON");
    }
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static String describe(Throwable error) {
    return error instanceof HttpTimeoutException
        ? "timed out (TMDB_TIMEOUT_SECONDS)"
        : error.getClass().getSimpleName()
            + (error.getMessage() == null ? "" : ": " + error.getMessage());
  }
}
