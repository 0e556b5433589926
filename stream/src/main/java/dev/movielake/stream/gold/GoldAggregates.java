package dev.movielake.stream.gold;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.count_distinct;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import dev.movielake.model.Columns;
import dev.movielake.model.PipelineTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.RelationalGroupedDataset;
import org.apache.spark.sql.Row;

/**
 * The business aggregates of gold, as functions of silver:
 *
 * <ul>
 *   <li>{@code movies_by_year_genre}: movie count, average rating and total revenue by year and
 *       genre, partitioned by year.
 *   <li>{@code genre_summary_by_year}: counts and averages (rating, popularity, runtime) per genre
 *       and year, for genres with at least {@link #MIN_MOVIES_PER_GENRE_YEAR} movies in that year.
 *   <li>{@code movie_summary_by_year_language}: counts, averages, revenue and budget totals and
 *       profit margin by year, language and popularity tier.
 *   <li>{@code director_filmography} and {@code actor_filmography}: per person, the movies they
 *       directed or played in, with years, ratings and money.
 * </ul>
 *
 * Movies without a release year are left out of the per-year tables (they have no year to go in).
 */
public final class GoldAggregates {
  /** A genre-year counts in the summary from 5 movies on: fewer make its averages noise. */
  public static final int MIN_MOVIES_PER_GENRE_YEAR = 5;

  private static final String RATING = "rating_if_voted";

  private final Dataset<Row> movies;
  private final Optional<Dataset<Row>> credits;

  public GoldAggregates(Dataset<Row> movies, Optional<Dataset<Row>> credits) {
    // A movie nobody has voted on yet (an upcoming one) has TMDB's vote_average 0, not a rating of
    // 0:
    // averages of ratings leave it out, counts keep it.
    this.movies = movies.withColumn(RATING, when(col("vote_count").gt(0), col("vote_average")));
    this.credits = credits;
  }

  /**
   * One gold table and its rows; its partitioning and the silver tables it is computed from are the
   * catalogue's.
   */
  public record Aggregate(PipelineTable table, Dataset<Row> rows) {}

  /** One gold table's rows, computed from all of silver. */
  public Dataset<Row> rows(PipelineTable table) {
    return switch (table) {
      case MOVIES_BY_YEAR_GENRE -> moviesByYearGenre();
      case GENRE_SUMMARY_BY_YEAR -> genreSummaryByYear();
      case MOVIE_SUMMARY_BY_YEAR_LANGUAGE -> movieSummaryByYearLanguage();
      case DIRECTOR_FILMOGRAPHY -> directorFilmography();
      case ACTOR_FILMOGRAPHY -> actorFilmography();
      default -> throw new IllegalArgumentException(table + " is not one of gold's aggregates");
    };
  }

  /**
   * The rows of some groups of a gold table ({@code groups} holds rows of its key), computed from
   * just the silver rows they depend on where silver can be narrowed: a filmography from its
   * people's credits, not from everyone's. A group without a row in the result has none in a full
   * recompute either.
   */
  public Dataset<Row> rowsOf(PipelineTable table, Dataset<Row> groups) {
    if (table == PipelineTable.DIRECTOR_FILMOGRAPHY || table == PipelineTable.ACTOR_FILMOGRAPHY) {
      Dataset<Row> theirCredits =
          credits
              .orElseThrow()
              .join(
                  broadcast(groups.select(col(Columns.PERSON_ID))), Columns.PERSON_ID, "left_semi");
      return table == PipelineTable.DIRECTOR_FILMOGRAPHY
          ? directorFilmography(theirCredits)
          : actorFilmography(theirCredits);
    }
    Dataset<Row> rows = rows(table);
    return rows.join(broadcast(groups), sameKey(rows, groups, table.key()), "left_semi");
  }

  /** Null-safe: a group may have no language or popularity tier. */
  static Column sameKey(Dataset<Row> left, Dataset<Row> right, List<String> key) {
    return key.stream()
        .map(column -> left.col(column).eqNullSafe(right.col(column)))
        .reduce(Column::and)
        .orElseThrow();
  }

  public List<Aggregate> all() {
    List<Aggregate> aggregates =
        new ArrayList<>(
            List.of(
                new Aggregate(PipelineTable.MOVIES_BY_YEAR_GENRE, moviesByYearGenre()),
                new Aggregate(PipelineTable.GENRE_SUMMARY_BY_YEAR, genreSummaryByYear()),
                new Aggregate(
                    PipelineTable.MOVIE_SUMMARY_BY_YEAR_LANGUAGE, movieSummaryByYearLanguage())));
    if (credits.isPresent()) {
      aggregates.add(new Aggregate(PipelineTable.DIRECTOR_FILMOGRAPHY, directorFilmography()));
      aggregates.add(new Aggregate(PipelineTable.ACTOR_FILMOGRAPHY, actorFilmography()));
    }
    return aggregates;
  }

  private Dataset<Row> moviesWithGenre() {
    return withGenre(movies);
  }

  private static Dataset<Row> withGenre(Dataset<Row> movies) {
    return movies
        .where(col("release_year").isNotNull())
        .select(col("*"), explode(col("genre_names")).as("genre"));
  }

  /**
   * What changed in gold's sources since its last commit: both images (before and after) of every
   * changed movie and, when credits are a source, of every changed credit.
   */
  public record SourceChanges(Dataset<Row> movies, Optional<Dataset<Row>> credits) {}

