package dev.movielake.app.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import dev.movielake.api.ApiServer;
import dev.movielake.api.lakehouse.IcebergLakehouseView;
import dev.movielake.api.metrics.PipelineMetrics;
import dev.movielake.config.ServeConfig;
import dev.movielake.infra.FreePort;
import dev.movielake.infra.mongo.EmbeddedMongo;
import dev.movielake.lakehouse.IcebergStorageManager;
import dev.movielake.lakehouse.table.WriteOptions;
import dev.movielake.lakehouse.testing.SharedSpark;
import dev.movielake.model.Layer;
import dev.movielake.publish.Publisher;
import dev.movielake.publish.testing.SilverMovies;
import dev.movielake.stream.gold.GoldAggregates;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.iceberg.Snapshot;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * The serving path for real: Iceberg silver and gold tables (gold computed by the pipeline's own
 * aggregation code) -> the publisher -> embedded MongoDB -> the API over HTTP, with the lakehouse
 * endpoints reading the same catalog's metadata without Spark.
 */
class ServingEndToEndTest {
  private static final StructType TRENDING =
      StructType.fromDDL(
          "window_start TIMESTAMP, window_end TIMESTAMP, movie_id BIGINT, title STRING,"
              + " max_popularity DOUBLE, avg_rating DOUBLE, vote_count INT, release_year INT,"
              + " observations BIGINT, trend_score DOUBLE");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final SparkSession spark = SharedSpark.session();
  private final HttpClient http = HttpClient.newHttpClient();

  private static Row movie(
      long id, String title, int year, String genre, double popularity, double rating) {
    return SilverMovies.movie(id, title)
        .releasedOn(year + "-03-01")
        .genre(genre)
        .popularity(popularity)
        .rating(rating)
        .observedAt(Timestamp.from(Instant.now()))
        .row();
  }

  /**
   * A row of {@link #TRENDING} for the hour before {@code hour}, of a movie released in 2020 and
   * seen twice with 500 votes; {@code values} give the other columns by name.
   */
  private static Row trendingLastHour(Instant hour, Map<String, Object> values) {
    Map<String, Object> columns =
        new HashMap<>(
            Map.of(
                "window_start",
                Timestamp.from(hour.minus(1, ChronoUnit.HOURS)),
                "window_end",
                Timestamp.from(hour),
                "vote_count",
                500,
                "release_year",
                2020,
                "observations",
                2L));
    columns.putAll(values);
    Object[] row = new Object[TRENDING.fields().length];
    for (int index = 0; index < row.length; index++) {
      String name = TRENDING.fields()[index].name();
      if (!columns.containsKey(name)) {
        throw new IllegalArgumentException("no value for the trending column " + name);
      }
      row[index] = columns.get(name);
    }
    return RowFactory.create(row);
  }

