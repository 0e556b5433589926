package dev.movielake.api;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Sorts.ascending;
import static com.mongodb.client.model.Sorts.descending;
import static com.mongodb.client.model.Sorts.orderBy;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.Facet;
import com.mongodb.client.model.Filters;
import dev.movielake.model.Columns;
import dev.movielake.model.ServingCollection;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.conversions.Bson;

/** Movies: by id, search, rankings, trends, genre, and each movie's sentiment, cast and crew. */
final class MovieEndpoints {
  static final String TAG = "movies";
  private static final int MAX_TRENDING = 50;

  // Raw collections serve documents as they are; the others' documents are looked into.
  private final MongoCollection<RawBsonDocument> movies;
  private final MongoCollection<RawBsonDocument> movieMetrics;
  private final MongoCollection<RawBsonDocument> rawReviewMetrics;
  private final MongoCollection<Document> reviewMetrics;
  private final MongoCollection<Document> trendingMovies;
  private final MongoCollection<RawBsonDocument> credits;
  private final Clock clock;
  private final int maxPageSize;

  private final TextSearchIndex titles;

  MovieEndpoints(MongoDatabase database, TextSearchIndex titles, Clock clock, int maxPageSize) {
    this.titles = titles;
    this.movies =
        database.getCollection(ServingCollection.MOVIES.collectionName(), RawBsonDocument.class);
    this.movieMetrics =
        database.getCollection(
            ServingCollection.MOVIE_METRICS.collectionName(), RawBsonDocument.class);
    this.rawReviewMetrics =
        database.getCollection(
            ServingCollection.REVIEW_METRICS.collectionName(), RawBsonDocument.class);
    this.reviewMetrics = database.getCollection(ServingCollection.REVIEW_METRICS.collectionName());
    this.trendingMovies =
        database.getCollection(ServingCollection.TRENDING_MOVIES.collectionName());
    this.credits =
        database.getCollection(ServingCollection.CREDITS.collectionName(), RawBsonDocument.class);
    this.clock = clock;
    this.maxPageSize = maxPageSize;
  }

  /**
   * Fixed paths first: Javalin tries routes in order, and {@code /movies/{movie_id}} would take
   * them.
   */
  List<Route> routes() {
    Parameter movieId = Parameter.pathId(Columns.MOVIE_ID, "The movie's TMDB id");
    return List.of(
        Route.of(
            "/movies/search",
            TAG,
            "Movies whose title contains q (case-insensitive, literal), most popular first",
            List.of(
                Parameter.text("q", "Text the title contains", 200, true),
                Parameter.limit(20, maxPageSize),
                Parameter.offset()),
            this::search),
        Route.of(
            "/movies/popular",
            TAG,
            "Movies by average popularity, highest first",
            List.of(
                Parameter.limit(50, maxPageSize),
                Parameter.offset(),
                Parameter.integer("year", "Only movies released in this year", 1870, 2200, null)),
            this::popular),
        Route.of(
            "/movies/top-rated",
            TAG,
            "Movies by average rating, highest first, with at least min_reviews reviews",
            List.of(
                Parameter.limit(50, maxPageSize),
                Parameter.offset(),
                Parameter.integer(
                    "min_reviews", "Fewest reviews a movie needs", 0, 1_000_000_000, 10L)),
            this::topRated),
        Route.of(
            "/movies/trending",
            TAG,
            "Movies by trend score within the last hours, each with its best window; at most 50",
            List.of(
                Parameter.integer("hours", "How far back windows may start", 1, 168, 24L),
                Parameter.integer(
                    Arguments.LIMIT,
                    "How many movies to return at most",
                    1,
                    MAX_TRENDING,
                    (long) MAX_TRENDING)),
            this::trending),
        Route.of(
            "/movies/genre/{genre}",
            TAG,
            "Movies of a genre (exact name, e.g. Drama) by vote average",
            List.of(
                Parameter.pathText("genre", "The genre's name", 100),
                Parameter.limit(20, maxPageSize),
                Parameter.offset()),
            this::genre),
        Route.of(
            "/movies/{movie_id}",
            TAG,
            "One movie, with every published column",
            List.of(movieId),
            this::movie),
        Route.of(
            "/movies/{movie_id}/sentiment",
            TAG,
            "The review sentiment of one movie",
            List.of(movieId),
            this::sentiment),
        Route.of(
            "/movies/{movie_id}/cast",
            TAG,
            "The cast of one movie in billing order",
            List.of(movieId, Parameter.limit(20, maxPageSize), Parameter.offset()),
            this::cast),
        Route.of(
            "/movies/{movie_id}/crew",
            TAG,
            "The crew of one movie by department and job",
            List.of(
                movieId,
                Parameter.text("department", "Only this department, e.g. Directing", 100, false),
                Parameter.limit(50, maxPageSize),
                Parameter.offset()),
            this::crew));
  }

