package dev.movielake.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Every endpoint on the hand-made {@link Fixtures}, over HTTP. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiServerTest {
  private TestApi api;

  @BeforeAll
  void start() {
    api = new TestApi();
  }

  @AfterAll
  void stop() {
    api.close();
  }

  private static List<String> texts(JsonNode items, String field) {
    List<String> values = new ArrayList<>();
    items.forEach(item -> values.add(item.get(field).asText()));
    return values;
  }

  private static List<Long> numbers(JsonNode items, String field) {
    List<Long> values = new ArrayList<>();
    items.forEach(item -> values.add(item.get(field).asLong()));
    return values;
  }

  @Test
  void movieByIdIsTheDocumentWithoutIdAndWithPlainJsonValues() {
    TestApi.Response response = api.get("/movies/1");
    assertThat(response.status()).isEqualTo(200);
    assertThat(response.header("Content-Type")).startsWith("application/json");
    JsonNode json = response.json();
    assertThat(json.get("success").asBoolean()).isTrue();
    assertThat(json.has("message")).isTrue();
    assertThat(json.get("message").isNull()).isTrue();
    assertThat(json.has("total_count")).isFalse();
    JsonNode movie = json.get("data");
    assertThat(movie.has("_id")).isFalse();
    assertThat(movie.get("movie_id").asLong()).isEqualTo(1);
    assertThat(movie.get("title").asText()).isEqualTo("The Matrix");
    assertThat(movie.get("observed_at").asText())
        .matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z");
    assertThat(movie.get("_meta").get("source_snapshot_id").asLong()).isEqualTo(42);
    assertThat(movie.get("genres").get(1).get("name").asText()).isEqualTo("Science Fiction");
  }

  @Test
  void objectIdsAndDecimalsBecomeHexAndNumbers() {
    JsonNode movie = api.get("/movies/6").data();
    assertThat(movie.get("legacy_ref").asText()).isEqualTo("0123456789abcdef01234567");
    assertThat(movie.get("exact_budget").isNumber()).isTrue();
    assertThat(movie.get("exact_budget").decimalValue()).isEqualByComparingTo("1234.50");
    assertThat(movie.get("release_date").isNull()).isTrue();
  }

  @Test
  void unknownMovieIs404AndNonNumericIs400NamingTheParameter() {
    TestApi.Response missing = api.get("/movies/999");
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.json().get("success").asBoolean()).isFalse();
    assertThat(missing.json().get("status").asInt()).isEqualTo(404);
    assertThat(missing.json().get("error").asText()).isEqualTo("not_found");
    assertThat(missing.json().get("message").asText()).contains("999");

    TestApi.Response invalid = api.get("/movies/abc");
    assertThat(invalid.status()).isEqualTo(400);
    assertThat(invalid.json().get("error").asText()).isEqualTo("invalid_parameter");
    assertThat(invalid.json().get("message").asText())
        .isEqualTo("movie_id must be an integer between 1 and 9223372036854775807 (got 'abc')");
    assertThat(invalid.json().get("detail").asText())
        .isEqualTo(invalid.json().get("message").asText());
  }

  @Test
  void fixedMoviePathsAreNotTakenForMovieIds() {
    assertThat(api.get("/movies/search?q=matrix").status()).isEqualTo(200);
    assertThat(api.get("/movies/popular").status()).isEqualTo(200);
    assertThat(api.get("/movies/top-rated").status()).isEqualTo(200);
    assertThat(api.get("/movies/trending").status()).isEqualTo(200);
    assertThat(api.get("/people/search?q=keanu").status()).isEqualTo(200);
    assertThat(api.get("/people/popular").status()).isEqualTo(200);
  }

  @Test
  void searchMatchesTitlesCaseInsensitivelyMostPopularFirst() {
    TestApi.Response response = api.get("/movies/search?q=MATRIX");
    assertThat(texts(response.data(), "title"))
        .containsExactly("The Matrix", "The Matrix Reloaded");
    assertThat(response.json().get("total_count").asLong()).isEqualTo(2);
    assertThat(response.json().get("limit").asInt()).isEqualTo(20);
    assertThat(response.json().get("offset").asInt()).isEqualTo(0);
    assertThat(response.json().get("next_offset").isNull()).isTrue();
    assertThat(texts(api.get("/movies/search?q=am%C3%A9lie").data(), "title"))
        .containsExactly("Amélie");
  }

  @Test
  void searchPagesWithNextOffset() {
    TestApi.Response first = api.get("/movies/search?q=the&limit=1");
    assertThat(texts(first.data(), "title")).containsExactly("The Matrix");
    assertThat(first.json().get("total_count").asLong()).isEqualTo(2);
    assertThat(first.json().get("next_offset").asInt()).isEqualTo(1);
    TestApi.Response second = api.get("/movies/search?q=the&limit=1&offset=1");
    assertThat(texts(second.data(), "title")).containsExactly("The Matrix Reloaded");
    assertThat(second.json().get("next_offset").isNull()).isTrue();
    TestApi.Response beyond = api.get("/movies/search?q=the&limit=1&offset=5");
    assertThat(beyond.data()).isEmpty();
    assertThat(beyond.json().get("total_count").asLong()).isEqualTo(2);
  }

  @Test
  void searchTakesTheQueryLiterally() {
    assertThat(api.get("/movies/search?q=.*").data()).isEmpty();
    assertThat(api.get("/movies/search?q=%5E").data()).isEmpty();
    assertThat(api.get("/movies/search?q=(").data()).isEmpty();
    assertThat(api.get("/movies/search?q=%7B%22%24gt%22%3A%22%22%7D").data()).isEmpty();
  }

  @Test
  void searchValidatesQ() {
    assertThat(api.get("/movies/search").json().get("message").asText()).isEqualTo("q is required");
    assertThat(api.get("/movies/search?q=%20%20").json().get("message").asText())
        .isEqualTo("q must not be empty");
    assertThat(api.get("/movies/search?q=" + "a".repeat(201)).json().get("message").asText())
        .isEqualTo("q must be at most 200 characters (got 201)");
    assertThat(api.get("/movies/search?q=a%00b").status()).isEqualTo(400);
  }

  @Test
  void limitAndOffsetAreBoundedWithMessagesThatNameTheRange() {
    TestApi.Response tooMany = api.get("/movies/popular?limit=500");
    assertThat(tooMany.status()).isEqualTo(400);
    assertThat(tooMany.json().get("message").asText())
        .isEqualTo("limit must be between 1 and 100 (got 500)");
    assertThat(api.get("/movies/popular?limit=0").json().get("message").asText())
        .isEqualTo("limit must be between 1 and 100 (got 0)");
    assertThat(api.get("/movies/popular?limit=1e3").json().get("message").asText())
        .isEqualTo("limit must be an integer between 1 and 100 (got '1e3')");
    assertThat(api.get("/movies/popular?limit=12abc").status()).isEqualTo(400);
    assertThat(api.get("/movies/popular?limit=%2B5").status()).isEqualTo(400);
    assertThat(api.get("/movies/popular?limit=99999999999999999999").status()).isEqualTo(400);
    assertThat(api.get("/movies/popular?offset=-1").json().get("message").asText())
        .isEqualTo("offset must be between 0 and 10000 (got -1)");
    assertThat(api.get("/movies/popular?limit=1&limit=2").json().get("message").asText())
        .isEqualTo("limit must be given once (got 2 values)");
  }

  @Test
  void popularIsByAveragePopularityOptionallyOfOneYear() {
    TestApi.Response response = api.get("/movies/popular?limit=3");
    assertThat(numbers(response.data(), "movie_id")).containsExactly(4L, 1L, 2L);
    assertThat(response.json().get("total_count").asLong()).isEqualTo(5);
    assertThat(response.json().get("next_offset").asInt()).isEqualTo(3);
    assertThat(numbers(api.get("/movies/popular?year=2001").data(), "movie_id"))
        .containsExactly(3L);
    assertThat(api.get("/movies/popular?year=1500").json().get("message").asText())
        .isEqualTo("year must be between 1870 and 2200 (got 1500)");
  }

  @Test
  void topRatedKeepsMoviesWithEnoughReviews() {
    TestApi.Response response = api.get("/movies/top-rated");
    // 3 has 9 reviews (< 10), 5 has none: 4 (8.8), 1 (8.7), 2 (7.0).
    assertThat(numbers(response.data(), "movie_id")).containsExactly(4L, 1L, 2L);
    assertThat(response.json().get("total_count").asLong()).isEqualTo(3);
    assertThat(response.data().get(0).get("total_reviews").asLong()).isEqualTo(10);
    assertThat(response.data().get(0).get("avg_rating").asDouble()).isEqualTo(8.8);
    assertThat(numbers(api.get("/movies/top-rated?min_reviews=0").data(), "movie_id"))
        .containsExactly(4L, 1L, 3L, 2L);
    assertThat(numbers(api.get("/movies/top-rated?min_reviews=20").data(), "movie_id"))
        .containsExactly(2L);
    TestApi.Response page = api.get("/movies/top-rated?limit=2&offset=1");
    assertThat(numbers(page.data(), "movie_id")).containsExactly(1L, 2L);
    assertThat(page.json().get("total_count").asLong()).isEqualTo(3);
  }

  @Test
  void trendingTakesEachMovieBestWindowWithinTheHours() {
    TestApi.Response day = api.get("/movies/trending");
    assertThat(numbers(day.data(), "movie_id")).containsExactly(1L, 2L, 4L);
    assertThat(day.data().get(0).get("trend_score").asDouble()).isEqualTo(9.0);
    // Movie 3's window started 30 hours ago.
    assertThat(numbers(api.get("/movies/trending?hours=48").data(), "movie_id"))
        .containsExactly(3L, 1L, 2L, 4L);
    assertThat(numbers(api.get("/movies/trending?hours=48&limit=2").data(), "movie_id"))
        .containsExactly(3L, 1L);
    assertThat(api.get("/movies/trending?hours=169").json().get("message").asText())
        .isEqualTo("hours must be between 1 and 168 (got 169)");
    assertThat(api.get("/movies/trending?limit=51").status()).isEqualTo(400);
  }

  @Test
  void genreListsItsMoviesByVoteAverage() {
    assertThat(numbers(api.get("/movies/genre/Action").data(), "movie_id"))
        .containsExactly(4L, 1L, 2L);
    assertThat(numbers(api.get("/movies/genre/Science%20Fiction?limit=1").data(), "movie_id"))
        .containsExactly(4L);
    assertThat(api.get("/movies/genre/Western").data()).isEmpty();
  }

  @Test
  void sentimentIsTheReviewMetricsOr404() {
    JsonNode sentiment = api.get("/movies/1/sentiment").data();
    assertThat(sentiment.get("total_reviews").asLong()).isEqualTo(12);
    assertThat(sentiment.get("avg_sentiment").asDouble()).isEqualTo(0.6);
    assertThat(api.get("/movies/5/sentiment").status()).isEqualTo(404);
  }

  @Test
  void castIsInBillingOrderAndCrewFiltersByDepartment() {
    assertThat(texts(api.get("/movies/1/cast").data(), "character"))
        .containsExactly("Neo", "Trinity");
    assertThat(texts(api.get("/movies/1/cast?limit=1").data(), "character")).containsExactly("Neo");
    assertThat(texts(api.get("/movies/2/crew").data(), "job"))
        .containsExactly("Director", "Writer");
    assertThat(texts(api.get("/movies/2/crew?department=Writing").data(), "job"))
        .containsExactly("Writer");
    assertThat(api.get("/movies/5/cast").data()).isEmpty();
  }

  @Test
  void peopleEndpoints() {
    assertThat(api.get("/people/10").data().get("name").asText()).isEqualTo("Keanu Reeves");
    assertThat(api.get("/people/99").status()).isEqualTo(404);
    assertThat(api.get("/people/x").status()).isEqualTo(400);
    assertThat(texts(api.get("/people/search?q=an").data(), "name"))
        .containsExactly("Keanu Reeves", "Christopher Nolan", "Carrie-Anne Moss", "Lana Wachowski");
    assertThat(texts(api.get("/people/search?q=carrie-anne").data(), "name"))
        .containsExactly("Carrie-Anne Moss");
    assertThat(texts(api.get("/people/popular").data(), "name"))
        .containsExactly("Keanu Reeves", "Christopher Nolan", "Carrie-Anne Moss", "Lana Wachowski");
    assertThat(texts(api.get("/people/popular?department=Directing").data(), "name"))
        .containsExactly("Christopher Nolan", "Lana Wachowski");
  }

  @Test
  void personMoviesAreNewestFirstWithTheirCredit() {
    JsonNode movies = api.get("/people/10/movies").data();
    assertThat(numbers(movies, "movie_id")).containsExactly(2L, 1L, 6L);
    assertThat(movies.get(0).get("character").asText()).isEqualTo("Neo");
    assertThat(movies.get(0).get("credit_type").asText()).isEqualTo("cast");
    JsonNode crew = api.get("/people/12/movies?credit_type=crew").data();
    assertThat(numbers(crew, "movie_id")).containsExactly(2L, 2L, 1L);
    assertThat(api.get("/people/12/movies?credit_type=cast").data()).isEmpty();
    assertThat(api.get("/people/12/movies?credit_type=actor").json().get("message").asText())
        .isEqualTo("credit_type must be one of cast, crew (got 'actor')");
  }

  @Test
  void genreTrendsWeightRatingsByMovieCount() {
    TestApi.Response response = api.get("/analytics/genre-trends?years=2019,2020");
    JsonNode rows = response.data();
    assertThat(rows).hasSize(3);
    assertThat(texts(rows, "genre_name")).containsExactly("Action", "Drama", "Action");
    assertThat(numbers(rows, "release_year")).containsExactly(2019L, 2019L, 2020L);
    JsonNode action2020 = rows.get(2);
    assertThat(action2020.get("movie_count").asLong()).isEqualTo(40);
    // (30 * 6.0 + 10 * 8.0) / 40
    assertThat(action2020.get("avg_rating").asDouble()).isCloseTo(6.5, within(1e-9));
    assertThat(action2020.get("total_revenue").asLong()).isEqualTo(3500);
    assertThat(api.get("/analytics/genre-trends").data()).hasSize(4);
    assertThat(api.get("/analytics/genre-trends?years=2019,x").status()).isEqualTo(400);
    String fiftyOne = String.join(",", Collections.nCopies(51, "2000"));
    assertThat(api.get("/analytics/genre-trends?years=" + fiftyOne).json().get("message").asText())
        .isEqualTo("years must have at most 50 values (got 51)");
  }

  @Test
  void sentimentTrendsArePerUtcDayWeightedByReviews() {
    JsonNode days = api.get("/analytics/sentiment-trends").data();
    assertThat(texts(days, "date"))
        .containsExactly(Fixtures.TWO_DAYS_AGO.toString(), Fixtures.YESTERDAY.toString());
    assertThat(days.get(0).get("review_count").asLong()).isEqualTo(4);
    assertThat(days.get(0).get("avg_sentiment").asDouble()).isCloseTo(-0.5, within(1e-9));
    assertThat(days.get(1).get("review_count").asLong()).isEqualTo(40);
    // (10 * 0.5 + 30 * 0.1) / 40
    assertThat(days.get(1).get("avg_sentiment").asDouble()).isCloseTo(0.2, within(1e-9));
    assertThat(days.get(1).get("positive_count").asLong()).isEqualTo(16);
    JsonNode movieTwo = api.get("/analytics/sentiment-trends?movie_id=2").data();
    assertThat(movieTwo).hasSize(1);
    assertThat(movieTwo.get(0).get("avg_sentiment").asDouble()).isCloseTo(0.1, within(1e-9));
    assertThat(api.get("/analytics/sentiment-trends?days=60").data()).hasSize(3);
    assertThat(api.get("/analytics/sentiment-trends?days=366").json().get("message").asText())
        .isEqualTo("days must be between 1 and 365 (got 366)");
  }

  @Test
  void performanceListsCollectionsWithCountsAndIndexes() {
    JsonNode collections = api.get("/analytics/performance").data();
    JsonNode movies = null;
    for (JsonNode collection : collections) {
      if (collection.get("collection").asText().equals("movies")) {
        movies = collection;
      }
    }
    assertThat(movies).isNotNull();
    assertThat(movies.get("documents").asLong()).isEqualTo(6);
    List<String> indexes = new ArrayList<>();
    movies.get("indexes").forEach(index -> indexes.add(index.asText()));
    assertThat(indexes).contains("_id_", "genres.name_1_release_year_1");
  }

  @Test
  void lakehouseTables() {
    TestApi.Response tables = api.get("/lakehouse/tables");
    assertThat(tables.data()).hasSize(2);
    JsonNode first = tables.data().get(0);
    assertThat(first.get("layer").asText()).isEqualTo("silver");
    assertThat(first.get("record_count").asLong()).isEqualTo(1000);
    assertThat(first.get("current_snapshot_id").asLong()).isEqualTo(3);
    assertThat(first.get("last_commit_time").asText()).isEqualTo("2026-01-02T03:04:05Z");
    assertThat(first.get("manifest_count").asInt()).isEqualTo(25);
    assertThat(first.get("health_score").asInt()).isEqualTo(94);
    JsonNode deduction = first.get("health_deductions").get(0);
    assertThat(deduction.get("input").asText()).isEqualTo("manifests");
    assertThat(deduction.get("points_lost").asDouble()).isEqualTo(6.2);
    assertThat(deduction.get("reason").asText()).isEqualTo("25 manifests (limit 20)");
    assertThat(tables.data().get(1).get("health_score").asInt()).isEqualTo(100);
    assertThat(tables.data().get(1).get("health_deductions")).isEmpty();
    assertThat(api.get("/lakehouse/tables/gold/movie_metrics").data().get("record_count").asLong())
        .isEqualTo(900);
    assertThat(api.get("/lakehouse/tables/GOLD/movie_metrics").status()).isEqualTo(200);
    TestApi.Response unknown = api.get("/lakehouse/tables/gold/nothing");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.json().get("error").asText()).isEqualTo("not_found");
    assertThat(api.get("/lakehouse/tables/platinum/movies").json().get("message").asText())
        .isEqualTo("layer must be one of bronze, silver, gold (got 'platinum')");
    assertThat(api.get("/lakehouse/tables/gold/1abc").json().get("message").asText())
        .isEqualTo("table must match [A-Za-z_][A-Za-z0-9_]{0,127} (got '1abc')");
  }

  @Test
  void lakehouseSnapshotsHistoryAndMaintenance() {
    TestApi.Response snapshots = api.get("/lakehouse/tables/silver/movies_clean/snapshots?limit=2");
    assertThat(numbers(snapshots.data(), "snapshot_id")).containsExactly(1L, 2L);
    assertThat(snapshots.data().get(0).get("parent_id").isNull()).isTrue();
    assertThat(snapshots.data().get(1).get("parent_id").asLong()).isEqualTo(1);
    assertThat(snapshots.data().get(0).get("summary").get("added-records").asText())
        .isEqualTo("10");
    assertThat(snapshots.json().get("total_count").asLong()).isEqualTo(3);
    assertThat(snapshots.json().get("next_offset").asInt()).isEqualTo(2);
    JsonNode history = api.get("/lakehouse/tables/silver/movies_clean/history").data();
    assertThat(numbers(history, "snapshot_id")).containsExactly(1L, 2L);
    assertThat(history.get(0).get("current_ancestor").asBoolean()).isTrue();
    assertThat(api.get("/lakehouse/tables/silver/nothing/history").status()).isEqualTo(404);
    JsonNode maintenance = api.get("/lakehouse/maintenance").data();
    assertThat(
            maintenance
                .get("tables")
                .get(0)
                .get("last_compaction")
                .get("data_files_before")
                .asLong())
        .isEqualTo(20);
    assertThat(maintenance.get("tables").get(1).get("last_compaction").isNull()).isTrue();
  }

  @Test
  void aFailingCatalogIs503WithoutItsInternals() {
    api.lakehouse.broken(true);
    try {
      for (String path :
          List.of(
              "/lakehouse/tables",
              "/lakehouse/tables/silver/movies_clean",
              "/lakehouse/maintenance",
              "/lakehouse/tables/silver/movies_clean/snapshots")) {
        TestApi.Response response = api.get(path);
        assertThat(response.status()).as(path).isEqualTo(503);
        assertThat(response.json().get("error").asText()).isEqualTo("unavailable");
        assertThat(response.body()).doesNotContain("/secret");
      }
    } finally {
      api.lakehouse.broken(false);
    }
  }

  @Test
  void qualityShowsTheLatestCheckPerTableAndTheScoreHistory() {
    JsonNode quality = api.get("/lakehouse/quality").data();
    JsonNode latest = quality.get("latest");
    assertThat(texts(latest, "table_name")).containsExactly("movie_metrics", "movies_clean");
    assertThat(latest.get(0).get("overall_score").asDouble()).isEqualTo(0.8);
    JsonNode silver = latest.get(1);
    assertThat(silver.get("overall_score").asDouble()).isEqualTo(1.0);
    assertThat(texts(silver.get("rules"), "rule"))
        .containsExactly("not_null_title", "unique_movie_id");
    assertThat(silver.get("rules").get(1).get("pass_rate").asDouble()).isEqualTo(1.0);
    JsonNode history = quality.get("history");
    assertThat(texts(history, "table"))
        .containsExactly("gold.movie_metrics", "silver.movies_clean");
    JsonNode silverPoints = history.get(1).get("points");
    assertThat(silverPoints).hasSize(2);
    assertThat(silverPoints.get(0).get("overall_score").asDouble()).isEqualTo(0.95);
    assertThat(silverPoints.get(1).get("overall_score").asDouble()).isEqualTo(1.0);
    assertThat(api.get("/lakehouse/quality?days=1").data().get("history")).isEmpty();
  }

  @Test
  void qualityScoresShowTheLatestMonitorRunPerTableAndTheOverallHistory() {
    JsonNode scores = api.get("/lakehouse/quality/scores").data();
    JsonNode latest = scores.get("latest");
    assertThat(latest.get("run_id").asText()).isEqualTo("run-2");
    assertThat(latest.get("overall_score").asDouble()).isEqualTo(0.85);
    assertThat(latest.get("level").asText()).isEqualTo("good");
    assertThat(latest.get("layers").asText()).isEqualTo("silver,gold");
    assertThat(latest.get("rows").asLong()).isEqualTo(160);
    assertThat(latest.get("dimensions").get("freshness").asDouble()).isEqualTo(1.0);
    JsonNode tables = latest.get("tables");
    assertThat(texts(tables, "table_name")).containsExactly("movies_by_year_genre", "movies_clean");
    assertThat(texts(tables, "level")).containsExactly("excellent", "warning");
    assertThat(tables.get(1).get("score").asDouble()).isEqualTo(0.7);
    assertThat(tables.get(1).get("failures").get(0).asText())
        .isEqualTo("freshness: last commit 30 h ago, limit 24 h");
    assertThat(tables.get(1).has("_meta")).isFalse();
    assertThat(tables.get(1).has("run_id")).isFalse();

    JsonNode history = scores.get("history");
    assertThat(texts(history, "run_id")).containsExactly("run-1", "run-2");
    assertThat(history.get(0).get("overall_score").asDouble()).isEqualTo(0.7);
    assertThat(history.get(0).get("level").asText()).isEqualTo("warning");
    assertThat(texts(api.get("/lakehouse/quality/scores?days=1").data().get("history"), "run_id"))
        .containsExactly("run-2");
    assertThat(api.get("/lakehouse/quality/scores?days=0").status()).isEqualTo(400);
  }

  @Test
  void auditsShowEachBatchAtItsLatestStateAndTheCountersRise() {
    JsonNode audits = api.get("/lakehouse/audits").data();
    assertThat(texts(audits.get("batches"), "batch"))
        .containsExactly("stream/3", "stream/2", "stream/1");
    assertThat(texts(audits.get("batches"), "state")).containsExactly("held", "released", "passed");
    assertThat(audits.get("counts").get("held").asLong()).isEqualTo(1);
    assertThat(audits.get("counts").get("released").asLong()).isEqualTo(1);
    assertThat(audits.get("batches").get(0).get("failures").get(0).asText())
        .startsWith("movie_id_duplicate_share");

    JsonNode held = api.get("/lakehouse/audits?state=held").data();
    assertThat(texts(held.get("batches"), "batch")).containsExactly("stream/3");
    assertThat(api.get("/lakehouse/audits?state=stuck").status()).isEqualTo(400);

    // Every held entry counts, the released batch's included: the counter never falls. Micrometer
    // holds what the counters read weakly: after a collection they still read the log.
    System.gc();
    assertThat(api.get("/metrics").raw().body())
        .contains("lakehouse_audits_held_total 2.0")
        .contains("lakehouse_audits_passed_total 1.0");
  }

  @Test
  void publishStateListsEachCollectionSnapshot() {
    JsonNode state = api.get("/publish/state").data();
    assertThat(texts(state, "collection")).containsExactly("movies", "people");
    assertThat(state.get(0).get("snapshot_id").asLong()).isEqualTo(42);
    assertThat(state.get(0).get("published_at").asText()).isEqualTo("2026-01-02T03:04:05Z");
  }

  @Test
  void healthIsOkWithMongoAndDegradedWithoutTheCatalog() {
    TestApi.Response health = api.get("/health");
    assertThat(health.status()).isEqualTo(200);
    assertThat(health.data().get("status").asText()).isEqualTo("ok");
    assertThat(health.data().get("mongo").get("state").asText()).isEqualTo("up");
    assertThat(health.data().get("mongo").get("collections").toString()).contains("\"movies\"");
    assertThat(health.data().get("version").asText()).isNotEmpty();
    api.lakehouse.problem("catalog unreachable");
    try {
      TestApi.Response degraded = api.get("/health");
      assertThat(degraded.status()).isEqualTo(200);
      assertThat(degraded.data().get("status").asText()).isEqualTo("degraded");
      assertThat(degraded.data().get("lakehouse").get("problem").asText())
          .isEqualTo("catalog unreachable");
    } finally {
      api.lakehouse.problem(null);
    }
  }

  @Test
  void unknownRoutesAndOtherMethodsAnswerInTheEnvelope() {
    TestApi.Response unknown = api.get("/nothing/here");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.json().get("error").asText()).isEqualTo("not_found");
    TestApi.Response post = api.send("POST", "/movies/1");
    assertThat(post.status()).isEqualTo(405);
    assertThat(post.json().get("success").asBoolean()).isFalse();
    assertThat(api.send("DELETE", "/nothing").status()).isEqualTo(405);
  }

  @Test
  void staticDashboardAndWebjars() {
    TestApi.Response index = api.get("/");
    assertThat(index.status()).isEqualTo(200);
    assertThat(index.header("Content-Type")).startsWith("text/html");
    TestApi.Response echarts = api.get("/webjars/echarts/5.3.1/dist/echarts.min.js");
    assertThat(echarts.status()).isEqualTo(200);
    assertThat(echarts.body().length()).isGreaterThan(100_000);
  }

  @Test
  void metricsRecordRequestsByRouteTemplate() {
    api.get("/movies/1");
    api.get("/movies/2");
    api.get("/movies/999");
    TestApi.Response metrics = api.get("/metrics");
    assertThat(metrics.status()).isEqualTo(200);
    assertThat(metrics.header("Content-Type")).startsWith("text/plain");
    assertThat(metrics.body())
        .containsPattern(
            "http_server_requests_seconds_count\\{[^}]*route=\"/movies/\\{movie_id}\"[^}]*status=\"200\"[^}]*}"
                + " [2-9]");
    assertThat(metrics.body())
        .containsPattern(
            "http_server_requests_seconds_count\\{[^}]*route=\"/movies/\\{movie_id}\"[^}]*status=\"404\"");
    assertThat(metrics.body()).doesNotContain("route=\"/movies/1\"");
  }
}