  private JsonNode get(String url, String path) throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(url + path)).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(path + " -> " + response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private static List<String> texts(JsonNode items, String field) {
    List<String> values = new ArrayList<>();
    items.forEach(item -> values.add(item.path(field).asText()));
    return values;
  }

  @Test
  void publishedTablesAreServedAndTheLakehouseIsDescribedFromItsMetadata() throws Exception {
    IcebergStorageManager storage = SharedSpark.storage("serving");
    SilverMovies.upsert(
        storage,
        movie(1, "Alpha", 2020, "Drama", 80.0, 8.0),
        movie(2, "Beta", 2020, "Drama", 40.0, 6.0),
        movie(3, "Gamma", 2021, "Comedy", 10.0, 7.0));
    Dataset<Row> silver = storage.readFromLayer(Layer.SILVER, "movies_clean");
    storage.writeToGold(
        new GoldAggregates(silver, Optional.empty()).moviesByYearGenre(),
        "movies_by_year_genre",
        WriteOptions.replaceAll().partitionedBy("year"));
    Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS);
    storage.writeToGold(
        spark.createDataFrame(
            List.of(
                trendingLastHour(
                    hour,
                    Map.of(
                        "movie_id",
                        1L,
                        "title",
                        "Alpha",
                        "max_popularity",
                        80.0,
                        "avg_rating",
                        8.0,
                        "trend_score",
                        64.0)),
                trendingLastHour(
                    hour,
                    Map.of(
                        "movie_id",
                        2L,
                        "title",
                        "Beta",
                        "max_popularity",
                        40.0,
                        "avg_rating",
                        6.0,
                        "trend_score",
                        24.0))),
            TRENDING),
        "trending_movies",
        WriteOptions.append().partitionedBy("days(window_start)"));

    try (EmbeddedMongo mongo = EmbeddedMongo.startInMemory();
        MongoClient client = MongoClients.create(mongo.connectionString())) {
      MongoDatabase database = client.getDatabase("moviedb");
      Publisher publisher = new Publisher(storage, database, Clock.systemUTC());
      publisher.publishAll();
      IcebergLakehouseView lakehouse = IcebergLakehouseView.of(storage.config());
      PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
      ServeConfig config =
          ServeConfig.from(
              Map.of(
                  ServeConfig.API_PORT,
                  Integer.toString(FreePort.find()),
                  ServeConfig.API_RATE_LIMIT,
                  "0"));
      try (PipelineMetrics metrics =
              PipelineMetrics.start(lakehouse, registry, Duration.ofMinutes(10));
          ApiServer api = ApiServer.start(config, database, lakehouse, registry)) {
        String url = api.url();

        assertThat(get(url, "/movies/1").path("data").path("title").asText()).isEqualTo("Alpha");
        assertThat(texts(get(url, "/movies/search?q=amm").path("data"), "title"))
            .containsExactly("Gamma");
        assertThat(texts(get(url, "/movies/trending?hours=24").path("data"), "title"))
            .containsExactly("Alpha", "Beta");
        // Drama 2020 from the gold aggregation: movies 1 and 2, average rating (8 + 6) / 2.
        JsonNode genres = get(url, "/analytics/genre-trends?years=2020").path("data");
        assertThat(genres).hasSize(1);
        assertThat(genres.get(0).path("genre_name").asText()).isEqualTo("Drama");
        assertThat(genres.get(0).path("movie_count").asLong()).isEqualTo(2);
        assertThat(genres.get(0).path("avg_rating").asDouble()).isEqualTo(7.0);

        // The lakehouse endpoints read the same catalog: snapshots as Iceberg lists them.
        long snapshots = 0;
        for (Snapshot ignored : storage.loadTable(Layer.SILVER, "movies_clean").snapshots()) {
          snapshots++;
        }
        assertThat(get(url, "/lakehouse/tables/silver/movies_clean/snapshots").path("data"))
            .hasSize((int) snapshots);
        JsonNode tables = get(url, "/lakehouse/tables").path("data");
        assertThat(texts(tables, "table")).anyMatch(name -> name.endsWith("silver.movies_clean"));
        JsonNode state = get(url, "/publish/state").path("data");
        assertThat(texts(state, "collection"))
            .contains("movies", "genre_metrics", "trending_movies");
        HttpResponse<String> prometheus =
            http.send(
                HttpRequest.newBuilder(URI.create(url + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(prometheus.body())
            .containsPattern(
                "lakehouse_table_records\\{layer=\"silver\",table=\"[^\"]*movies_clean\"} 3");

        // TMDB renames a movie: the next publish sends that row alone and the API shows it.
        SilverMovies.upsert(storage, movie(2, "Beta Reloaded", 2020, "Drama", 45.0, 6.5));
        Publisher.Result again = publisher.publishAll();
        assertThat(
                again.collections().stream()
                    .filter(c -> c.collection().equals("movies"))
                    .findFirst()
                    .orElseThrow()
                    .documents())
            .isEqualTo(1);
        assertThat(get(url, "/movies/2").path("data").path("title").asText())
            .isEqualTo("Beta Reloaded");
      }
    }
  }
}
