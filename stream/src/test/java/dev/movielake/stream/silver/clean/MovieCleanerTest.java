package dev.movielake.stream.silver.clean;

import static dev.movielake.stream.silver.clean.BronzeRows.message;
import static org.assertj.core.api.Assertions.assertThat;

import dev.movielake.lakehouse.testing.SharedSpark;
import dev.movielake.model.RecordType;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

class MovieCleanerTest {
  private static final Instant EARLIER = Instant.parse("2023-11-14T22:13:20Z"); // 1700000000
  private static final Instant LATER = Instant.parse("2023-11-14T22:15:00Z"); // 1700000100

  private static Dataset<Row> clean(List<BronzeRows.Message> messages) {
    return new MovieCleaner()
        .clean(BronzeRows.of(SharedSpark.session(), RecordType.MOVIES, messages));
  }

  @Test
  void producesTheSilverSchema() {
    Dataset<Row> silver = clean(List.of(message(0, 0, "{'id': 1}")));

    assertThat(SilverRows.columns(silver))
        .containsExactly(
            "movie_id bigint",
            "title string",
            "original_title string",
            "overview string",
            "tagline string",
            "release_date date",
            "release_year int",
            "release_decade int",
            "adult boolean",
            "popularity double",
            "vote_average double",
            "vote_count int",
            "budget bigint",
            "revenue bigint",
            "profit bigint",
            "roi double",
            "runtime int",
            "language string",
            "status string",
            "homepage string",
            "imdb_id string",
            "poster_path string",
            "backdrop_path string",
            "genres array<struct<id:int,name:string>>",
            "genre_names array<string>",
            "production_companies array<string>",
            "keywords array<string>",
            "popularity_tier string",
            "rating_tier string",
            "missing_title_flag int",
            "missing_release_date_flag int",
            "missing_overview_flag int",
            "vote_average_out_of_range_flag int",
            "observed_at timestamp",
            "data_source string",
            "source_partition int",
            "source_offset bigint");
  }

