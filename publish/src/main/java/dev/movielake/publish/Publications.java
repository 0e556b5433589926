package dev.movielake.publish;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.unix_millis;
import static org.apache.spark.sql.functions.when;

import dev.movielake.model.Columns;
import dev.movielake.model.RecordType;
import dev.movielake.model.ServingCollection;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * How each serving collection is made from the silver or gold table the contract names as its
 * source. Keys are natural keys; a credit's is its TMDB credit id, because one person can hold
 * several jobs on one movie, and a (movie, person, type) key would keep only one of them.
 */
public final class Publications {
  private Publications() {}

  /**
   * Every record type's silver rows as they are, each followed by the collections derived from it,
   * then the gold and quality collections. A new record type with a serving collection is published
   * without a change here.
   */
  public static List<Publication> all() {
    List<Publication> publications = new ArrayList<>();
    for (RecordType type : RecordType.values()) {
      type.collection()
          .ifPresent(
              collection -> {
                publications.add(keyed(collection));
                publications.addAll(derivedFrom(type));
              });
    }
    publications.addAll(
        List.of(
            Publication.rows(
                ServingCollection.TRENDING_MOVIES,
                (changed, table) -> withId(changed, windowKey())),
            Publication.rows(
                ServingCollection.SENTIMENT_TRENDS,
                (changed, table) -> withId(changed, windowKey())),
            Publication.rows(
                ServingCollection.GENRE_METRICS, (changed, table) -> genreMetrics(changed)),
            Publication.rows(
                ServingCollection.DATA_QUALITY,
                (changed, table) ->
                    withId(
                        changed,
                        concat(
                            col("layer"),
                            lit("."),
                            col("table_name"),
                            lit("/"),
                            col("batch"),
                            lit("/"),
                            col("rule"),
                            lit("@"),
                            unix_millis(col("checked_at")).cast("string")))),
            Publication.rows(
                ServingCollection.AUDITS,
                (changed, table) ->
                    withId(
                        changed,
                        concat_ws(
                            "/",
                            concat(col("layer"), lit("."), col("table_name")),
                            col("batch"),
                            col("state")))),
            Publication.rows(
                ServingCollection.QUALITY_SCORES,
                (changed, table) ->
                    withId(
                        changed,
                        concat_ws(
                            "/", col("run_id"), col("scope"), col("layer"), col("table_name"))))));
    return List.copyOf(publications);
  }

  /** Collections computed from a record type's silver rows beside the rows themselves. */
  private static List<Publication> derivedFrom(RecordType type) {
    return switch (type) {
      case MOVIES ->
          List.of(
              Publication.rows(
                  ServingCollection.MOVIE_METRICS, (changed, table) -> movieMetrics(changed)));
      case REVIEWS ->
          List.of(
              Publication.groups(
                  ServingCollection.REVIEW_METRICS,
                  col(Columns.MOVIE_ID),
                  Publications::reviewMetrics));
      default -> List.of();
    };
  }

  /** A silver table's rows as they are, keyed by the table's natural key. */
  private static Publication keyed(ServingCollection collection) {
    String key = collection.source().orElseThrow().keyColumn();
    return Publication.rows(collection, (changed, whole) -> withId(changed, col(key)));
  }

  private static Dataset<Row> withId(Dataset<Row> rows, Column key) {
    return rows.withColumn("_id", key);
  }

  private static Column windowKey() {
    return concat(
        col(Columns.MOVIE_ID).cast("string"),
        lit("@"),
        unix_millis(col(Columns.WINDOW_START)).cast("string"));
  }

  /** What the API ranks movies by: the latest observed popularity and rating of each movie. */
  private static Dataset<Row> movieMetrics(Dataset<Row> movies) {
    return movies.select(
        col(Columns.MOVIE_ID).as("_id"),
        col(Columns.MOVIE_ID),
        col("title"),
        col("release_year"),
        col("release_date"),
        col("language"),
        col("genre_names"),
        col("popularity").as("avg_popularity"),
        col("vote_average").as("avg_rating"),
        col("vote_count"),
        col("budget"),
        col("revenue"),
        col("profit"),
        col("roi"),
        col("popularity_tier"),
        col("rating_tier"),
        col("poster_path"),
        col("observed_at"));
  }

  /**
   * Recomputed over all of a movie's reviews, for the movies whose reviews changed (a new, changed
   * or deleted review).
   */
  private static Dataset<Row> reviewMetrics(Dataset<Row> changed, Dataset<Row> table) {
    Dataset<Row> movies = changed.select(Columns.MOVIE_ID).distinct();
    return table
        .join(movies, Columns.MOVIE_ID)
        .groupBy(Columns.MOVIE_ID)
        .agg(
            count(lit(1)).as("total_reviews"),
            avg("sentiment_score").as("avg_sentiment"),
            sum(when(col("sentiment_label").equalTo("positive"), 1).otherwise(0))
                .cast("long")
                .as("positive_reviews"),
            sum(when(col("sentiment_label").equalTo("negative"), 1).otherwise(0))
                .cast("long")
                .as("negative_reviews"),
            sum(when(col("sentiment_label").equalTo("neutral"), 1).otherwise(0))
                .cast("long")
                .as("neutral_reviews"),
            avg("author_rating").as("avg_author_rating"),
            min("review_date").as("first_review_date"),
            max("review_date").as("last_review_date"))
        .withColumn("_id", col(Columns.MOVIE_ID));
  }

  private static Dataset<Row> genreMetrics(Dataset<Row> byYearAndGenre) {
    return byYearAndGenre
        .withColumnRenamed("genre", "genre_name")
        .withColumnRenamed("year", "release_year")
        .withColumn("_id", concat(col("genre_name"), lit("/"), col("release_year").cast("string")));
  }
}
