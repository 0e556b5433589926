package dev.movielake.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongPredicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TmdbSimulatorTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final List<String> LIST_ENTRY_FIELDS =
      List.of(
          "adult",
          "backdrop_path",
          "genre_ids",
          "id",
          "original_language",
          "original_title",
          "overview",
          "popularity",
          "poster_path",
          "release_date",
          "title",
          "video",
          "vote_average",
          "vote_count");

  private static TmdbSimulator simulator;

  @BeforeAll
  static void start() {
    simulator = TmdbSimulator.start(SimulatorOptions.defaults());
  }

  @AfterAll
  static void stop() {
    simulator.close();
  }

  @Test
  void movieListsHaveTmdbPageShapeAndListEntries() throws Exception {
    for (String list :
        List.of(
            "movie/popular",
            "movie/top_rated",
            "movie/now_playing",
            "movie/upcoming",
            "trending/movie/day",
            "trending/movie/week",
            "discover/movie")) {
      JsonNode page = ok(list);
      assertThat(fieldNames(page))
          .as(list)
          .contains("page", "results", "total_pages", "total_results");
      assertThat(page.get("results")).as(list).isNotEmpty().hasSizeLessThanOrEqualTo(20);
      JsonNode first = page.get("results").get(0);
      assertThat(fieldNames(first))
          .as(list)
          .containsAll(LIST_ENTRY_FIELDS)
          .doesNotContain("genres");
      assertThat(first.get("genre_ids").isArray()).isTrue();
    }
    JsonNode popular = ok("movie/popular");
    assertThat(popular.get("results")).hasSize(20);
    assertThat(popular.get("total_results").asInt()).isGreaterThanOrEqualTo(1000);
    assertThat(ok("movie/now_playing").get("dates").has("minimum")).isTrue();
    assertThat(ok("trending/movie/day").get("results").get(0).get("media_type").asText())
        .isEqualTo("movie");
  }

  @Test
  void popularIsOrderedByPopularityAndTopRatedByVoteAverage() throws Exception {
    assertDescending(ok("movie/popular").get("results"), "popularity");
    assertDescending(ok("movie/top_rated?page=2").get("results"), "vote_average");
    assertDescending(ok("discover/movie?sort_by=vote_average.desc").get("results"), "vote_average");
  }

  @Test
  void everyMovieIsReachableThroughPopularDespiteShiftingPages() throws Exception {
    Set<Long> seen = new HashSet<>();
    int duplicates = 0;
    JsonNode first = ok("movie/popular");
    for (int page = 1; page <= first.get("total_pages").asInt(); page++) {
      for (JsonNode movie : ok("movie/popular?page=" + page).get("results")) {
        if (!seen.add(movie.get("id").asLong())) duplicates++;
      }
    }
    assertThat(seen).containsExactlyInAnyOrderElementsOf(simulator.catalog().movieIds());
    assertThat(duplicates).isPositive();
  }

  @Test
  void discoverFiltersByDatesVotesAndGenres() throws Exception {
    JsonNode dated =
        ok(
            "discover/movie?primary_release_date.gte=2000-01-01&primary_release_date.lte=2009-12-31"
                + "&sort_by=primary_release_date.desc");
    assertThat(dated.get("results")).isNotEmpty();
    String previous = "9999";
    for (JsonNode movie : dated.get("results")) {
      String released = movie.get("release_date").asText();
      assertThat(released).isBetween("2000-01-01", "2009-12-31").isLessThanOrEqualTo(previous);
      previous = released;
    }
    for (JsonNode movie : ok("discover/movie?vote_count.gte=500").get("results")) {
      assertThat(movie.get("vote_count").asInt()).isGreaterThanOrEqualTo(500);
    }
    JsonNode both = ok("discover/movie?with_genres=28,12");
    for (JsonNode movie : both.get("results")) {
      assertThat(ints(movie.get("genre_ids"))).contains(28, 12);
    }
  }

  @Test
  void movieDetailsAppendCreditsReviewsAndKeywords() throws Exception {
    long movieId =
        liveMovieWhere(
            id -> simulator.catalog().reviewCount(id) > 0 && simulator.catalog().castSize(id) > 0);
    JsonNode movie = ok("movie/" + movieId + "?append_to_response=credits,reviews,keywords");
    assertThat(fieldNames(movie))
        .contains(
            "adult",
            "backdrop_path",
            "belongs_to_collection",
            "budget",
            "genres",
            "homepage",
            "id",
            "imdb_id",
            "original_language",
            "original_title",
            "overview",
            "popularity",
            "poster_path",
            "production_companies",
            "production_countries",
            "release_date",
            "revenue",
            "runtime",
            "spoken_languages",
            "status",
            "title",
            "video",
            "vote_average",
            "vote_count",
            "credits",
            "reviews",
            "keywords")
        .doesNotContain("genre_ids");
    assertThat(fieldNames(movie.get("genres").get(0))).containsExactly("id", "name");
    assertThat(movie.get("credits").get("cast")).hasSize(simulator.catalog().castSize(movieId));
    assertThat(movie.get("credits").get("crew")).hasSize(simulator.catalog().crewSize(movieId));
    assertThat(fieldNames(movie.get("credits").get("cast").get(0)))
        .contains(
            "id",
            "name",
            "character",
            "order",
            "gender",
            "known_for_department",
            "popularity",
            "profile_path",
            "credit_id",
            "cast_id");
    assertThat(fieldNames(movie.get("credits").get("crew").get(0)))
        .contains("id", "name", "department", "job", "credit_id");
    assertThat(movie.get("reviews").get("page").asInt()).isEqualTo(1);
    assertThat(movie.get("reviews").get("total_results").asInt())
        .isEqualTo(simulator.catalog().reviewCount(movieId));
    JsonNode review = movie.get("reviews").get("results").get(0);
    assertThat(fieldNames(review))
        .contains("id", "author", "author_details", "content", "created_at", "updated_at", "url");
    assertThat(fieldNames(review.get("author_details")))
        .containsExactly("name", "username", "avatar_path", "rating");
    assertThat(movie.get("keywords").has("keywords")).isTrue();

    JsonNode plain = ok("movie/" + movieId);
    assertThat(plain.has("credits")).isFalse();
    JsonNode credits = ok("movie/" + movieId + "/credits");
    assertThat(credits.get("id").asLong()).isEqualTo(movieId);
    assertThat(credits.get("cast")).isEqualTo(movie.get("credits").get("cast"));
  }

  @Test
  void reviewsPageBeyondTheFirstTwenty() throws Exception {
    long movieId = liveMovieWhere(id -> simulator.catalog().reviewCount(id) > 20);
    List<String> ids = new ArrayList<>();
    JsonNode first = ok("movie/" + movieId + "/reviews");
    assertThat(first.get("results")).hasSize(20);
    for (int page = 1; page <= first.get("total_pages").asInt(); page++) {
      ok("movie/" + movieId + "/reviews?page=" + page)
          .get("results")
          .forEach(review -> ids.add(review.get("id").asText()));
    }
    assertThat(ids).isEqualTo(simulator.catalog().reviewIdsOf(movieId));
    assertThat(ids.get(0)).matches("[0-9a-f]{24}");
  }

  @Test
  void peopleDetailsCreditsListsAndSearch() throws Exception {
    JsonNode trending = ok("trending/person/week");
    JsonNode entry = trending.get("results").get(0);
    assertThat(fieldNames(entry))
        .contains(
            "id",
            "name",
            "known_for_department",
            "popularity",
            "profile_path",
            "gender",
            "adult",
            "known_for",
            "media_type");
    long personId = entry.get("id").asLong();
    JsonNode person = ok("person/" + personId);
    assertThat(fieldNames(person))
        .contains(
            "biography",
            "birthday",
            "deathday",
            "place_of_birth",
            "also_known_as",
            "imdb_id",
            "known_for_department",
            "name",
            "popularity",
            "profile_path",
            "gender",
            "homepage");
    JsonNode credits = ok("person/" + personId + "/movie_credits");
    assertThat(credits.get("id").asLong()).isEqualTo(personId);
    JsonNode credit =
        credits.get("cast").size() > 0 ? credits.get("cast").get(0) : credits.get("crew").get(0);
    assertThat(fieldNames(credit)).contains("id", "title", "genre_ids", "credit_id");

    String name = person.get("name").asText();
    JsonNode found =
        ok(
            "search/person?query="
                + encode(name.substring(0, Math.min(5, name.length())).toUpperCase()));
    assertThat(found.get("total_results").asInt()).isPositive();
    String title = ok("movie/popular").get("results").get(0).get("title").asText();
    JsonNode movies = ok("search/movie?query=" + encode(title.toLowerCase()));
    assertThat(movies.get("results").findValuesAsText("title")).contains(title);
  }

  @Test
  void genreListHasTmdbsNineteenGenres() throws Exception {
    JsonNode genres = ok("genre/movie/list").get("genres");
    assertThat(genres).hasSize(19);
    assertThat(genres.get(0).toString()).isEqualTo("{\"id\":28,\"name\":\"Action\"}");
    assertThat(genres.findValuesAsText("name")).contains("Science Fiction", "TV Movie", "Western");
  }

  @Test
  void authenticationErrorsAndBearerToken() throws Exception {
    String invalid =
        "{\"success\":false,\"status_code\":7,\"status_message\":\"Invalid API key: You must be"
            + " granted a valid key.\"}";
    HttpResponse<String> missing =
        send(HttpRequest.newBuilder(URI.create(simulator.baseUrl() + "/movie/popular")));
    assertThat(missing.statusCode()).isEqualTo(401);
    assertThat(missing.body()).isEqualTo(invalid);
    HttpResponse<String> wrong =
        send(
            HttpRequest.newBuilder(
                URI.create(simulator.baseUrl() + "/movie/popular?api_key=nope")));
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(wrong.body()).isEqualTo(invalid);
    HttpResponse<String> bearer =
        send(
            HttpRequest.newBuilder(URI.create(simulator.baseUrl() + "/movie/popular"))
                .header("Authorization", "Bearer simulator-token"));
    assertThat(bearer.statusCode()).isEqualTo(200);
    assertThat(bearer.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
  }

  @Test
  void notFoundForUnknownAndDeletedMovies() throws Exception {
    String notFound =
        "{\"success\":false,\"status_code\":34,\"status_message\":\"The resource you requested"
            + " could not be found.\"}";
    HttpResponse<String> unknown = get("movie/1");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.body()).isEqualTo(notFound);
    Set<Long> deleted = simulator.catalog().deletedMovieIds();
    assertThat(deleted).isNotEmpty();
    long deletedId = deleted.iterator().next();
    assertThat(get("movie/" + deletedId).body()).isEqualTo(notFound);
    assertThat(get("person/1").statusCode()).isEqualTo(404);
    assertThat(get("movie/abc").statusCode()).isEqualTo(404);
    assertThat(get("no/such/endpoint").statusCode()).isEqualTo(404);
  }

  @Test
  void pagesOutsideOneToFiveHundredAreRejectedAndBeyondTheEndAreEmpty() throws Exception {
    for (String page : List.of("501", "0", "-1", "x")) {
      HttpResponse<String> response = get("movie/popular?page=" + page);
      assertThat(response.statusCode()).as(page).isEqualTo(400);
      assertThat(JSON.readTree(response.body()).get("status_code").asInt()).isEqualTo(22);
    }
    JsonNode beyond = ok("movie/popular?page=500");
    assertThat(beyond.get("page").asInt()).isEqualTo(500);
    assertThat(beyond.get("results")).isEmpty();
    assertThat(beyond.get("total_pages").asInt()).isLessThan(500);
  }

  @Test
  void changesFeedWindowRulesAndTouch() throws Exception {
    LocalDate today = simulator.catalog().today();
    HttpResponse<String> tooLong =
        get("movie/changes?start_date=" + today.minusDays(15) + "&end_date=" + today);
    assertThat(tooLong.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(tooLong.body()).get("status_message").asText()).contains("14 days");

    LocalDate start = today.minusDays(14);
    JsonNode first = ok("movie/changes?start_date=" + start + "&end_date=" + today);
    Set<Long> expected = simulator.catalog().changedBetween(start, today);
    assertThat(first.get("total_results").asInt()).isEqualTo(expected.size());
    assertThat(first.get("results")).hasSize(100);
    assertThat(fieldNames(first.get("results").get(0))).containsExactly("id", "adult");
    Set<Long> served = new HashSet<>();
    for (int page = 1; page <= first.get("total_pages").asInt(); page++) {
      ok("movie/changes?start_date=" + start + "&end_date=" + today + "&page=" + page)
          .get("results")
          .forEach(change -> served.add(change.get("id").asLong()));
    }
    assertThat(served).isEqualTo(expected);

    try (TmdbSimulator own =
        TmdbSimulator.start(SimulatorOptions.defaults().withMovies(200).withSeed(7))) {
      long movieId =
          own.catalog().movieIds().stream()
              .filter(id -> !own.catalog().deletedMovieIds().contains(id))
              .filter(
                  id ->
                      !own.catalog()
                          .changedBetween(Instant.now().minus(Duration.ofDays(1)), Instant.now())
                          .contains(id))
              .findFirst()
              .orElseThrow();
      JsonNode before = JSON.readTree(get(own, "movie/" + movieId).body());
      own.catalog().touch(movieId, Instant.now().minusSeconds(60));
      JsonNode after = JSON.readTree(get(own, "movie/" + movieId).body());
      assertThat(after.get("vote_count").asInt()).isGreaterThan(before.get("vote_count").asInt());
      JsonNode recent = JSON.readTree(get(own, "movie/changes").body());
      assertThat(recent.get("results").findValues("id").stream().map(JsonNode::asLong))
          .contains(movieId);
      assertThat(
              own.catalog()
                  .changedBetween(LocalDate.now(ZoneOffset.UTC), LocalDate.now(ZoneOffset.UTC)))
          .contains(movieId);
    }
  }

  @Test
  void sameSeedServesIdenticalBodiesAndAnotherSeedDoesNot() throws Exception {
    List<String> paths =
        List.of(
            "movie/popular?page=3",
            "trending/person/day",
            "discover/movie?with_genres=18",
            "movie/changes?start_date=" + LocalDate.now(ZoneOffset.UTC).minusDays(7),
            "genre/movie/list");
    try (TmdbSimulator twin = TmdbSimulator.start(SimulatorOptions.defaults());
        TmdbSimulator other = TmdbSimulator.start(SimulatorOptions.defaults().withSeed(43))) {
      assertThat(twin.catalog().movieIds()).isEqualTo(simulator.catalog().movieIds());
      long movieId = liveMovieWhere(id -> simulator.catalog().reviewCount(id) > 0);
      long personId = simulator.catalog().personIds().get(3);
      List<String> all = new ArrayList<>(paths);
      all.add("movie/" + movieId + "?append_to_response=credits,reviews,keywords");
      all.add("person/" + personId + "/movie_credits");
      for (String path : all) {
        assertThat(get(twin, path).body()).as(path).isEqualTo(get(path).body());
      }
      assertThat(get(other, "movie/popular").body()).isNotEqualTo(get("movie/popular").body());
    }
  }

  @Test
  void catalogHasTheAwkwardCases() {
    SimulatedCatalog catalog = simulator.catalog();
    List<SimulatedMovie> movies = catalog.movies();
    assertThat(movies.stream().filter(movie -> movie.releaseDate().isEmpty()).count())
        .isBetween(5L, 50L);
    assertThat(movies)
        .anyMatch(movie -> movie.tagline() == null)
        .anyMatch(movie -> movie.runtime() == null)
        .anyMatch(movie -> movie.homepage().isEmpty())
        .anyMatch(movie -> movie.budget() == 0)
        .anyMatch(movie -> movie.overview().length() > 2000)
        .anyMatch(movie -> movie.title().codePoints().anyMatch(point -> point > 0x3000))
        .anyMatch(
            movie ->
                movie
                    .originalTitle()
                    .codePoints()
                    .anyMatch(point -> point >= 0x0900 && point <= 0x097F));
    assertThat(catalog.deletedMovieIds()).hasSizeBetween(3, 30);
    assertThat(catalog.people())
        .anyMatch(person -> person.deathday() != null)
        .anyMatch(person -> person.deathday() == null);
    List<SimulatedReview> reviews =
        movies.stream().flatMap(movie -> catalog.reviewsOf(movie.id()).stream()).toList();
    assertThat(reviews)
        .anyMatch(review -> review.rating() == null)
        .anyMatch(review -> review.content().startsWith("An absolute masterpiece"))
        .anyMatch(review -> review.content().startsWith("Boring and far too long"));
  }

  @Test
  void movieWithoutTaglineLeavesTheKeyOut() throws Exception {
    long movieId =
        liveMovieWhere(id -> simulator.catalog().movie(id).orElseThrow().tagline() == null);
    assertThat(ok("movie/" + movieId).has("tagline")).isFalse();
    long emptyDate = liveMovieWhere(id -> simulator.catalog().releaseDateOf(id).isEmpty());
    assertThat(ok("movie/" + emptyDate).get("release_date").asText()).isEmpty();
    assertThat(ok("movie/" + emptyDate).get("release_date").isTextual()).isTrue();
  }

  @Test
  void injectedFaultSharesAreHonoured() throws Exception {
    Faults faults =
        Faults.none().withRateLimitShare(0.2).withServerErrorShare(0.2).withRetryAfterSeconds(2);
    try (TmdbSimulator faulty =
        TmdbSimulator.start(SimulatorOptions.defaults().withMovies(100).withFaults(faults))) {
      int tooMany = 0;
      int serverErrors = 0;
      boolean retryAfterSeen = false;
      for (int i = 0; i < 500; i++) {
        HttpResponse<String> response = get(faulty, "genre/movie/list");
        if (response.statusCode() == 429) {
          tooMany++;
          retryAfterSeen |= response.headers().firstValue("Retry-After").orElse("").equals("2");
          assertThat(JSON.readTree(response.body()).get("status_code").asInt()).isEqualTo(25);
        } else if (response.statusCode() >= 500) {
          serverErrors++;
          assertThat(JSON.readTree(response.body()).get("success").asBoolean()).isFalse();
        }
      }
      assertThat(tooMany).isBetween(75, 125);
      assertThat(serverErrors).isBetween(75, 125);
      assertThat(retryAfterSeen).isTrue();
      SimulatorStats stats = faulty.stats();
      assertThat(stats.totalRequests()).isEqualTo(500);
      assertThat(stats.count(429)).isEqualTo(tooMany);
      assertThat(stats.count(500) + stats.count(502) + stats.count(503)).isEqualTo(serverErrors);
      assertThat(stats.countOf("genre/movie/list")).isEqualTo(500);

      faulty.setFaults(Faults.none());
      assertThat(get(faulty, "genre/movie/list").statusCode()).isEqualTo(200);
    }
  }

  @Test
  void timeoutsHoldTheResponseUntilTheClientGivesUp() throws Exception {
    Faults faults = Faults.none().withTimeouts(1.0, Duration.ofSeconds(3));
    try (TmdbSimulator slow =
        TmdbSimulator.start(SimulatorOptions.defaults().withMovies(50).withFaults(faults))) {
      HttpRequest request =
          HttpRequest.newBuilder(
                  URI.create(slow.baseUrl() + "/genre/movie/list?api_key=simulator-key"))
              .timeout(Duration.ofMillis(300))
              .build();
      long started = System.nanoTime();
      assertThatThrownBy(() -> HTTP.send(request, HttpResponse.BodyHandlers.ofString()))
          .isInstanceOf(HttpTimeoutException.class);
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
      slow.setFaults(Faults.none().withLatency(Duration.ofMillis(150)));
      started = System.nanoTime();
      assertThat(get(slow, "genre/movie/list").statusCode()).isEqualTo(200);
      assertThat(Duration.ofNanos(System.nanoTime() - started))
          .isGreaterThanOrEqualTo(Duration.ofMillis(150));
    }
  }

  @Test
  void rateLimitAnswers429AndStatsRecordThePeak() throws Exception {
    try (TmdbSimulator limited =
        TmdbSimulator.start(SimulatorOptions.defaults().withMovies(50).withRateLimit(10))) {
      List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
      long started = System.nanoTime();
      for (int i = 0; i < 40; i++) {
        responses.add(
            HTTP.sendAsync(
                request(limited, "genre/movie/list").build(),
                HttpResponse.BodyHandlers.ofString()));
      }
      int ok = 0;
      int limitedCount = 0;
      for (CompletableFuture<HttpResponse<String>> future : responses) {
        HttpResponse<String> response = future.get();
        if (response.statusCode() == 200) ok++;
        if (response.statusCode() == 429) {
          limitedCount++;
          assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
          assertThat(JSON.readTree(response.body()).get("status_code").asInt()).isEqualTo(25);
        }
      }
      long elapsedSeconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
      SimulatorStats stats = limited.stats();
      assertThat(ok + limitedCount).isEqualTo(40);
      assertThat(limitedCount).isPositive();
      // On a slow machine the burst may spread over more than a second; each started second admits
      // up to 10.
      assertThat((long) ok).isLessThanOrEqualTo(10 * (1 + elapsedSeconds));
      assertThat(stats.maxRequestsInOneSecond()).isGreaterThan(10);

      Thread.sleep(1100);
      assertThat(get(limited, "genre/movie/list").statusCode()).isEqualTo(200);
    }
  }

  @Test
  void sequentialClientStaysUnderThePeakItProduced() throws Exception {
    try (TmdbSimulator paced = TmdbSimulator.start(SimulatorOptions.defaults().withMovies(50))) {
      for (int i = 0; i < 6; i++) {
        get(paced, "genre/movie/list");
        Thread.sleep(120);
      }
      assertThat(paced.stats().maxRequestsInOneSecond()).isBetween(1, 6);
    }
  }

  @Test
  void closeFreesThePort() throws Exception {
    TmdbSimulator temporary = TmdbSimulator.start(SimulatorOptions.defaults().withMovies(20));
    int port = temporary.port();
    assertThat(temporary.baseUrl()).isEqualTo("http://127.0.0.1:" + port + "/3");
    assertThat(get(temporary, "genre/movie/list").statusCode()).isEqualTo(200);
    temporary.close();
    try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
      assertThat(socket.getLocalPort()).isEqualTo(port);
    }
  }

  private static long liveMovieWhere(LongPredicate condition) {
    return simulator.catalog().movieIds().stream()
        .filter(id -> !simulator.catalog().deletedMovieIds().contains(id))
        .filter(condition::test)
        .findFirst()
        .orElseThrow();
  }

  private static JsonNode ok(String path) throws IOException, InterruptedException {
    return SimulatorClient.ok(simulator, path);
  }

  private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return get(simulator, path);
  }

  private static HttpResponse<String> get(TmdbSimulator target, String path)
      throws IOException, InterruptedException {
    return SimulatorClient.get(target, path);
  }

  private static HttpRequest.Builder request(TmdbSimulator target, String path) {
    return SimulatorClient.request(target, path);
  }

  private static HttpResponse<String> send(HttpRequest.Builder request)
      throws IOException, InterruptedException {
    return SimulatorClient.send(request);
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    Iterator<String> iterator = node.fieldNames();
    iterator.forEachRemaining(names::add);
    return names;
  }

  private static List<Integer> ints(JsonNode array) {
    List<Integer> values = new ArrayList<>();
    array.forEach(value -> values.add(value.asInt()));
    return values;
  }

  private static void assertDescending(JsonNode results, String field) {
    double previous = Double.MAX_VALUE;
    for (JsonNode entry : results) {
      assertThat(entry.get(field).asDouble()).isLessThanOrEqualTo(previous);
      previous = entry.get(field).asDouble();
    }
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }
}
