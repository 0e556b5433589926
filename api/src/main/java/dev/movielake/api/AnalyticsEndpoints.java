package dev.movielake.api;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Filters.in;

import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import dev.movielake.model.Columns;
import dev.movielake.model.ServingCollection;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Aggregates over the published collections: genre trends, sentiment per day, and collection
 * statistics.
 */
final class AnalyticsEndpoints {
  static final String TAG = "analytics";
  private static final Logger log = LoggerFactory.getLogger(AnalyticsEndpoints.class);

  private final MongoDatabase database;
  private final MongoCollection<Document> genreMetrics;
  private final MongoCollection<Document> sentimentTrends;
  private final Clock clock;

  AnalyticsEndpoints(MongoDatabase database, Clock clock) {
    this.database = database;
    this.genreMetrics = database.getCollection(ServingCollection.GENRE_METRICS.collectionName());
    this.sentimentTrends =
        database.getCollection(ServingCollection.SENTIMENT_TRENDS.collectionName());
    this.clock = clock;
  }

  List<Route> routes() {
    return List.of(
        Route.of(
            "/analytics/genre-trends",
            TAG,
            "Per genre and year: movie count and average rating weighted by movie count; ordered by"
                + " year, genre",
            List.of(
                Parameter.integerList(
                    "years",
                    "Comma-separated release years; all years when absent",
                    1870,
                    2200,
                    50)),
            this::genreTrends),
        Route.of(
            "/analytics/sentiment-trends",
            TAG,
            "Per UTC day of the window start: reviews and their average sentiment weighted by"
                + " review count",
            List.of(
                Parameter.integer("movie_id", "Only this movie", 1, Long.MAX_VALUE, null),
                Parameter.integer("days", "How many days back windows may start", 1, 365, 30L)),
            this::sentimentTrends),
        Route.of(
            "/analytics/performance",
            TAG,
            "Per collection: documents, indexes and, when the server tells them, sizes",
            List.of(),
            arguments -> performance()));
  }

  private record GenreYear(String genre, int year) implements Comparable<GenreYear> {
    @Override
    public int compareTo(GenreYear other) {
      int byYear = Integer.compare(year, other.year);
      return byYear != 0 ? byYear : genre.compareTo(other.genre);
    }
  }

  /** Sums of one group; the rating is weighted by the movies it was computed over. */
  private static final class Totals {
    long movies;
    long ratedMovies;
    double weightedRating;
    long revenue;
    long reviews;
    long weightedReviews;
    double weightedSentiment;
    long positive;
    long negative;
    long windows;
  }

  private Object genreTrends(Arguments arguments) {
    List<Integer> years = arguments.integers("years").stream().map(Long::intValue).toList();
    Bson filter = years.isEmpty() ? Filters.empty() : in("release_year", years);
    Map<GenreYear, Totals> groups = new TreeMap<>();
    for (Document row : genreMetrics.find(filter)) {
      if (row.getString("genre_name") == null
          || !(row.get("release_year") instanceof Number year)) {
        continue;
      }
      Totals totals =
          groups.computeIfAbsent(
              new GenreYear(row.getString("genre_name"), year.intValue()), ignored -> new Totals());
      long movies = number(row.get("movie_count"));
      totals.movies += movies;
      if (row.get("avg_rating") instanceof Number rating) {
        totals.ratedMovies += movies;
        totals.weightedRating += rating.doubleValue() * movies;
      }
      totals.revenue += number(row.get("total_revenue"));
    }
    List<Map<String, Object>> rows = new ArrayList<>(groups.size());
    groups.forEach(
        (group, totals) -> {
          Map<String, Object> row = new LinkedHashMap<>();
          row.put("genre_name", group.genre());
          row.put("release_year", group.year());
          row.put("movie_count", totals.movies);
          row.put(
              "avg_rating",
              totals.ratedMovies == 0 ? null : totals.weightedRating / totals.ratedMovies);
          row.put("total_revenue", totals.revenue);
          rows.add(row);
        });
    return Page.all(rows);
  }

  private Object sentimentTrends(Arguments arguments) {
    Date since = Date.from(clock.instant().minus(Duration.ofDays(arguments.integer("days"))));
    List<Bson> conditions = new ArrayList<>(List.of(gte("window_start", since)));
    arguments
        .optionalInteger("movie_id")
        .ifPresent(movieId -> conditions.add(eq(Columns.MOVIE_ID, movieId)));
    Map<LocalDate, Totals> days = new TreeMap<>();
    for (Document window :
        sentimentTrends
            .find(and(conditions))
            .projection(
                Projections.include(
                    "window_start",
                    "review_count",
                    "avg_sentiment",
                    "positive_count",
                    "negative_count"))) {
      if (!(window.get("window_start") instanceof Date start)) {
        continue;
      }
      Totals totals =
          days.computeIfAbsent(
              LocalDate.ofInstant(start.toInstant(), ZoneOffset.UTC), ignored -> new Totals());
      long reviews = number(window.get("review_count"));
      totals.windows++;
      totals.reviews += reviews;
      if (window.get("avg_sentiment") instanceof Number sentiment) {
        totals.weightedReviews += reviews;
        totals.weightedSentiment += sentiment.doubleValue() * reviews;
      }
      totals.positive += number(window.get("positive_count"));
      totals.negative += number(window.get("negative_count"));
    }
    List<Map<String, Object>> rows = new ArrayList<>(days.size());
    days.forEach(
        (day, totals) -> {
          Map<String, Object> row = new LinkedHashMap<>();
          row.put("date", day.toString());
          row.put("review_count", totals.reviews);
          row.put(
              "avg_sentiment",
              totals.weightedReviews == 0
                  ? null
                  : totals.weightedSentiment / totals.weightedReviews);
          row.put("positive_count", totals.positive);
          row.put("negative_count", totals.negative);
          row.put("windows", totals.windows);
          rows.add(row);
        });
    return Page.all(rows);
  }

  /**
   * collStats is optional (mongo-java-server and newer servers may refuse it): counts and indexes
   * always work.
   */
  private Object performance() {
    List<Map<String, Object>> collections = new ArrayList<>();
    List<String> names = database.listCollectionNames().into(new ArrayList<>());
    names.sort(null);
    for (String name : names) {
      MongoCollection<Document> collection = database.getCollection(name);
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("collection", name);
      row.put("documents", collection.estimatedDocumentCount());
      List<String> indexes = new ArrayList<>();
      for (Document index : collection.listIndexes()) {
        indexes.add(index.getString("name"));
      }
      row.put("indexes", indexes);
      try {
        Document stats = database.runCommand(new Document("collStats", name));
        row.put("size_bytes", stats.get("size"));
        row.put("storage_size_bytes", stats.get("storageSize"));
        row.put("total_index_size_bytes", stats.get("totalIndexSize"));
        row.put("index_sizes", stats.get("indexSizes"));
      } catch (MongoException unsupported) {
        log.debug("collStats is not available for {}: {}", name, unsupported.getMessage());
      }
      collections.add(row);
    }
    return Page.all(collections);
  }

  private static long number(Object value) {
    return value instanceof Number number ? number.longValue() : 0;
  }
}
