package dev.movielake.stream.gold;

import static org.assertj.core.api.Assertions.assertThat;

import dev.movielake.lakehouse.testing.SharedSpark;
import dev.movielake.stream.testing.RowLines;
import dev.movielake.stream.testing.SilverMovieSchema;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Fixed silver rows -> gold rows computed by hand (in the comments), not by the code under test.
 */
class GoldAggregatesTest {
  private static final StructType MOVIES = SilverMovieSchema.FOR_GOLD;
  private static final StructType CREDITS =
      StructType.fromDDL(
          "movie_id BIGINT, person_id BIGINT, person_name STRING, credit_type STRING, is_director"
              + " BOOLEAN, is_lead_role BOOLEAN, observed_at TIMESTAMP");
  private static final Timestamp AT = Timestamp.valueOf("2026-01-01 00:00:00");

  private final SparkSession spark = SharedSpark.session();

  private Dataset<Row> movies() {
    List<Row> rows =
        new ArrayList<>(
            List.of(
                movie(1, 2020, List.of("Drama", "Comedy"), 8.0, 100, 50, 60.0, 100, "en", "high"),
                movie(2, 2020, List.of("Drama"), 6.0, 300, 100, 10.0, 120, "en", "low"),
                movie(3, 2021, List.of("Comedy"), 7.0, 0, 20, 25.0, null, "fr", "medium"),
                movie(4, null, List.of("Drama"), 9.0, 1000, 10, 5.0, 95, "en", "medium")));
    for (int index = 0; index < 5; index++) {
      rows.add(movie(5 + index, 2019, List.of("Horror"), 5.0 + index, 10, 5, 1.0, 90, "en", "low"));
    }
    return spark.createDataFrame(rows, MOVIES);
  }

  private static Row movie(
      long id,
      Integer year,
      List<String> genres,
      double rating,
      long revenue,
      long budget,
      double popularity,
      Integer runtime,
      String language,
      String tier) {
    return RowFactory.create(
        id,
        year,
        CollectionConverters.asScala(genres).toSeq(),
        rating,
        rating > 0 ? 100 : 0,
        revenue,
        budget,
        popularity,
        runtime,
        language,
        tier);
  }

  private Dataset<Row> credits() {
    return spark.createDataFrame(
        List.of(
            RowFactory.create(1L, 100L, "Ann Director", "crew", true, false, AT),
            RowFactory.create(2L, 100L, "Ann Director", "crew", true, false, AT),
            RowFactory.create(
                1L, 100L, "Ann Director", "crew", false, false, AT), // screenplay: not directing
            RowFactory.create(1L, 200L, "Bob Actor", "cast", false, true, AT),
            RowFactory.create(
                2L, 200L, "Bob Actor", "cast", false, false, AT), // two characters in movie 2
            RowFactory.create(2L, 200L, "Bob Actor", "cast", false, false, AT),
            RowFactory.create(3L, 200L, "Bob Actor", "cast", false, true, AT),
            RowFactory.create(
                99L, 300L, "Cy Unknown", "cast", false, true, AT)), // movie 99 is not in silver
        CREDITS);
  }

  private static List<String> lines(Dataset<Row> rows, String... columns) {
    return RowLines.of(rows, 4, columns);
  }

  @Test
  void moviesByYearGenreIsTheSeedsAggregationWithoutUndatedMovies() {
    GoldAggregates gold = new GoldAggregates(movies(), Optional.empty());
    // Horror 2019: ratings 5..9 -> 7; revenue 5 x 10. Drama 2020: movies 1 and 2 -> (8+6)/2,
    // 100+300.
    assertThat(
            lines(
                gold.moviesByYearGenre(),
                "year",
                "genre",
                "movie_count",
                "avg_rating",
                "total_revenue"))
        .containsExactly(
            "2019|Horror|5|7.0000|50",
            "2020|Comedy|1|8.0000|100",
            "2020|Drama|2|7.0000|400",
            "2021|Comedy|1|7.0000|0");
  }