  @Test
  void cleansEveryFieldAndKeepsTheLatestVersionOfEachMovie() {
    Dataset<Row> silver =
        clean(
            List.of(
                message(
                    0,
                    1,
                    "{'id': 550, 'title': 'Old title', 'ingestion_timestamp': 1700000000.0,"
                        + " 'data_source': 'tmdb_api'}"),
                // Later in Kafka but ingested earlier: the ingestion timestamp decides.
                message(
                    1,
                    9,
                    "{'id': 550, 'title': 'Stale title', 'ingestion_timestamp': 1699999999.0,"
                        + " 'data_source': 'tmdb_api'}"),
                message(
                    0,
                    2,
                    "{'id': 550, 'title': '  Fight Club ', 'original_title': 'Fight Club',"
                        + " 'overview': '  A ticking-time-bomb\\n"
                        + "\\n"
                        + " insomniac\\tand a   soap salesman.  ', 'tagline': ' Mischief. Mayhem."
                        + " Soap. ', 'release_date': '1999-10-15', 'adult': false, 'popularity':"
                        + " 61.5, 'vote_average': 8.4, 'vote_count': 26280, 'poster_path':"
                        + " '/poster.jpg', 'backdrop_path': '/backdrop.jpg', 'original_language': '"
                        + " EN ', 'budget': 40000000, 'revenue': 100000000, 'runtime': 139,"
                        + " 'status': 'Released', 'homepage':"
                        + " 'http://www.foxmovies.com/movies/fight-club', 'imdb_id': 'tt0137523',"
                        + " 'genres': [{'id': 18, 'name': 'Drama'}, {'id': 53, 'name':"
                        + " 'Thriller'}], 'genre_ids': [35], 'production_companies': [{'id': 508,"
                        + " 'name': 'Regency Enterprises', 'logo_path': null, 'origin_country':"
                        + " 'US'}, {'id': 711, 'name': 'Fox 2000 Pictures'}], 'keywords':"
                        + " {'keywords': [{'id': 825, 'name': 'support group'}, {'id': 851, 'name':"
                        + " 'dual identity'}]}, 'ingestion_timestamp': 1700000100.0, 'data_source':"
                        + " 'tmdb_api'}"),
                // No ingestion timestamp: observed when Kafka received it.
                message(
                    0,
                    3,
                    "{'id': 601, 'title': '   ', 'release_date': '', 'popularity': -2.0,"
                        + " 'vote_average': 11.5, 'vote_count': -3, 'budget': -5, 'revenue': 1000,"
                        + " 'runtime': 0, 'genre_ids': [28, 878, 10765], 'data_source':"
                        + " 'tmdb_discover'}"),
                // Same ingestion timestamp: the later offset wins.
                message(
                    2,
                    5,
                    "{'id': 700, 'title': 'Draft', 'ingestion_timestamp': 1700000000.0,"
                        + " 'data_source': 'tmdb_api'}"),
                message(
                    2,
                    7,
                    "{'id': 700, 'title': 'The Third', 'overview': 'Short.', 'release_date':"
                        + " '15/10/1999', 'popularity': 20.0, 'vote_average': 6.0, 'vote_count':"
                        + " 10, 'budget': 100, 'revenue': 25, 'runtime': 95, 'original_language':"
                        + " 'fr', 'ingestion_timestamp': 1700000000.0, 'data_source': 'tmdb_api'}"),
                message(
                    1,
                    0,
                    "{'id': 800, 'title': 'Good Enough', 'overview': 'Fine.', 'release_date':"
                        + " '2010-01-01', 'vote_average': 7.0, 'popularity': 19.9,"
                        + " 'ingestion_timestamp': 1700000000.0, 'data_source': 'tmdb_api'}"),
                message(
                    1,
                    1,
                    "{'id': 801, 'title': 'Poor', 'overview': 'Bad.', 'release_date': '1985-06-30',"
                        + " 'vote_average': -1.0, 'ingestion_timestamp': 1700000000.0,"
                        + " 'data_source': 'tmdb_api'}")));

    assertThat(SilverRows.sortedBy(silver, "movie_id"))
        .containsExactly(
            Arrays.asList(
                550L,
                "Fight Club",
                "Fight Club",
                "A ticking-time-bomb insomniac and a soap salesman.",
                "Mischief. Mayhem. Soap.",
                LocalDate.of(1999, 10, 15),
                1999,
                1990,
                false,
                61.5,
                8.4,
                26280,
                40000000L,
                100000000L,
                60000000L,
                1.5,
                139,
                "en",
                "Released",
                "http://www.foxmovies.com/movies/fight-club",
                "tt0137523",
                "/poster.jpg",
                "/backdrop.jpg",
                List.of(List.of(18, "Drama"), List.of(53, "Thriller")),
                List.of("Drama", "Thriller"),
                List.of("Regency Enterprises", "Fox 2000 Pictures"),
                List.of("support group", "dual identity"),
                "high",
                "excellent",
                0,
                0,
                0,
                0,
                LATER,
                "tmdb_api",
                0,
                2L),
            Arrays.asList(
                601L,
                "",
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                0.0,
                10.0,
                0,
                0L,
                1000L,
                1000L,
                0.0,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                List.of(
                    List.of(28, "Action"),
                    List.of(878, "Science Fiction"),
                    Arrays.asList(10765, null)),
                List.of("Action", "Science Fiction"),
                List.of(),
                List.of(),
                "low",
                "excellent",
                1,
                1,
                1,
                1,
                BronzeRows.KAFKA_TIMESTAMP,
                "tmdb_discover",
                0,
                3L),
            Arrays.asList(
                700L,
                "The Third",
                null,
                "Short.",
                null,
                null,
                null,
                null,
                null,
                20.0,
                6.0,
                10,
                100L,
                25L,
                -75L,
                -0.75,
                95,
                "fr",
                null,
                null,
                null,
                null,
                null,
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                "medium",
                "average",
                0,
                1,
                0,
                0,
                EARLIER,
                "tmdb_api",
                2,
                7L),
            Arrays.asList(
                800L,
                "Good Enough",
                null,
                "Fine.",
                null,
                LocalDate.of(2010, 1, 1),
                2010,
                2010,
                null,
                19.9,
                7.0,
                null,
                0L,
                0L,
                0L,
                0.0,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                "low",
                "good",
                0,
                0,
                0,
                0,
                EARLIER,
                "tmdb_api",
                1,
                0L),
            Arrays.asList(
                801L,
                "Poor",
                null,
                "Bad.",
                null,
                LocalDate.of(1985, 6, 30),
                1985,
                1980,
                null,
                null,
                0.0,
                null,
                0L,
                0L,
                0L,
                0.0,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                "low",
                "poor",
                0,
                0,
                0,
                1,
                EARLIER,
                "tmdb_api",
                1,
                1L));
  }
}
