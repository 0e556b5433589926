package dev.movielake.stream.silver.quality;

import static dev.movielake.stream.silver.quality.QualityDimension.COMPLETENESS;
import static dev.movielake.stream.silver.quality.QualityDimension.RANGE;
import static dev.movielake.stream.silver.quality.QualityDimension.VALIDITY;
import static dev.movielake.stream.silver.quality.QualityRule.blocking;
import static dev.movielake.stream.silver.quality.QualityRule.unique;
import static dev.movielake.stream.silver.quality.QualityRule.warning;

import dev.movielake.model.PipelineTable;
import dev.movielake.model.RecordType;
import java.time.LocalDate;
import java.util.List;

/**
 * The rules every silver batch and every gold refresh is checked against: completeness, validity,
 * ranges and uniqueness, made concrete for each table. Blocking rules guard what downstream cannot
 * work without (a key, a title, a review's text, impossible dates); the others measure and report.
 */
public final class QualityRules {
  /** The first film (Roundhay Garden Scene) is from 1888; TMDB lists a few from 1874 on. */
  static final int FIRST_FILM_YEAR = 1874;

  private QualityRules() {}

  public static List<QualityRule> silver(RecordType type, LocalDate today) {
    int latestYear = today.getYear() + 10; // announced titles have release dates years ahead
    String todayLiteral = "DATE'" + today + "'";
    switch (type) {
      case MOVIES:
        return List.of(
            blocking("movie_id_present", COMPLETENESS, "movie_id IS NOT NULL"),
            blocking("title_present", COMPLETENESS, "missing_title_flag = 0"),
            warning("overview_present", COMPLETENESS, "missing_overview_flag = 0"),
            warning("release_date_present", COMPLETENESS, "missing_release_date_flag = 0"),
            blocking(
                "release_year_plausible",
                RANGE,
                "release_year IS NULL OR release_year BETWEEN "
                    + FIRST_FILM_YEAR
                    + " AND "
                    + latestYear),
            warning("runtime_plausible", RANGE, "runtime IS NULL OR runtime BETWEEN 1 AND 1000"),
            warning(
                "language_is_iso_code",
                VALIDITY,
                "language IS NULL OR language RLIKE '^[a-z]{2,3}$'"),
            warning(
                "imdb_id_format",
                VALIDITY,
                "imdb_id IS NULL OR imdb_id = '' OR imdb_id RLIKE '^tt[0-9]+$'"),
            warning("has_genres", COMPLETENESS, "size(genres) > 0"),
            unique("movie_id_unique", "movie_id"));
      case PEOPLE:
        return List.of(
            blocking("person_id_present", COMPLETENESS, "person_id IS NOT NULL"),
            blocking("name_present", COMPLETENESS, "name IS NOT NULL AND name <> ''"),
            blocking(
                "born_before_death",
                VALIDITY,
                "birthday IS NULL OR deathday IS NULL OR birthday <= deathday"),
            warning(
                "birthday_not_in_future", RANGE, "birthday IS NULL OR birthday <= " + todayLiteral),
            warning("birthday_present", COMPLETENESS, "birthday IS NOT NULL"),
            warning("age_plausible", RANGE, "current_age IS NULL OR current_age <= 122"),
            unique("person_id_unique", "person_id"));
      case CREDITS:
        return List.of(
            blocking("movie_id_present", COMPLETENESS, "movie_id IS NOT NULL"),
            blocking("person_id_present", COMPLETENESS, "person_id IS NOT NULL"),
            blocking("credit_type_known", VALIDITY, "credit_type IN ('cast', 'crew')"),
            warning(
                "cast_has_character",
                COMPLETENESS,
                "credit_type <> 'cast' OR (`character` IS NOT NULL AND `character` <> '')"),
            warning(
                "crew_has_job",
                COMPLETENESS,
                "credit_type <> 'crew' OR (job IS NOT NULL AND job <> '')"),
            warning("cast_order_not_negative", RANGE, "cast_order IS NULL OR cast_order >= 0"),
            unique("credit_key_unique", "credit_key"));
      case REVIEWS:
        return List.of(
            blocking("review_id_present", COMPLETENESS, "review_id IS NOT NULL"),
            blocking("movie_id_present", COMPLETENESS, "movie_id IS NOT NULL"),
            blocking("content_present", COMPLETENESS, "content IS NOT NULL AND content <> ''"),
            warning("content_longer_than_10", VALIDITY, "length(content) > 10"),
            warning("created_at_present", COMPLETENESS, "created_at IS NOT NULL"),
            warning(
                "author_rating_in_range",
                RANGE,
                "author_rating IS NULL OR author_rating BETWEEN 0 AND 10"),
            warning("sentiment_in_range", RANGE, "sentiment_score BETWEEN -1 AND 1"),
            unique("review_id_unique", "review_id"));
      default:
        throw new IllegalArgumentException(type + " records have no silver table");
    }
  }

  /** Gold tables are recomputed, never quarantined: their rules only measure. */
  public static List<QualityRule> gold(PipelineTable table) {
    switch (table) {
      case GENRE_SUMMARY_BY_YEAR:
        return List.of(
            // the summary keeps only genre-years of 5 movies or more (GoldAggregates); this checks
            // it did
            warning("enough_movies_per_genre", RANGE, "movie_count >= 5"),
            warning(
                "avg_rating_in_range", RANGE, "avg_rating IS NULL OR avg_rating BETWEEN 0 AND 10"),
            unique("year_genre_unique", "release_year", "genre"));
      case MOVIES_BY_YEAR_GENRE:
        return List.of(
            warning("year_present", COMPLETENESS, "year IS NOT NULL"),
            warning(
                "avg_rating_in_range", RANGE, "avg_rating IS NULL OR avg_rating BETWEEN 0 AND 10"),
            unique("year_genre_unique", "year", "genre"));
      case TRENDING_MOVIES:
        return List.of(
            warning("trend_score_not_negative", RANGE, "trend_score IS NULL OR trend_score >= 0"),
            unique("window_movie_unique", "window_start", "movie_id"));
      default:
        return List.of();
    }
  }
}
