package dev.movielake.publish;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.Indexes;
import dev.movielake.model.Columns;
import dev.movielake.model.ServingCollection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.conversions.Bson;

/**
 * The indexes of the serving collections, on the fields the API looks up, filters and sorts by, all
 * non-unique (a collection's key is its {@code _id}). Creating an index that exists is a no-op, so
 * {@link #ensure} is safe to call on every publish.
 */
public final class ServingIndexes {
  private static final Map<ServingCollection, List<Bson>> INDEXES = new LinkedHashMap<>();

  static {
    INDEXES.put(
        ServingCollection.MOVIES,
        List.of(
            Indexes.ascending(Columns.MOVIE_ID),
            Indexes.ascending("title"),
            Indexes.ascending("release_year"),
            Indexes.descending("popularity"),
            Indexes.descending("vote_average"),
            Indexes.ascending("release_year", "language"),
            Indexes.ascending("genres.name", "release_year")));
    INDEXES.put(
        ServingCollection.MOVIE_METRICS,
        List.of(
            Indexes.ascending(Columns.MOVIE_ID),
            Indexes.descending("avg_popularity"),
            Indexes.descending("avg_rating"),
            Indexes.ascending("release_year")));
    INDEXES.put(
        ServingCollection.REVIEWS,
        List.of(
            Indexes.ascending(Columns.REVIEW_ID),
            Indexes.ascending(Columns.MOVIE_ID),
            Indexes.ascending("sentiment_label"),
            Indexes.descending("sentiment_score"),
            Indexes.descending("review_date"),
            Indexes.ascending(Columns.MOVIE_ID, "sentiment_label")));
    INDEXES.put(
        ServingCollection.REVIEW_METRICS,
        List.of(
            Indexes.ascending(Columns.MOVIE_ID),
            Indexes.descending("avg_sentiment"),
            Indexes.descending("total_reviews")));
    INDEXES.put(
        ServingCollection.TRENDING_MOVIES,
        List.of(
            Indexes.descending(Columns.WINDOW_START),
            Indexes.descending("trend_score"),
            Indexes.ascending(Columns.MOVIE_ID),
            Indexes.ascending(Columns.WINDOW_START, "trend_score")));
    INDEXES.put(
        ServingCollection.SENTIMENT_TRENDS,
        List.of(
            Indexes.ascending(Columns.MOVIE_ID),
            Indexes.descending(Columns.WINDOW_START),
            Indexes.descending("avg_sentiment"),
            Indexes.ascending(Columns.MOVIE_ID, Columns.WINDOW_START)));
    INDEXES.put(
        ServingCollection.PEOPLE,
        List.of(
            Indexes.ascending(Columns.PERSON_ID),
            Indexes.ascending("name"),
            Indexes.descending("popularity"),
            Indexes.ascending("known_for_department"),
            Indexes.ascending("known_for_department", "popularity")));
    INDEXES.put(
        ServingCollection.CREDITS,
        List.of(
            Indexes.ascending(Columns.MOVIE_ID),
            Indexes.ascending(Columns.PERSON_ID),
            Indexes.ascending("credit_type"),
            Indexes.ascending(Columns.MOVIE_ID, "credit_type"),
            Indexes.ascending(Columns.PERSON_ID, "credit_type")));
    INDEXES.put(
        ServingCollection.GENRE_METRICS,
        List.of(
            Indexes.ascending("genre_name"),
            Indexes.ascending("release_year"),
            Indexes.descending("avg_rating"),
            Indexes.ascending("genre_name", "release_year")));
    INDEXES.put(
        ServingCollection.DATA_QUALITY,
        List.of(Indexes.ascending("layer", "table_name", "checked_at")));
    INDEXES.put(
        ServingCollection.AUDITS,
        List.of(Indexes.descending("audited_at"), Indexes.ascending("state")));
    INDEXES.put(
        ServingCollection.QUALITY_SCORES,
        List.of(Indexes.ascending("scope", "checked_at"), Indexes.ascending("run_id")));
  }

  private ServingIndexes() {}

  /** Creates every collection's indexes that do not exist yet. */
  public static void ensure(MongoDatabase database) {
    INDEXES.forEach((collection, indexes) -> ensure(database, collection, indexes));
  }

  private static void ensure(
      MongoDatabase database, ServingCollection collection, List<Bson> indexes) {
    database
        .getCollection(collection.collectionName())
        .createIndexes(indexes.stream().map(IndexModel::new).toList());
  }
}
