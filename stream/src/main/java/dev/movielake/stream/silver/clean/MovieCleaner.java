package dev.movielake.stream.silver.clean;

import static dev.movielake.stream.silver.clean.Provenance.withProvenance;
import static java.util.Map.entry;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.map;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.transform;
import static org.apache.spark.sql.functions.try_element_at;
import static org.apache.spark.sql.functions.try_to_date;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.year;

import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Silver movies, one row per movie_id. */
public final class MovieCleaner implements RecordCleaner {
  /** TMDB's movie genre list: list endpoints send only genre ids. */
  private static final Map<Integer, String> GENRE_NAMES =
      Map.ofEntries(
          entry(28, "Action"),
          entry(12, "Adventure"),
          entry(16, "Animation"),
          entry(35, "Comedy"),
          entry(80, "Crime"),
          entry(99, "Documentary"),
          entry(18, "Drama"),
          entry(10751, "Family"),
          entry(14, "Fantasy"),
          entry(36, "History"),
          entry(27, "Horror"),
          entry(10402, "Music"),
          entry(9648, "Mystery"),
          entry(10749, "Romance"),
          entry(878, "Science Fiction"),
          entry(10770, "TV Movie"),
          entry(53, "Thriller"),
          entry(10752, "War"),
          entry(37, "Western"));

  @Override
  public Dataset<Row> clean(Dataset<Row> bronzeRows) {
    return observations(LatestVersion.perKey(bronzeRows, col("id")));
  }

  /**
   * Every version cleaned, none dropped: what the windowed gold streams aggregate. Row-wise only,
   * so it also runs on a streaming Dataset.
   */
  public Dataset<Row> observations(Dataset<Row> bronzeRows) {
    Column releaseDate = try_to_date(col("release_date"), "yyyy-MM-dd");
    Column releaseYear = year(releaseDate);
    Column popularity = when(col("popularity").lt(0), lit(0.0)).otherwise(col("popularity"));
    // Clamped into TMDB's scale, so gold's averages and the API never show an impossible rating;
    // the flag keeps what the clamp hides, which the contract's batch expectations judge.
    Column voteAverage =
        when(col("vote_average").lt(0), lit(0.0))
            .when(col("vote_average").gt(10), lit(10.0))
            .otherwise(col("vote_average"));
    Column voteAverageOutOfRange = col("vote_average").lt(0).or(col("vote_average").gt(10));
    Column budget = amount(col("budget"));
    Column revenue = amount(col("revenue"));
    Column genres =
        coalesce(
            col("genres"),
            genresFromIds(col("genre_ids")),
            array().cast("array<struct<id: int, name: string>>"));
    return bronzeRows.select(
        withProvenance(
            col("id").as("movie_id"),
            Text.trimmed(col("title")).as("title"),
            Text.trimmed(col("original_title")).as("original_title"),
            Text.collapsed(col("overview")).as("overview"),
            Text.trimmed(col("tagline")).as("tagline"),
            releaseDate.as("release_date"),
            releaseYear.as("release_year"),
            floor(releaseYear.divide(10)).multiply(10).cast("int").as("release_decade"),
            col("adult"),
            popularity.as("popularity"),
            voteAverage.as("vote_average"),
            when(col("vote_count").lt(0), lit(0)).otherwise(col("vote_count")).as("vote_count"),
            budget.as("budget"),
            revenue.as("revenue"),
            revenue.minus(budget).as("profit"),
            when(budget.gt(0), revenue.minus(budget).divide(budget)).otherwise(lit(0.0)).as("roi"),
            when(col("runtime").gt(0), col("runtime")).as("runtime"),
            lower(Text.trimmed(col("original_language"))).as("language"),
            col("status"),
            col("homepage"),
            col("imdb_id"),
            col("poster_path"),
            col("backdrop_path"),
            genres.as("genres"),
            names(genres).as("genre_names"),
            names(col("production_companies")).as("production_companies"),
            names(col("keywords.keywords")).as("keywords"),
            when(popularity.geq(50), "high")
                .when(popularity.geq(20), "medium")
                .otherwise("low")
                .as("popularity_tier"),
            when(voteAverage.geq(8), "excellent")
                .when(voteAverage.geq(7), "good")
                .when(voteAverage.geq(6), "average")
                .otherwise("poor")
                .as("rating_tier"),
            flag(Text.isBlank(col("title"))).as("missing_title_flag"),
            flag(releaseDate.isNull()).as("missing_release_date_flag"),
            flag(Text.isBlank(col("overview"))).as("missing_overview_flag"),
            flag(voteAverageOutOfRange).as("vote_average_out_of_range_flag")));
  }

  /**
   * Never negative; TMDB itself writes 0 for an unknown budget or revenue, so a missing one is 0.
   */
  private static Column amount(Column amount) {
    return greatest(coalesce(amount, lit(0L)), lit(0L));
  }

  /** Ids TMDB's list does not know keep their id, with a null name. */
  private static Column genresFromIds(Column genreIds) {
    Column[] entries =
        GENRE_NAMES.entrySet().stream()
            .flatMap(genre -> Stream.of(lit(genre.getKey()), lit(genre.getValue())))
            .toArray(Column[]::new);
    Column namesById = map(entries);
    return transform(genreIds, id -> struct(id.as("id"), try_element_at(namesById, id).as("name")));
  }

  /** The names of an array of TMDB objects; never null, and without null names. */
  private static Column names(Column objects) {
    Column names =
        filter(transform(objects, object -> object.getField("name")), name -> name.isNotNull());
    return coalesce(names, array().cast("array<string>"));
  }

  private static Column flag(Column condition) {
    return when(condition, lit(1)).otherwise(lit(0));
  }
}
