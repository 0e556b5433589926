package dev.movielake.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Bad data in good answers, over real HTTP: each kind on, at share 0 and 1, then off again. */
class DataFaultsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String DETAILS = "?append_to_response=credits,reviews,keywords";

  private static TmdbSimulator simulator;

  @BeforeAll
  static void start() {
    simulator = TmdbSimulator.start(SimulatorOptions.defaults().withMovies(200).withSeed(5));
  }

  @AfterAll
  static void stop() {
    simulator.close();
  }

  @AfterEach
  void goodDataAgain() {
    simulator.setDataFaults(DataFaults.none());
  }

  @Test
  void emptyPagesKeepTheirTotalsAndSwitchingOffRestoresThem() throws Exception {
    LocalDate today = simulator.catalog().today();
    List<String> lists =
        List.of(
            "movie/popular?page=2",
            "movie/top_rated",
            "trending/movie/day",
            "trending/person/day",
            "discover/movie?sort_by=vote_average.desc",
            "movie/changes?start_date=" + today.minusDays(14) + "&end_date=" + today);
    Map<String, JsonNode> good = new HashMap<>();
    for (String list : lists) {
      good.put(list, ok(list));
      assertThat(good.get(list).get("results")).as(list).isNotEmpty();
    }

    simulator.setDataFaults(DataFaults.none().withFault(DataFault.EMPTY_PAGES));
    long before = simulator.stats().injected(DataFault.EMPTY_PAGES);
    for (String list : lists) {
      JsonNode empty = ok(list);
      assertThat(empty.get("results").isArray()).as(list).isTrue();
      assertThat(empty.get("results")).as(list).isEmpty();
      for (String kept : List.of("page", "total_pages", "total_results")) {
        assertThat(empty.get(kept)).as(list + " " + kept).isEqualTo(good.get(list).get(kept));
      }
    }
    assertThat(simulator.stats().injected(DataFault.EMPTY_PAGES) - before).isEqualTo(lists.size());
    long movieId = liveMovies().get(0);
    assertThat(ok("movie/" + movieId).get("id").asLong())
        .as("details are no list")
        .isEqualTo(movieId);

    simulator.setDataFaults(DataFaults.none());
    for (String list : lists) {
      assertThat(ok(list)).as(list).isEqualTo(good.get(list));
    }
  }

  @Test
  void aShareOfPagesIsEmptiedTheSamePagesEveryTime() throws Exception {
    simulator.setDataFaults(DataFaults.none().withFault(DataFault.EMPTY_PAGES, 0.5));
    int pages = ok("movie/popular").get("total_pages").asInt();
    List<Boolean> emptied = new ArrayList<>();
    for (int page = 1; page <= pages; page++) {
      emptied.add(ok("movie/popular?page=" + page).get("results").isEmpty());
    }
    assertThat(emptied).contains(true, false);
    for (int page = 1; page <= pages; page++) {
      assertThat(ok("movie/popular?page=" + page).get("results").isEmpty())
          .as("page " + page)
          .isEqualTo(emptied.get(page - 1));
    }
  }

  @Test
  void nullFieldIsVoteAverageUnlessAnotherIsChosen() throws Exception {
    long movieId = liveMovies().get(1);
    JsonNode good = ok("movie/" + movieId + DETAILS);
    assertThat(good.get("vote_average").isNumber()).isTrue();

    simulator.setDataFaults(DataFaults.none().withFault(DataFault.NULL_FIELD));
    JsonNode nulled = ok("movie/" + movieId + DETAILS);
    assertThat(nulled.has("vote_average")).isTrue();
    assertThat(nulled.get("vote_average").isNull()).isTrue();
    assertThat(nulled.get("vote_count")).isEqualTo(good.get("vote_count"));
    assertThat(nulled.get("credits")).isEqualTo(good.get("credits"));
    assertThat(ok("movie/popular").get("results").get(0).get("vote_average").isNumber())
        .as("list entries keep their values")
        .isTrue();

    for (String field : List.of("vote_count", "popularity", "runtime", "overview", "tagline")) {
      simulator.setDataFaults(
          DataFaults.none().withFault(DataFault.NULL_FIELD).withNullField(field));
      JsonNode other = ok("movie/" + movieId);
      assertThat(other.has(field)).as(field).isTrue();
      assertThat(other.get(field).isNull()).as(field).isTrue();
      assertThat(other.get("vote_average")).as(field).isEqualTo(good.get("vote_average"));
    }

    simulator.setDataFaults(DataFaults.none());
    assertThat(ok("movie/" + movieId + DETAILS)).isEqualTo(good);
  }

  @Test
  void duplicatedKeysCrowdManyMoviesOntoAFewIds() throws Exception {
    List<Long> requested = liveMovies().subList(0, 60);
    simulator.setDataFaults(DataFaults.none().withFault(DataFault.DUPLICATED_KEYS));
    Set<Long> answeredIds = new HashSet<>();
    Set<String> titles = new HashSet<>();
    for (long movieId : requested) {
      JsonNode movie = ok("movie/" + movieId + DETAILS);
      answeredIds.add(movie.get("id").asLong());
      titles.add(movie.get("title").asText());
      assertThat(movie.get("title").asText())
          .as("the rest of the body is the requested movie's")
          .isEqualTo(simulator.catalog().titleOf(movieId));
      assertThat(movie.get("credits").get("cast")).hasSize(simulator.catalog().castSize(movieId));
    }
    assertThat(simulator.duplicatedKeys()).hasSize(3);
    assertThat(answeredIds).hasSizeLessThanOrEqualTo(3).isSubsetOf(simulator.duplicatedKeys());
    assertThat(titles).hasSizeGreaterThan(50);

    simulator.setDataFaults(DataFaults.none());
    for (long movieId : requested.subList(0, 10)) {
      assertThat(ok("movie/" + movieId).get("id").asLong()).isEqualTo(movieId);
    }
  }

  @Test
  void outOfRangeValuesAreAbsurd() throws Exception {
    List<Long> movies = liveMovies().subList(0, 20);
    simulator.setDataFaults(DataFaults.none().withFault(DataFault.OUT_OF_RANGE));
    Set<Double> voteAverages = new HashSet<>();
    for (long movieId : movies) {
      JsonNode movie = ok("movie/" + movieId);
      double voteAverage = movie.get("vote_average").asDouble();
      voteAverages.add(voteAverage);
      assertThat(voteAverage > 10 || voteAverage < 0).as("vote_average " + voteAverage).isTrue();
      assertThat(movie.get("popularity").asDouble()).isNegative();
      assertThat(movie.get("runtime").asInt()).isEqualTo(99_999);
      assertThat(movie.get("vote_count").asInt()).isNegative();
      assertThat(movie.get("id").asLong()).isEqualTo(movieId);
    }
    assertThat(voteAverages).containsExactlyInAnyOrder(57.3, -2.5);

    simulator.setDataFaults(DataFaults.none());
    for (long movieId : movies) {
      JsonNode movie = ok("movie/" + movieId);
      assertThat(movie.get("vote_average").asDouble()).isBetween(0.0, 10.0);
      assertThat(movie.get("popularity").asDouble()).isNotNegative();
      assertThat(movie.get("vote_count").asInt()).isNotNegative();
    }
  }

  @Test
  void schemaChangeRenamesRetypesAndStaysValidJson() throws Exception {
    long movieId =
        liveMovies().stream()
            .filter(id -> simulator.catalog().movie(id).orElseThrow().genreIds().size() > 1)
            .findFirst()
            .orElseThrow();
    JsonNode good = ok("movie/" + movieId + DETAILS);
    simulator.setDataFaults(DataFaults.none().withFault(DataFault.SCHEMA_CHANGE));
    HttpResponse<String> response = get("movie/" + movieId + DETAILS);
    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode drifted = JSON.readTree(response.body());

    assertThat(drifted.has("vote_average")).isFalse();
    assertThat(drifted.get("rating")).isEqualTo(good.get("vote_average"));
    List<String> fields = new ArrayList<>();
    drifted.fieldNames().forEachRemaining(fields::add);
    assertThat(fields.indexOf("rating")).as("renamed in place").isEqualTo(fieldIndex(good));
    assertThat(drifted.get("genres")).hasSameSizeAs(good.get("genres"));
    for (int i = 0; i < good.get("genres").size(); i++) {
      assertThat(drifted.get("genres").get(i).isTextual()).isTrue();
      assertThat(drifted.get("genres").get(i).asText())
          .isEqualTo(good.get("genres").get(i).get("name").asText());
    }
    assertThat(drifted.get("vote_count").isTextual()).isTrue();
    assertThat(drifted.get("vote_count").asText()).isEqualTo(good.get("vote_count").asText());
    assertThat(drifted.get("credits")).isEqualTo(good.get("credits"));

    simulator.setDataFaults(DataFaults.none());
    assertThat(ok("movie/" + movieId + DETAILS)).isEqualTo(good);
  }

  @Test
  void shareZeroChangesNothingShareOneEverythingAndAShareInBetweenRepeats() throws Exception {
    List<Long> movies = liveMovies().subList(0, 100);
    List<String> good = new ArrayList<>();
    for (long movieId : movies) {
      good.add(get("movie/" + movieId).body());
    }

    DataFaults zero = DataFaults.none();
    for (DataFault fault : DataFault.values()) {
      zero = zero.withFault(fault, 0);
    }
    assertThat(zero).isEqualTo(DataFaults.none());
    simulator.setDataFaults(zero);
    for (int i = 0; i < movies.size(); i++) {
      assertThat(get("movie/" + movies.get(i)).body()).isEqualTo(good.get(i));
    }

    simulator.setDataFaults(DataFaults.none().withFault(DataFault.NULL_FIELD, 1.0));
    assertThat(nulledVoteAverages(movies)).hasSameSizeAs(movies);

    simulator.setDataFaults(DataFaults.none().withFault(DataFault.NULL_FIELD, 0.3));
    long before = simulator.stats().injected(DataFault.NULL_FIELD);
    List<Long> someNulled = nulledVoteAverages(movies);
    assertThat(someNulled).hasSizeBetween(15, 45);
    assertThat(simulator.stats().injected(DataFault.NULL_FIELD) - before)
        .isEqualTo(someNulled.size());
    assertThat(nulledVoteAverages(movies)).as("the same movies again").isEqualTo(someNulled);

    try (TmdbSimulator twin =
        TmdbSimulator.start(
            SimulatorOptions.defaults()
                .withMovies(200)
                .withSeed(5)
                .withDataFaults(DataFaults.none().withFault(DataFault.NULL_FIELD, 0.3)))) {
      for (long movieId : movies) {
        JsonNode movie = JSON.readTree(get(twin, "movie/" + movieId).body());
        assertThat(movie.get("vote_average").isNull())
            .as("movie " + movieId + " on a twin started with the fault")
            .isEqualTo(someNulled.contains(movieId));
      }
    }
  }

  @Test
  void kindsCombineOnOneMovieAndTheStatisticsCountEach() throws Exception {
    long movieId = liveMovies().get(2);
    simulator.setDataFaults(
        DataFaults.none()
            .withFault(DataFault.OUT_OF_RANGE)
            .withFault(DataFault.NULL_FIELD)
            .withNullField("runtime")
            .withFault(DataFault.SCHEMA_CHANGE)
            .withFault(DataFault.DUPLICATED_KEYS));
    SimulatorStats before = simulator.stats();
    JsonNode movie = ok("movie/" + movieId);
    assertThat(movie.get("runtime").isNull()).as("null wins over out of range").isTrue();
    assertThat(movie.get("rating").asDouble()).isIn(57.3, -2.5);
    assertThat(movie.get("vote_count").asText()).isEqualTo("-1000");
    assertThat(simulator.duplicatedKeys()).contains(movie.get("id").asLong());
    SimulatorStats after = simulator.stats();
    for (DataFault fault :
        List.of(
            DataFault.OUT_OF_RANGE,
            DataFault.NULL_FIELD,
            DataFault.SCHEMA_CHANGE,
            DataFault.DUPLICATED_KEYS)) {
      assertThat(after.injected(fault) - before.injected(fault)).as(fault.name()).isEqualTo(1);
    }
    assertThat(simulator.dataFaults().toString())
        .isEqualTo(
            "null-field=1.0 (runtime), duplicated-keys=1.0, out-of-range=1.0,"
                + " schema-change=1.0");
  }

  @Test
  void invalidDataFaultsNameTheProblemAndTheFix() {
    assertThatThrownBy(() -> DataFaults.none().withFault(DataFault.EMPTY_PAGES, 1.5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("share of data fault empty-pages must be within 0..1, got 1.5")
        .hasMessageContaining("give 1 to affect every record");
    assertThatThrownBy(() -> DataFaults.none().withFault(DataFault.OUT_OF_RANGE, -0.1))
        .hasMessageContaining("out-of-range must be within 0..1");
    assertThatThrownBy(() -> DataFaults.none().withFault(DataFault.NULL_FIELD, Double.NaN))
        .hasMessageContaining("got NaN");
    assertThatThrownBy(() -> DataFaults.none().withNullField("rating"))
        .hasMessageContaining("cannot null 'rating': movie details have no such field")
        .hasMessageContaining("choose one of adult,")
        .hasMessageContaining("vote_average, vote_count");
    assertThatThrownBy(() -> DataFaults.none().withNullField("id"))
        .hasMessageContaining("'id', the movie's key")
        .hasMessageContaining("duplicated-keys");
    assertThatThrownBy(() -> DataFault.named("empty"))
        .hasMessage(
            "unknown data fault 'empty': choose one of empty-pages, null-field, duplicated-keys,"
                + " out-of-range, schema-change");
    assertThat(DataFault.named("empty-pages")).isEqualTo(DataFault.EMPTY_PAGES);
    assertThat(DataFault.named(" SCHEMA_CHANGE ")).isEqualTo(DataFault.SCHEMA_CHANGE);
    assertThatThrownBy(() -> simulator.setDataFaults(null))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> SimulatorOptions.defaults().withDataFaults(null))
        .isInstanceOf(NullPointerException.class);
  }

  private static int fieldIndex(JsonNode good) {
    List<String> fields = new ArrayList<>();
    good.fieldNames().forEachRemaining(fields::add);
    return fields.indexOf("vote_average");
  }

  private static List<Long> nulledVoteAverages(List<Long> movies)
      throws IOException, InterruptedException {
    List<Long> nulled = new ArrayList<>();
    for (long movieId : movies) {
      if (ok("movie/" + movieId).get("vote_average").isNull()) {
        nulled.add(movieId);
      }
    }
    return nulled;
  }

  private static List<Long> liveMovies() {
    return simulator.catalog().movieIds().stream()
        .filter(id -> !simulator.catalog().deletedMovieIds().contains(id))
        .toList();
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
}
