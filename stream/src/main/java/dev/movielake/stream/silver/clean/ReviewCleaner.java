package dev.movielake.stream.silver.clean;

import static dev.movielake.stream.silver.clean.Provenance.withProvenance;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_from_unix_date;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.split;
import static org.apache.spark.sql.functions.try_to_timestamp;
import static org.apache.spark.sql.functions.unix_seconds;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Silver reviews, one row per review_id. */
public final class ReviewCleaner implements RecordCleaner {
  private static final int SECONDS_PER_DAY = 86_400;

  @Override
  public Dataset<Row> clean(Dataset<Row> bronzeRows) {
    return observations(LatestVersion.perKey(bronzeRows, col("id")));
  }

  /**
   * Every version cleaned, none dropped: what the windowed gold streams aggregate. Row-wise only,
   * so it also runs on a streaming Dataset.
   */
  public Dataset<Row> observations(Dataset<Row> bronzeRows) {
    Column content = Text.collapsed(col("content"));
    // The content is collapsed, so its words are separated by exactly one space.
    Column wordCount =
        when(coalesce(content, lit("")).equalTo(""), lit(0)).otherwise(size(split(content, " ")));
    Column createdAt = tmdbTimestamp(col("created_at"));
    return bronzeRows.select(
        withProvenance(
            col("id").as("review_id"),
            col("movie_id"),
            Text.trimmed(col("author")).as("author"),
            col("author_details.username").as("author_username"),
            col("author_details.rating").as("author_rating"),
            content.as("content"),
            coalesce(length(content), lit(0)).as("content_length"),
            wordCount.as("word_count"),
            col("author_details.rating").isNotNull().as("has_rating"),
            createdAt.as("created_at"),
            tmdbTimestamp(col("updated_at")).as("updated_at"),
            // The UTC day from the epoch: to_date would use the session time zone.
            date_from_unix_date(floor(unix_seconds(createdAt).divide(SECONDS_PER_DAY)).cast("int"))
                .as("review_date"),
            col("url"),
            when(wordCount.lt(50), "short")
                .when(wordCount.lt(200), "medium")
                .otherwise("long")
                .as("content_type")));
  }

  /**
   * TMDB's "2023-01-15T10:20:30.123Z", with or without the milliseconds; null when unparsable. The
   * pattern reads the zone from the text, so the session time zone plays no part.
   */
  private static Column tmdbTimestamp(Column text) {
    return coalesce(
        try_to_timestamp(text, lit("yyyy-MM-dd'T'HH:mm:ss.SSSX")),
        try_to_timestamp(text, lit("yyyy-MM-dd'T'HH:mm:ssX")));
  }
}