  @Test
  void aMovieNobodyVotedOnCountsButHasNoRating() {
    List<Row> rows = new ArrayList<>(movies().collectAsList());
    rows.add(
        movie(10, 2020, List.of("Drama"), 0.0, 0, 0, 2.0, null, "en", "low")); // upcoming: 0 votes
    GoldAggregates gold = new GoldAggregates(spark.createDataFrame(rows, MOVIES), Optional.empty());
    // Drama 2020: three movies now, still rated (8 + 6) / 2.
    assertThat(
            lines(
                gold.moviesByYearGenre().where("year = 2020 AND genre = 'Drama'"),
                "year",
                "genre",
                "movie_count",
                "avg_rating"))
        .containsExactly("2020|Drama|3|7.0000");
  }

  @Test
  void genreSummaryKeepsGenreYearsWithAtLeastFiveMovies() {
    GoldAggregates gold = new GoldAggregates(movies(), Optional.empty());
    assertThat(
            lines(
                gold.genreSummaryByYear(),
                "release_year",
                "genre",
                "movie_count",
                "avg_rating",
                "avg_popularity",
                "avg_runtime",
                "total_revenue",
                "total_budget"))
        .containsExactly("2019|Horror|5|7.0000|1.0000|90.0000|50|25");
  }

  @Test
  void summaryByYearLanguageHasTotalsAndProfitMargin() {
    GoldAggregates gold = new GoldAggregates(movies(), Optional.empty());
    // margin = (revenue - budget) / revenue: (50-25)/50, (100-50)/100, (300-100)/300; none without
    // revenue.
    assertThat(
            lines(
                gold.movieSummaryByYearLanguage(),
                "release_year",
                "language",
                "popularity_tier",
                "movie_count",
                "avg_rating",
                "avg_runtime",
                "total_revenue",
                "total_budget",
                "profit_margin"))
        .containsExactly(
            "2019|en|low|5|7.0000|90.0000|50|25|0.5000",
            "2020|en|high|1|8.0000|100.0000|100|50|0.5000",
            "2020|en|low|1|6.0000|120.0000|300|100|0.6667",
            "2021|fr|medium|1|7.0000|null|0|20|null");
  }

  @Test
  void filmographiesCountEachMovieOnceAndOnlyKnownMovies() {
    GoldAggregates gold = new GoldAggregates(movies(), Optional.of(credits()));
    // Ann directed movies 1 and 2: ratings (8+6)/2, revenue 100+300, budget 50+100, margin 250/400.
    assertThat(
            lines(
                gold.directorFilmography(),
                "person_id",
                "person_name",
                "movie_count",
                "first_year",
                "last_year",
                "avg_rating",
                "total_revenue",
                "total_budget",
                "profit_margin"))
        .containsExactly("100|Ann Director|2|2020|2020|7.0000|400|150|0.6250");
    // Bob: movies 1, 2 (twice credited, counted once) and 3; leads in 1 and 3; popularity
    // (60+10+25)/3.
    assertThat(
            lines(
                gold.actorFilmography(),
                "person_id",
                "person_name",
                "movie_count",
                "lead_role_count",
                "first_year",
                "last_year",
                "avg_rating",
                "avg_movie_popularity",
                "total_revenue"))
        .containsExactly("200|Bob Actor|3|2|2020|2021|7.0000|31.6667|400");
  }

  @Test
  void everyAggregateIsListedWithItsSources() {
    assertThat(new GoldAggregates(movies(), Optional.of(credits())).all())
        .extracting(aggregate -> aggregate.table().tableName())
        .containsExactly(
            "movies_by_year_genre",
            "genre_summary_by_year",
            "movie_summary_by_year_language",
            "director_filmography",
            "actor_filmography");
    assertThat(Arrays.asList(new GoldAggregates(movies(), Optional.empty()).all().size()))
        .containsExactly(3);
  }
}
