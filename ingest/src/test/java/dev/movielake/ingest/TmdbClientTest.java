package dev.movielake.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.movielake.config.TmdbConfig;
import dev.movielake.ingest.tmdb.MovieList;
import dev.movielake.ingest.tmdb.TmdbAuthenticationException;
import dev.movielake.ingest.tmdb.TmdbClient;
import dev.movielake.ingest.tmdb.TmdbCounters;
import dev.movielake.ingest.tmdb.TmdbPage;
import dev.movielake.simulator.Faults;
import dev.movielake.simulator.SimulatorOptions;
import dev.movielake.simulator.TmdbSimulator;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TmdbClientTest {
  private static TmdbSimulator simulator;

  @BeforeAll
  static void start() {
    simulator = TmdbSimulator.start(SimulatorOptions.defaults().withMovies(300).withSeed(7));
  }

  @AfterAll
  static void stop() {
    simulator.close();
  }

  static TmdbConfig config(String key, int requestsPerSecond, Duration timeout) {
    return new TmdbConfig(
        Optional.of(simulator.baseUrl()),
        Optional.of(key),
        Optional.empty(),
        requestsPerSecond,
        4,
        6,
        timeout,
        2,
        300,
        7);
  }

  private TmdbClient client(TmdbCounters counters) {
    return new TmdbClient(
        simulator.baseUrl(), config("simulator-key", 200, Duration.ofSeconds(5)), counters);
  }

  @Test
  void readsEveryEndpointInTmdbsShapes() {
    TmdbClient client = client(new TmdbCounters());
    for (MovieList list : MovieList.values()) {
      TmdbPage page = client.movies(list, 1);
      assertThat(page.results()).as(list.name()).isNotEmpty();
      assertThat(page.results().get(0).has("genre_ids")).isTrue();
      assertThat(page.results().get(0).has("genres")).isFalse();
    }
    long id =
        simulator.catalog().movieIds().stream()
            .filter(movie -> !simulator.catalog().deletedMovieIds().contains(movie))
            .findFirst()
            .orElseThrow();
    ObjectNode details = client.movieDetails(id).orElseThrow();
    assertThat(details.path("genres").isArray()).isTrue();
    assertThat(details.has("budget") && details.has("revenue") && details.has("runtime")).isTrue();
    assertThat(details.path("credits").path("cast").size())
        .isEqualTo(simulator.catalog().castSize(id));
    assertThat(details.path("credits").path("crew").size())
        .isEqualTo(simulator.catalog().crewSize(id));
    assertThat(details.path("reviews").has("total_pages")).isTrue();
    assertThat(details.path("keywords").has("keywords")).isTrue();
    assertThat(client.allMovieReviews(id))
        .hasSize(details.path("reviews").path("total_results").asInt());
    assertThat(client.movieCredits(id)).isPresent();
    long person = simulator.catalog().personIds().get(0);
    assertThat(client.person(person).orElseThrow().path("name").asText()).isNotBlank();
    assertThat(client.personMovieCredits(person)).isPresent();
    assertThat(client.trendingPeople(false, 1).results()).isNotEmpty();
    assertThat(client.genres()).hasSize(19);
    assertThat(
            client.discover(Map.of("sort_by", "popularity.desc", "with_genres", "28"), 1).results())
        .isNotEmpty();
    assertThat(client.searchMovies("the", 1).totalResults()).isPositive();
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    assertThat(client.movieChanges(today.minusDays(13), today, 1).totalResults()).isPositive();
    assertThatThrownBy(() -> client.movieChanges(today.minusDays(20), today, 1))
        .hasMessageContaining("14 days");
  }

  @Test
  void readsReviewPagesUntilTheLast() {
    TmdbClient client = client(new TmdbCounters());
    long manyReviews =
        simulator.catalog().movieIds().stream()
            .filter(movie -> !simulator.catalog().deletedMovieIds().contains(movie))
            .filter(movie -> client.movieReviews(movie, 1).totalPages() > 1)
            .findFirst()
            .orElseThrow();
    TmdbPage first = client.movieReviews(manyReviews, 1);
    assertThat(client.allMovieReviews(manyReviews)).hasSize(first.totalResults());
  }

  @Test
  void aMissingMovieIsCountedAndNamedNotNull() {
    TmdbCounters counters = new TmdbCounters();
    long deleted = simulator.catalog().deletedMovieIds().iterator().next();
    assertThat(client(counters).movieDetails(deleted)).isEmpty();
    assertThat(counters.snapshot().notFound()).isEqualTo(1);
    assertThat(counters.snapshot().skipped())
        .singleElement()
        .asString()
        .contains("movie/" + deleted);
  }

  @Test
  void aBadKeyFailsFastWithTheFixAndWithoutTheKey() {
    TmdbCounters counters = new TmdbCounters();
    TmdbClient client =
        new TmdbClient(
            simulator.baseUrl(), config("wrong-key-1234", 40, Duration.ofSeconds(5)), counters);
    assertThatThrownBy(() -> client.movies(MovieList.POPULAR, 1))
        .isInstanceOf(TmdbAuthenticationException.class)
        .hasMessageContaining("TMDB_API_KEY")
        .hasMessageNotContaining("wrong-key-1234");
    assertThat(counters.snapshot().requests()).isEqualTo(1);
  }

  @Test
  void retriesThroughRateLimitsServerErrorsAndTimeouts() {
    try (TmdbSimulator faulty =
        TmdbSimulator.start(
            SimulatorOptions.defaults()
                .withMovies(100)
                .withSeed(3)
                .withFaults(new Faults(0.2, 0.2, 0.1, Duration.ofSeconds(3), Duration.ZERO, 1)))) {
      TmdbCounters counters = new TmdbCounters();
      TmdbConfig config =
          new TmdbConfig(
              Optional.of(faulty.baseUrl()),
              Optional.of("simulator-key"),
              Optional.empty(),
              100,
              4,
              8,
              Duration.ofMillis(700),
              1,
              100,
              3);
      TmdbClient client = new TmdbClient(faulty.baseUrl(), config, counters);
      List<ObjectNode> popular = client.allPages(page -> client.movies(MovieList.POPULAR, page), 3);
      assertThat(popular).hasSize(60);
      TmdbCounters.Snapshot snapshot = counters.snapshot();
      assertThat(snapshot.rateLimited() + snapshot.serverErrors() + snapshot.timeouts())
          .isPositive();
      assertThat(snapshot.retries())
          .isEqualTo(snapshot.rateLimited() + snapshot.serverErrors() + snapshot.timeouts());
      assertThat(snapshot.failed()).isZero();
    }
  }

  @Test
  void neverExceedsTheConfiguredRate() {
    try (TmdbSimulator limited =
        TmdbSimulator.start(SimulatorOptions.defaults().withMovies(100).withSeed(5))) {
      TmdbConfig config =
          new TmdbConfig(
              Optional.of(limited.baseUrl()),
              Optional.of("simulator-key"),
              Optional.empty(),
              20,
              4,
              6,
              Duration.ofSeconds(5),
              1,
              100,
              5);
      TmdbClient client = new TmdbClient(limited.baseUrl(), config, new TmdbCounters());
      Instant started = Instant.now();
      List<Thread> threads = new ArrayList<>();
      for (int thread = 0; thread < 4; thread++) {
        Thread worker =
            new Thread(
                () -> {
                  for (int request = 0; request < 15; request++) {
                    client.movies(MovieList.POPULAR, 1);
                  }
                });
        worker.start();
        threads.add(worker);
      }
      threads.forEach(
          thread -> {
            try {
              thread.join();
            } catch (InterruptedException e) {
              throw new IllegalStateException(e);
            }
          });
      // The client spaces sends so that 21 take longer than a second; the simulator counts
      // arrivals,
      // and a thread delayed on a loaded machine can carry one request across a window's edge.
      assertThat(limited.stats().maxRequestsInOneSecond()).isLessThanOrEqualTo(21);
      // 60 requests at 20/s (spaced 2.5 % wider) cannot finish in under 2.9 s.
      assertThat(Duration.between(started, Instant.now()))
          .isGreaterThanOrEqualTo(Duration.ofMillis(2900));
    }
  }
}
