package dev.movielake.ingest.tmdb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.movielake.config.TmdbConfig;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * The TMDB API v3 endpoints the pipeline reads. Lists come as pages; a missing movie or person
 * (404, status 34) is an empty result that is counted and named, never a silent null.
 */
public final class TmdbClient {
  /** TMDB refuses pages beyond 500 (status 22). */
  public static final int MAX_PAGE = 500;

  /** Details with credits, reviews and keywords in one call instead of three. */
  static final String APPEND = "credits,reviews,keywords";

  /** The changes endpoint accepts windows of at most 14 days. */
  public static final int MAX_CHANGES_DAYS = 14;

  private final TmdbTransport transport;
  private final TmdbCounters counters;

  public TmdbClient(String baseUrl, TmdbConfig config, TmdbCounters counters) {
    this.transport = new TmdbTransport(baseUrl, config, counters);
    this.counters = counters;
  }

  /**
   * For a run that is stopping: requests in flight finish or time out and are not retried, so a
   * stop does not wait out an unreachable server's retries. Calls after this fail at their first
   * error.
   */
  public void stopRetrying() {
    transport.stop();
  }

  public TmdbCounters counters() {
    return counters;
  }

  public String baseUrl() {
    return transport.baseUrl();
  }

  public TmdbPage movies(MovieList list, int page) {
    return page(list.path(), page, Map.of());
  }

  public TmdbPage trendingPeople(boolean week, int page) {
    return page("trending/person/" + (week ? "week" : "day"), page, Map.of());
  }

  /**
   * {@code /discover/movie} with TMDB's filters, e.g. {@code sort_by=popularity.desc}, {@code
   * with_genres=28}.
   */
  public TmdbPage discover(Map<String, String> filters, int page) {
    return page("discover/movie", page, filters);
  }

  public TmdbPage searchMovies(String query, int page) {
    return page("search/movie", page, Map.of("query", query));
  }

  /** Full details with {@code credits}, {@code reviews} (first page) and {@code keywords}. */
  public Optional<ObjectNode> movieDetails(long movieId) {
    return object("movie/" + movieId, Map.of("append_to_response", APPEND));
  }

  public TmdbPage movieReviews(long movieId, int page) {
    return page("movie/" + movieId + "/reviews", page, Map.of());
  }

  /** Every review of a movie, reading pages until the last one. */
  public List<ObjectNode> allMovieReviews(long movieId) {
    return allPages(page -> movieReviews(movieId, page), MAX_PAGE);
  }

  public Optional<ObjectNode> movieCredits(long movieId) {
    return object("movie/" + movieId + "/credits", Map.of());
  }

  public Optional<ObjectNode> person(long personId) {
    return object("person/" + personId, Map.of());
  }

  public Optional<ObjectNode> personMovieCredits(long personId) {
    return object("person/" + personId + "/movie_credits", Map.of());
  }

  public List<ObjectNode> genres() {
    TmdbTransport.Response response = transport.get("genre/movie/list", Map.of());
    return objects(response.body().path("genres"));
  }

  /** Ids of movies changed in a window of at most 14 days. */
  public TmdbPage movieChanges(LocalDate start, LocalDate end, int page) {
    if (end.isBefore(start) || ChronoUnit.DAYS.between(start, end) > MAX_CHANGES_DAYS) {
      throw new IllegalArgumentException(
          "a changes window runs forward over at most "
              + MAX_CHANGES_DAYS
              + " days, got "
              + start
              + " to "
              + end);
    }
    return page(
        "movie/changes", page, Map.of("start_date", start.toString(), "end_date", end.toString()));
  }

  /** Reads pages from 1 until the last one, TMDB's 500, or {@code maxPages}. */
  public List<ObjectNode> allPages(IntFunction<TmdbPage> fetch, int maxPages) {
    List<ObjectNode> results = new ArrayList<>();
    int page = 1;
    while (true) {
      TmdbPage current = fetch.apply(page);
      results.addAll(current.results());
      if (!current.hasNext() || page >= maxPages) {
        return results;
      }
      page++;
    }
  }

  private TmdbPage page(String path, int page, Map<String, String> parameters) {
    if (page < 1 || page > MAX_PAGE) {
      throw new IllegalArgumentException("TMDB pages run from 1 to " + MAX_PAGE + ", got " + page);
    }
    Map<String, String> query = new HashMap<>(parameters);
    query.put("page", Integer.toString(page));
    TmdbTransport.Response response = transport.get(path, query);
    if (response.status() == 404) {
      counters.notFound(path);
      return TmdbPage.empty(page);
    }
    JsonNode body = response.body();
    return new TmdbPage(
        body.path("page").asInt(page),
        body.path("total_pages").asInt(0),
        body.path("total_results").asInt(0),
        objects(body.path("results")));
  }

  private Optional<ObjectNode> object(String path, Map<String, String> parameters) {
    TmdbTransport.Response response = transport.get(path, parameters);
    if (response.status() == 404) {
      counters.notFound(path);
      return Optional.empty();
    }
    if (!(response.body() instanceof ObjectNode node)) {
      throw new TmdbException("GET " + path + " answered something other than a JSON object");
    }
    return Optional.of(node);
  }

  private static List<ObjectNode> objects(JsonNode array) {
    List<ObjectNode> objects = new ArrayList<>();
    for (JsonNode element : array) {
      if (element instanceof ObjectNode node) {
        objects.add(node);
      }
    }
    return objects;
  }
}
