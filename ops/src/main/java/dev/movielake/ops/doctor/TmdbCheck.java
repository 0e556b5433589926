package dev.movielake.ops.doctor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.movielake.cli.ConnectionFailure;
import dev.movielake.config.TmdbConfig;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * The TMDB credentials work: one authenticated GET of the genre list, an endpoint the real API and
 * the simulator both serve. This is the only check that may reach the internet, and only when the
 * real API is configured; the simulator needs nothing.
 */
final class TmdbCheck implements Check {
  private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(5);
  private static final String PROBE = "genre/movie/list";
  private static final String KEY_FIX =
      "set "
          + TmdbConfig.API_KEY
          + " (v3 key) or "
          + TmdbConfig.READ_TOKEN
          + " (read access token) from themoviedb.org/settings/api";

  private final Settings settings;

  TmdbCheck(Settings settings) {
    this.settings = settings;
  }

  @Override
  public String name() {
    return "tmdb";
  }

  @Override
  public List<Finding> run() throws InterruptedException {
    if (settings.tmdb().error().isPresent()) {
      String variable = settings.tmdb().variable().orElse(TmdbConfig.BASE_URL);
      if (variable.equals(TmdbConfig.API_KEY)) {
        return List.of(
            Finding.broken(
                name(),
                "the TMDB API at "
                    + settings.variables().get(TmdbConfig.BASE_URL)
                    + " is selected ("
                    + TmdbConfig.BASE_URL
                    + ") but no key is set",
                KEY_FIX + ", or unset " + TmdbConfig.BASE_URL + " to use the built-in simulator"));
      }
      return List.of(
          Finding.broken(
              name(),
              settings.tmdb().error().get().getMessage(),
              "set " + variable + " to an accepted value"));
    }
    TmdbConfig tmdb = settings.tmdb().value().orElseThrow();
    if (tmdb.simulated()) {
      return List.of(
          Finding.ok(
              name(),
              "built-in simulator (nothing reaches the internet); "
                  + TmdbConfig.API_KEY
                  + " and "
                  + TmdbConfig.BASE_URL
                  + " unset"));
    }
    String base = tmdb.baseUrl().orElseThrow();
    String credential = tmdb.readToken().isPresent() ? TmdbConfig.READ_TOKEN : TmdbConfig.API_KEY;
    HttpResponse<String> response;
    try {
      HttpClient client = HttpClient.newBuilder().connectTimeout(ANSWER_TIMEOUT).build();
      response =
          client.send(
              request(tmdb, base), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      return List.of(unreachable(base, ConnectionFailure.of(e).reason()));
    }
    int status = response.statusCode();
    if (status == 200) {
      return List.of(Finding.ok(name(), "TMDB at " + base + " accepts " + credential));
    }
    if (status == 401) {
      return List.of(
          Finding.broken(
              name(),
              "TMDB at "
                  + base
                  + " rejected the key "
                  + credential
                  + " (HTTP 401"
                  + statusMessage(response.body())
                  + ")",
              KEY_FIX));
    }
    if (status == 429) {
      return List.of(
          Finding.warning(
              name(),
              "TMDB at " + base + " answered 429 (rate limited): the key works",
              "lower TMDB_REQUESTS_PER_SECOND if ingestion hits the limit often"));
    }
    return List.of(
        Finding.broken(
            name(),
            "TMDB at "
                + base
                + " answered GET /"
                + PROBE
                + " with HTTP "
                + status
                + statusMessage(response.body()),
            "check " + TmdbConfig.BASE_URL + " (expected " + TmdbConfig.REAL_API + ")"));
  }

  @Override
  public Finding timedOut(Duration limit) {
    return unreachable(
        settings.tmdb().value().flatMap(TmdbConfig::baseUrl).orElse("?"),
        "no answer within " + limit.toSeconds() + " s");
  }

  private Finding unreachable(String base, String reason) {
    return Finding.broken(
        name(),
        "cannot reach TMDB at " + base + " (" + reason + ")",
        "check the network (proxy, firewall) and "
            + TmdbConfig.BASE_URL
            + ", or unset "
            + TmdbConfig.API_KEY
            + ", "
            + TmdbConfig.READ_TOKEN
            + " and "
            + TmdbConfig.BASE_URL
            + " to use the built-in simulator");
  }

  /**
   * The same credentials as the ingestion client: the read token as a bearer header, else the key
   * as a parameter.
   */
  private static HttpRequest request(TmdbConfig tmdb, String base) {
    String uri = base + "/" + PROBE;
    if (tmdb.readToken().isEmpty()) {
      uri += "?api_key=" + URLEncoder.encode(tmdb.apiKey().orElseThrow(), StandardCharsets.UTF_8);
    }
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(uri))
            .timeout(ANSWER_TIMEOUT)
            .header("Accept", "application/json")
            .GET();
    tmdb.readToken().ifPresent(token -> builder.header("Authorization", "Bearer " + token));
    return builder.build();
  }

  /** TMDB's {@code status_message}, when the body has one. */
  private static String statusMessage(String body) {
    try {
      JsonNode message = new ObjectMapper().readTree(body).path("status_message");
      return message.isTextual() ? ": " + message.asText() : "";
    } catch (IOException e) {
      return "";
    }
  }
}
