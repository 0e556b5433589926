package dev.movielake.model.expectation;

import static dev.movielake.model.expectation.Expectation.drop;
import static dev.movielake.model.expectation.Expectation.duplicateKeys;
import static dev.movielake.model.expectation.Expectation.freshness;
import static dev.movielake.model.expectation.Expectation.nullShare;
import static dev.movielake.model.expectation.Expectation.references;
import static dev.movielake.model.expectation.Expectation.rowCount;
import static dev.movielake.model.expectation.Expectation.unique;
import static dev.movielake.model.expectation.Expectation.valueBand;
import static dev.movielake.model.expectation.Expectation.warn;
import static dev.movielake.model.expectation.ExpectationAction.FAIL;
import static dev.movielake.model.expectation.ExpectationAction.WARN;
import static dev.movielake.model.expectation.QualityDimension.COMPLETENESS;
import static dev.movielake.model.expectation.QualityDimension.RANGE;
import static dev.movielake.model.expectation.QualityDimension.VALIDITY;

import dev.movielake.model.Columns;
import dev.movielake.model.PipelineTable;
import dev.movielake.model.RecordType;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The expectations of every pipeline table: completeness, validity, ranges and uniqueness, made
 * concrete for each. Bronze's are on the raw envelope Kafka gave; silver's drop what downstream
 * cannot work without (a key, a title, a review's text, impossible dates) and warn about the rest;
 * gold's, recomputed and never quarantined, only warn.
 *
 * <p>Silver batches are also judged as a whole ({@link BatchCheck}): a batch where a large share of
 * rows lacks a value the source always sends, repeats a key, or rates movies out of range is held;
 * a batch of unusual size, an old one, or one whose credits and reviews name movies silver does not
 * have yet is counted as a warning, as honest runs produce those (a backlog after a stop, a credit
 * arriving before its movie).
 */
public final class TableExpectations {
  /** The first film (Roundhay Garden Scene) is from 1888; TMDB lists a few from 1874 on. */
  static final int FIRST_FILM_YEAR = 1874;

  private TableExpectations() {}

  /**
   * What the pipeline expects of one of its tables, as of {@code today} (release dates and
   * birthdays are checked against it), with the default thresholds; empty for a table without
   * expectations.
   */
  public static List<Expectation> of(PipelineTable table, LocalDate today) {
    return of(table, today, ExpectationSettings.defaults());
  }

  /** The same, with the batch expectations' thresholds of {@code settings}. */
  public static List<Expectation> of(
      PipelineTable table, LocalDate today, ExpectationSettings settings) {
    switch (table.layer()) {
      case BRONZE:
        return RecordType.ofBronzeTable(table).map(TableExpectations::bronze).orElse(List.of());
      case SILVER:
        return RecordType.ofSilverTable(table)
            .map(
                type -> {
                  List<Expectation> expectations = new ArrayList<>(silver(type, today));
                  expectations.addAll(silverBatches(type, settings));
                  return List.copyOf(expectations);
                })
            .orElse(List.of());
      default:
        return gold(table);
    }
  }

  /**
   * Completeness of the envelope (a payload, the record's key fields) and validity (the payload is
   * JSON, each Kafka offset is in the table once: bronze is written exactly once).
   */
  static List<Expectation> bronze(RecordType type) {
    return List.of(
        warn("payload_present", COMPLETENESS, "raw_value IS NOT NULL AND raw_value <> ''"),
        warn(
            "key_present",
            COMPLETENESS,
            type.requiredFields().stream()
                .map(field -> "`" + field + "` IS NOT NULL")
                .collect(Collectors.joining(" AND "))),
        warn("payload_is_json", VALIDITY, "get_json_object(raw_value, '$') IS NOT NULL"),
        unique("kafka_offset_unique", type.bronzeTable().key().toArray(String[]::new)));
  }

  static List<Expectation> silver(RecordType type, LocalDate today) {
    int latestYear = today.getYear() + 10; // announced titles have release dates years ahead
    String todayLiteral = "DATE'" + today + "'";
    switch (type) {
      case MOVIES:
        return List.of(
            drop("movie_id_present", COMPLETENESS, "movie_id IS NOT NULL"),
            drop("title_present", COMPLETENESS, "missing_title_flag = 0"),
            warn("overview_present", COMPLETENESS, "missing_overview_flag = 0"),
            warn("release_date_present", COMPLETENESS, "missing_release_date_flag = 0"),
            drop(
                "release_year_plausible",
                RANGE,
                "release_year IS NULL OR release_year BETWEEN "
                    + FIRST_FILM_YEAR
                    + " AND "
                    + latestYear),
            warn("runtime_plausible", RANGE, "runtime IS NULL OR runtime BETWEEN 1 AND 1000"),
            warn(
                "language_is_iso_code",
                VALIDITY,
                "language IS NULL OR language RLIKE '^[a-z]{2,3}$'"),
            warn(
                "imdb_id_format",
                VALIDITY,
                "imdb_id IS NULL OR imdb_id = '' OR imdb_id RLIKE '^tt[0-9]+$'"),
            warn("has_genres", COMPLETENESS, "size(genres) > 0"),
            unique("movie_id_unique", "movie_id"));
      case PEOPLE:
        return List.of(
            drop("person_id_present", COMPLETENESS, "person_id IS NOT NULL"),
            drop("name_present", COMPLETENESS, "name IS NOT NULL AND name <> ''"),
            drop(
                "born_before_death",
                VALIDITY,
                "birthday IS NULL OR deathday IS NULL OR birthday <= deathday"),
            warn(
                "birthday_not_in_future", RANGE, "birthday IS NULL OR birthday <= " + todayLiteral),
            warn("birthday_present", COMPLETENESS, "birthday IS NOT NULL"),
            warn("age_plausible", RANGE, "current_age IS NULL OR current_age <= 122"),
            unique("person_id_unique", "person_id"));
      case CREDITS:
        return List.of(
            drop("movie_id_present", COMPLETENESS, "movie_id IS NOT NULL"),
            drop("person_id_present", COMPLETENESS, "person_id IS NOT NULL"),
            drop("credit_type_known", VALIDITY, "credit_type IN ('cast', 'crew')"),
            warn(
                "cast_has_character",
                COMPLETENESS,
                "credit_type <> 'cast' OR (`character` IS NOT NULL AND `character` <> '')"),
            warn(
                "crew_has_job",
                COMPLETENESS,
                "credit_type <> 'crew' OR (job IS NOT NULL AND job <> '')"),
            warn("cast_order_not_negative", RANGE, "cast_order IS NULL OR cast_order >= 0"),
            unique("credit_key_unique", "credit_key"));
      case REVIEWS:
        return List.of(
            drop("review_id_present", COMPLETENESS, "review_id IS NOT NULL"),
            drop("movie_id_present", COMPLETENESS, "movie_id IS NOT NULL"),
            drop("content_present", COMPLETENESS, "content IS NOT NULL AND content <> ''"),
            warn("content_longer_than_10", VALIDITY, "length(content) > 10"),
            warn("created_at_present", COMPLETENESS, "created_at IS NOT NULL"),
            warn(
                "author_rating_in_range",
                RANGE,
                "author_rating IS NULL OR author_rating BETWEEN 0 AND 10"),
            warn("sentiment_in_range", RANGE, "sentiment_score BETWEEN -1 AND 1"),
            unique("review_id_unique", "review_id"));
      default:
        throw new IllegalArgumentException(type + " records have no silver table");
    }
  }

  /**
   * Each silver batch as a whole. Held (FAIL): the values the source always sends missing from a
   * large share of rows, keys repeated (silver cleans a batch to one row per key, so a repeat is
   * the cleaner's fault), ratings out of TMDB's 0 to 10 or averaging an implausible value. Counted
   * (WARN): the batch's size against the table's recent batches, its newest observation's age, and
   * credits and reviews whose movie silver does not have, since a credit may arrive before its
   * movie (the streams run side by side) or with a movie silver quarantined.
   */
  static List<Expectation> silverBatches(RecordType type, ExpectationSettings settings) {
    String key = type.requireSilverTable().keyColumn();
    List<Expectation> expectations = new ArrayList<>();
    switch (type) {
      case MOVIES:
        for (String column : List.of("vote_average", "vote_count", "popularity")) {
          expectations.add(
              nullShare(column + "_null_share", FAIL, column, settings.maxNullShare()));
        }
        expectations.add(
            valueBand(
                "vote_average_out_of_range_share",
                FAIL,
                "avg(vote_average_out_of_range_flag)",
                0,
                settings.maxOutOfRangeShare()));
        // Over rated movies only (unreleased ones are 0 with no votes), once there are enough of
        // them for an average to mean something: below it there is no verdict.
        expectations.add(
            valueBand(
                "average_rating_plausible",
                FAIL,
                "CASE WHEN count_if(vote_count > 0) >= "
                    + settings.minimumRows()
                    + " THEN avg(CASE WHEN vote_count > 0 THEN vote_average END) END",
                settings.minAverageRating(),
                ExpectationSettings.MAX_RATING));
        break;
      case PEOPLE:
        expectations.add(nullShare("name_null_share", FAIL, "name", settings.maxNullShare()));
        break;
      case CREDITS:
        expectations.add(
            nullShare("person_name_null_share", FAIL, "person_name", settings.maxNullShare()));
        expectations.add(movieExists(settings));
        break;
      case REVIEWS:
        expectations.add(nullShare("author_null_share", FAIL, "author", settings.maxNullShare()));
        expectations.add(movieExists(settings));
        break;
      default:
        throw new IllegalArgumentException(type + " records have no silver table");
    }
    expectations.add(
        duplicateKeys(key + "_duplicate_share", FAIL, settings.maxDuplicateShare(), key));
    expectations.add(
        rowCount(
            "row_count_near_recent_batches",
            WARN,
            settings.rowCountMinRatio(),
            settings.rowCountMaxRatio(),
            settings.recentBatches()));
    expectations.add(freshness("batch_fresh", WARN, Columns.OBSERVED_AT, settings.maxBatchAge()));
    return expectations;
  }

  private static Expectation movieExists(ExpectationSettings settings) {
    return references(
        "movie_exists",
        WARN,
        PipelineTable.MOVIES_CLEAN,
        Columns.MOVIE_ID,
        settings.maxMissingReferenceShare());
  }

  /** Gold tables are recomputed, never quarantined: their expectations only measure. */
  static List<Expectation> gold(PipelineTable table) {
    switch (table) {
      case GENRE_SUMMARY_BY_YEAR:
        return List.of(
            // the summary keeps only genre-years of 5 movies or more (GoldAggregates); this checks
            // it did
            warn("enough_movies_per_genre", RANGE, "movie_count >= 5"),
            warn("avg_rating_in_range", RANGE, "avg_rating IS NULL OR avg_rating BETWEEN 0 AND 10"),
            unique("year_genre_unique", "release_year", "genre"));
      case MOVIES_BY_YEAR_GENRE:
        return List.of(
            warn("year_present", COMPLETENESS, "year IS NOT NULL"),
            warn("avg_rating_in_range", RANGE, "avg_rating IS NULL OR avg_rating BETWEEN 0 AND 10"),
            unique("year_genre_unique", "year", "genre"));
      case TRENDING_MOVIES:
        return List.of(
            warn("trend_score_not_negative", RANGE, "trend_score IS NULL OR trend_score >= 0"),
            unique("window_movie_unique", "window_start", "movie_id"));
      default:
        return List.of();
    }
  }
}
