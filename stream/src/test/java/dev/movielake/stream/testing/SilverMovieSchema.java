package dev.movielake.stream.testing;

import org.apache.spark.sql.types.StructType;

/** The silver movie columns the gold aggregates read, for tests that write silver by hand. */
public final class SilverMovieSchema {
  public static final StructType FOR_GOLD =
      StructType.fromDDL(
          "movie_id BIGINT, release_year INT, genre_names ARRAY<STRING>, vote_average DOUBLE,"
              + " vote_count INT, revenue BIGINT, budget BIGINT, popularity DOUBLE, runtime INT,"
              + " language STRING, popularity_tier STRING");

  private SilverMovieSchema() {}
}
