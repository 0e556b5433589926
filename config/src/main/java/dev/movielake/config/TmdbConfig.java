package dev.movielake.config;

import java.time.Duration;
import java.util.Optional;

/**
 * Where movie data comes from. Without an API key, read token or base URL the built-in simulator
 * serves it, so nothing reaches the internet unless configured to.
 *
 * @param baseUrl the API to call; empty means the built-in simulator
 * @param requestsPerSecond the most requests per second the client sends (TMDB allows about 40-50)
 * @param concurrency requests in flight at once
 * @param maxRetries retries of one request after 429, 5xx or a timeout
 * @param listPages pages read of each list in a batch run
 */
public record TmdbConfig(
    Optional<String> baseUrl,
    Optional<String> apiKey,
    Optional<String> readToken,
    int requestsPerSecond,
    int concurrency,
    int maxRetries,
    Duration timeout,
    int listPages,
    int simulatorMovies,
    long simulatorSeed) {

  public static final String API_KEY = "TMDB_API_KEY";
  public static final String READ_TOKEN = "TMDB_READ_TOKEN";
  public static final String BASE_URL = "TMDB_BASE_URL";
  public static final String REAL_API = "https://api.themoviedb.org/3";

  public boolean simulated() {
    return baseUrl.isEmpty();
  }

  static TmdbConfig from(VariableReader reader) {
    Optional<String> apiKey = reader.optional(API_KEY);
    Optional<String> readToken = reader.optional(READ_TOKEN);
    Optional<String> baseUrl = reader.optional(BASE_URL).map(url -> url.replaceAll("/+$", ""));
    if (baseUrl.isEmpty() && (apiKey.isPresent() || readToken.isPresent())) {
      baseUrl = Optional.of(REAL_API); // a key means the real API
    }
    baseUrl.ifPresent(
        url -> {
          if (!url.startsWith("http://") && !url.startsWith("https://")) {
            throw new ConfigException(
                BASE_URL, "'" + url + "' is not an http(s) URL; expected for example " + REAL_API);
          }
        });
    if (baseUrl.isPresent() && apiKey.isEmpty() && readToken.isEmpty()) {
      throw new ConfigException(
          API_KEY,
          "the TMDB API at "
              + baseUrl.get()
              + " needs "
              + API_KEY
              + " or "
              + READ_TOKEN
              + "; unset "
              + BASE_URL
              + " to use the built-in simulator");
    }
    return new TmdbConfig(
        baseUrl,
        apiKey,
        readToken,
        reader.positiveInt("TMDB_REQUESTS_PER_SECOND", 40),
        reader.positiveInt("TMDB_CONCURRENCY", 4),
        reader.positiveInt("TMDB_MAX_RETRIES", 6),
        Duration.ofSeconds(reader.positiveInt("TMDB_TIMEOUT_SECONDS", 10)),
        reader.positiveInt("TMDB_LIST_PAGES", 5),
        reader.positiveInt("TMDB_SIMULATOR_MOVIES", 1000),
        reader.positiveLong("TMDB_SIMULATOR_SEED", 42));
  }

  @Override
  public String toString() {
    // The key and token are secrets: never printed.
    return "TmdbConfig[baseUrl="
        + baseUrl.orElse("(simulator)")
        + ", apiKey="
        + (apiKey.isPresent() ? "****" : "-")
        + ", readToken="
        + (readToken.isPresent() ? "****" : "-")
        + ", requestsPerSecond="
        + requestsPerSecond
        + ", concurrency="
        + concurrency
        + ", maxRetries="
        + maxRetries
        + ", timeout="
        + timeout
        + ", listPages="
        + listPages
        + "]";
  }
}