  /**
   * The groups of a gold table (rows of its key) that the changes reach: the groups a changed movie
   * was in and is in now (so a movie changing year or genre leaves one group and joins another, and
   * a deleted movie leaves its groups), and for the filmographies the people of a changed credit or
   * credited on a changed movie. Recomputing these groups from silver gives exactly the rows a full
   * recompute would give them; every other group keeps its row.
   */
  public Dataset<Row> touchedGroups(PipelineTable table, SourceChanges changes) {
    return switch (table) {
      case MOVIES_BY_YEAR_GENRE ->
          withGenre(changes.movies())
              .select(col("release_year").as("year"), col("genre"))
              .distinct();
      case GENRE_SUMMARY_BY_YEAR ->
          withGenre(changes.movies()).select(col("release_year"), col("genre")).distinct();
      case MOVIE_SUMMARY_BY_YEAR_LANGUAGE ->
          changes
              .movies()
              .where(col("release_year").isNotNull())
              .select(col("release_year"), col("language"), col("popularity_tier"))
              .distinct();
      case DIRECTOR_FILMOGRAPHY, ACTOR_FILMOGRAPHY -> people(changes);
      default -> throw new IllegalArgumentException(table + " is not one of gold's aggregates");
    };
  }

  private Dataset<Row> people(SourceChanges changes) {
    Dataset<Row> changedMovies = changes.movies().select(col(Columns.MOVIE_ID)).distinct();
    Dataset<Row> onChangedMovies =
        credits.orElseThrow().join(changedMovies, Columns.MOVIE_ID).select(col(Columns.PERSON_ID));
    return changes
        .credits()
        .map(changed -> changed.select(col(Columns.PERSON_ID)).union(onChangedMovies))
        .orElse(onChangedMovies)
        .distinct();
  }

  public Dataset<Row> moviesByYearGenre() {
    return moviesWithGenre()
        .groupBy(col("release_year").as("year"), col("genre"))
        .agg(
            count(lit(1)).as("movie_count"),
            avg(RATING).as("avg_rating"),
            sum("revenue").as("total_revenue"));
  }

  public Dataset<Row> genreSummaryByYear() {
    return moviesWithGenre()
        .groupBy(col("release_year"), col("genre"))
        .agg(
            count(lit(1)).as("movie_count"),
            avg(RATING).as("avg_rating"),
            avg("popularity").as("avg_popularity"),
            avg("runtime").as("avg_runtime"),
            sum("revenue").as("total_revenue"),
            sum("budget").as("total_budget"))
        .where(col("movie_count").geq(MIN_MOVIES_PER_GENRE_YEAR));
  }

  public Dataset<Row> movieSummaryByYearLanguage() {
    return movies
        .where(col("release_year").isNotNull())
        .groupBy(col("release_year"), col("language"), col("popularity_tier"))
        .agg(
            count(lit(1)).as("movie_count"),
            avg(RATING).as("avg_rating"),
            avg("popularity").as("avg_popularity"),
            avg("runtime").as("avg_runtime"),
            sum("revenue").as("total_revenue"),
            sum("budget").as("total_budget"))
        .withColumn("profit_margin", profitMargin());
  }

  public Dataset<Row> directorFilmography() {
    return directorFilmography(credits.orElseThrow());
  }

  /** The filmographies of the directors among {@code credits}' people. */
  private Dataset<Row> directorFilmography(Dataset<Row> credits) {
    return filmography(credits.where(col("is_director")))
        .agg(
            max_by(col("person_name"), col("observed_at")).as("person_name"),
            count_distinct(col("movie_id")).as("movie_count"),
            min("release_year").as("first_year"),
            max("release_year").as("last_year"),
            avg(RATING).as("avg_rating"),
            sum("revenue").as("total_revenue"),
            sum("budget").as("total_budget"))
        .withColumn("profit_margin", profitMargin());
  }

  public Dataset<Row> actorFilmography() {
    return actorFilmography(credits.orElseThrow());
  }

  /** The filmographies of the actors among {@code credits}' people. */
  private Dataset<Row> actorFilmography(Dataset<Row> credits) {
    return filmography(credits.where(col("credit_type").equalTo("cast")))
        .agg(
            max_by(col("person_name"), col("observed_at")).as("person_name"),
            count_distinct(col("movie_id")).as("movie_count"),
            count_distinct(when(col("is_lead_role"), col("movie_id"))).as("lead_role_count"),
            min("release_year").as("first_year"),
            max("release_year").as("last_year"),
            avg(RATING).as("avg_rating"),
            avg("popularity").as("avg_movie_popularity"),
            sum("revenue").as("total_revenue"));
  }

  /**
   * A person's credits joined to the movies, one row per person and movie: a person credited twice
   * on one movie (say, two characters) must not count its revenue twice.
   */
  private RelationalGroupedDataset filmography(Dataset<Row> personCredits) {
    Dataset<Row> perMovie =
        personCredits
            .groupBy(col("person_id"), col("movie_id"))
            .agg(
                max_by(col("person_name"), col("observed_at")).as("person_name"),
                max("observed_at").as("observed_at"),
                max(col("is_lead_role")).as("is_lead_role"));
    Dataset<Row> movieFacts =
        movies.select(
            col("movie_id"),
            col("release_year"),
            col(RATING),
            col("popularity"),
            col("revenue"),
            col("budget"));
    return perMovie.join(movieFacts, "movie_id").groupBy(col("person_id"));
  }

  private static Column profitMargin() {
    return when(
        col("total_revenue").gt(0),
        col("total_revenue").minus(col("total_budget")).divide(col("total_revenue")));
  }
}