  private Object movie(Arguments arguments) {
    long id = arguments.integer(Columns.MOVIE_ID);
    return ApiException.foundOr(
        movies.find(eq("_id", id)).first(), "movie " + id + " does not exist");
  }

  private Object search(Arguments arguments) {
    return titles.search(arguments.text("q"), arguments);
  }

  private Object popular(Arguments arguments) {
    Bson filter =
        arguments
            .optionalInteger("year")
            .map(year -> eq("release_year", year.intValue()))
            .orElse(Filters.empty());
    return Page.find(
        movieMetrics, filter, orderBy(descending("avg_popularity"), ascending("_id")), arguments);
  }

  /**
   * Review metrics with enough reviews, each joined to its movie's metrics; a real MongoDB uses
   * both indexes.
   */
  private Object topRated(Arguments arguments) {
    List<Bson> pipeline =
        List.of(
            Aggregates.match(gte("total_reviews", arguments.integer("min_reviews"))),
            Aggregates.lookup(
                ServingCollection.MOVIE_METRICS.collectionName(),
                Columns.MOVIE_ID,
                Columns.MOVIE_ID,
                "movie"),
            Aggregates.unwind("$movie"),
            Aggregates.sort(orderBy(descending("movie.avg_rating"), ascending(Columns.MOVIE_ID))),
            Aggregates.facet(
                new Facet(
                    "items",
                    Aggregates.skip(arguments.offset()),
                    Aggregates.limit(arguments.limit())),
                new Facet("total", Aggregates.count("count"))));
    Document result = reviewMetrics.aggregate(pipeline).first();
    List<Document> items = new ArrayList<>();
    long total = 0;
    if (result != null) {
      for (Document joined : result.getList("items", Document.class)) {
        Document row = new Document(joined.get("movie", Document.class));
        row.remove("_id");
        row.put("total_reviews", joined.get("total_reviews"));
        row.put("avg_sentiment", joined.get("avg_sentiment"));
        row.put("avg_author_rating", joined.get("avg_author_rating"));
        items.add(row);
      }
      List<Document> count = result.getList("total", Document.class);
      total = count.isEmpty() ? 0 : ((Number) count.get(0).get("count")).longValue();
    }
    return new Page(items, total, arguments.limit(), arguments.offset());
  }

  /** Windows by score, highest first: the first window seen of a movie is its best. */
  private Object trending(Arguments arguments) {
    Date since = Date.from(clock.instant().minus(Duration.ofHours(arguments.integer("hours"))));
    int limit = arguments.limit();
    Map<Long, Document> best = new LinkedHashMap<>();
    try (MongoCursor<Document> windows =
        trendingMovies
            .find(gte("window_start", since))
            .sort(orderBy(descending("trend_score"), descending("window_start")))
            .iterator()) {
      while (windows.hasNext() && best.size() < limit) {
        Document window = windows.next();
        if (window.get(Columns.MOVIE_ID) instanceof Number id) {
          best.putIfAbsent(id.longValue(), window);
        }
      }
    }
    return Page.all(new ArrayList<>(best.values()));
  }

  private Object genre(Arguments arguments) {
    return Page.find(
        movies,
        eq("genres.name", arguments.text("genre")),
        orderBy(descending("vote_average"), ascending("_id")),
        arguments);
  }

  private Object sentiment(Arguments arguments) {
    long id = arguments.integer(Columns.MOVIE_ID);
    return ApiException.foundOr(
        rawReviewMetrics.find(eq("_id", id)).first(), "movie " + id + " has no reviews");
  }

  private Object cast(Arguments arguments) {
    Bson filter =
        and(eq(Columns.MOVIE_ID, arguments.integer(Columns.MOVIE_ID)), eq("credit_type", "cast"));
    return Page.find(
        credits, filter, orderBy(ascending("cast_order"), ascending("_id")), arguments);
  }

  private Object crew(Arguments arguments) {
    List<Bson> conditions =
        new ArrayList<>(
            List.of(
                eq(Columns.MOVIE_ID, arguments.integer(Columns.MOVIE_ID)),
                eq("credit_type", "crew")));
    arguments
        .optionalText("department")
        .ifPresent(department -> conditions.add(eq("department", department)));
    return Page.find(
        credits,
        and(conditions),
        orderBy(
            ascending("department"), ascending("job"), ascending("person_name"), ascending("_id")),
        arguments);
  }
}
