package dev.movielake.app.demo;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.current_timestamp;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.year;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The demo's bronze to silver to gold steps: the essential cleaning rules of the original
 * DataCleaner for movies and the seed's gold aggregations. The streaming issue brings the complete
 * cleaners (people, credits, reviews with sentiment, quality rules); the demo then uses those.
 */
public final class SampleTransformations {
  private SampleTransformations() {}

  public static Dataset<Row> cleanMovies(Dataset<Row> bronze) {
    Column budget = greatest(coalesce(col("budget"), lit(0L)), lit(0L));
    Column revenue = greatest(coalesce(col("revenue"), lit(0L)), lit(0L));
    return bronze
        .select(
            col("id").as("movie_id"),
            trim(col("title")).as("title"),
            trim(col("original_title")).as("original_title"),
            trim(regexp_replace(col("overview"), "\\s+", " ")).as("overview"),
            col("release_date"),
            year(col("release_date")).as("release_year"),
            col("genres"),
            lower(col("original_language")).as("language"),
            greatest(col("popularity"), lit(0.0)).as("popularity"),
            least(greatest(col("vote_average"), lit(0.0)), lit(10.0)).as("vote_average"),
            greatest(col("vote_count"), lit(0)).as("vote_count"),
            budget.as("budget"),
            revenue.as("revenue"),
            when(col("runtime").gt(0), col("runtime")).as("runtime"),
            revenue.minus(budget).as("profit"),
            when(budget.gt(0), round(revenue.minus(budget).divide(budget), 4)).otherwise(lit(0.0)).as("roi"),
            when(col("popularity").geq(50), "high").when(col("popularity").geq(20), "medium").otherwise("low").as("popularity_tier"),
            when(col("vote_average").geq(8), "excellent").when(col("vote_average").geq(7), "good")
                .when(col("vote_average").geq(6), "average").otherwise("poor").as("rating_tier"),
            col("ingestion_timestamp"),
            current_timestamp().as("processed_at"));
  }

  public static Dataset<Row> cleanReviews(Dataset<Row> bronze) {
    return bronze.select(
        col("id").as("review_id"),
        col("movie_id"),
        trim(col("author")).as("author"),
        trim(regexp_replace(col("content"), "\\s+", " ")).as("content"),
        col("rating"),
        col("created_at"),
        to_date(col("created_at")).as("review_date"),
        col("ingestion_timestamp"));
  }

  /** The seed's example: movies, average rating and revenue by year and genre. */
  public static Dataset<Row> moviesByYearGenre(Dataset<Row> silverMovies) {
    return silverMovies
        .where(col("release_year").isNotNull())
        .select(col("release_year").as("year"), explode(col("genres")).as("genre"), col("vote_average"), col("revenue"))
        .groupBy("year", "genre")
        .agg(count(lit(1)).as("movie_count"), round(avg("vote_average"), 3).as("avg_rating"), sum("revenue").as("total_revenue"));
  }

  /** The original's never-called summary: counts, averages, totals and profit margin. */
  public static Dataset<Row> movieSummaryByYearLanguage(Dataset<Row> silverMovies) {
    return silverMovies
        .where(col("release_year").isNotNull())
        .groupBy("release_year", "language", "popularity_tier")
        .agg(
            count(lit(1)).as("movie_count"),
            round(avg("vote_average"), 3).as("avg_rating"),
            round(avg("popularity"), 3).as("avg_popularity"),
            sum("revenue").as("total_revenue"),
            sum("budget").as("total_budget"))
        .withColumn("profit_margin",
            when(col("total_revenue").gt(0),
                round(col("total_revenue").minus(col("total_budget")).divide(col("total_revenue")), 4)));
  }
}
