package dev.movielake.serve.publish;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.Indexes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.conversions.Bson;

/**
 * The indexes of the serving collections: the original pipeline's, all non-unique (a collection's
 * key is its {@code _id}). Creating an index that exists is a no-op, so {@link #ensure} is safe to
 * call on every publish.
 */
public final class ServingIndexes {
  private static final Map<String, List<Bson>> INDEXES = new LinkedHashMap<>();

  static {
    INDEXES.put("movies", List.of(
        Indexes.ascending("movie_id"), Indexes.ascending("title"), Indexes.ascending("release_year"),
        Indexes.descending("popularity"), Indexes.descending("vote_average"),
        Indexes.ascending("release_year", "language"), Indexes.ascending("genres.name", "release_year")));
    INDEXES.put("movie_metrics", List.of(
        Indexes.ascending("movie_id"), Indexes.descending("avg_popularity"), Indexes.descending("avg_rating"),
        Indexes.ascending("release_year")));
    INDEXES.put("reviews", List.of(
        Indexes.ascending("review_id"), Indexes.ascending("movie_id"), Indexes.ascending("sentiment_label"),
        Indexes.descending("sentiment_score"), Indexes.descending("review_date"),
        Indexes.ascending("movie_id", "sentiment_label")));
    INDEXES.put("review_metrics", List.of(
        Indexes.ascending("movie_id"), Indexes.descending("avg_sentiment"), Indexes.descending("total_reviews")));
    INDEXES.put("trending_movies", List.of(
        Indexes.descending("window_start"), Indexes.descending("trend_score"), Indexes.ascending("movie_id"),
        Indexes.ascending("window_start", "trend_score")));
    INDEXES.put("sentiment_trends", List.of(
        Indexes.ascending("movie_id"), Indexes.descending("window_start"), Indexes.descending("avg_sentiment"),
        Indexes.ascending("movie_id", "window_start")));
    INDEXES.put("people", List.of(
        Indexes.ascending("person_id"), Indexes.ascending("name"), Indexes.descending("popularity"),
        Indexes.ascending("known_for_department"), Indexes.ascending("known_for_department", "popularity")));
    INDEXES.put("credits", List.of(
        Indexes.ascending("movie_id"), Indexes.ascending("person_id"), Indexes.ascending("credit_type"),
        Indexes.ascending("movie_id", "credit_type"), Indexes.ascending("person_id", "credit_type")));
    INDEXES.put("genre_metrics", List.of(
        Indexes.ascending("genre_name"), Indexes.ascending("release_year"), Indexes.descending("avg_rating"),
        Indexes.ascending("genre_name", "release_year")));
    INDEXES.put("data_quality", List.of(
        Indexes.ascending("layer", "table_name", "checked_at")));
    INDEXES.put("quality_scores", List.of(
        Indexes.ascending("scope", "checked_at"), Indexes.ascending("run_id")));
  }

  private ServingIndexes() {}

  /** The collections that have indexes, in publishing order. */
  public static List<String> collections() {
    return new ArrayList<>(INDEXES.keySet());
  }

  /** Creates every collection's indexes that do not exist yet. */
  public static void ensure(MongoDatabase database) {
    INDEXES.forEach((collection, indexes) -> ensure(database, collection));
  }

  public static void ensure(MongoDatabase database, String collection) {
    List<Bson> indexes = INDEXES.get(collection);
    if (indexes == null) {
      throw new IllegalArgumentException("no indexes are defined for collection " + collection);
    }
    database.getCollection(collection).createIndexes(indexes.stream().map(IndexModel::new).toList());
  }
}
