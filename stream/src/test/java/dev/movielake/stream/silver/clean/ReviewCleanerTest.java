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
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

class ReviewCleanerTest {
  private static final Instant EARLIER = Instant.parse("2023-11-14T22:13:20Z"); // 1700000000
  private static final Instant LATER = Instant.parse("2023-11-14T22:15:00Z"); // 1700000100

  /** Shortly after midnight UTC: still the previous day in most of the Americas. */
  private static final String AFTER_MIDNIGHT_UTC =
      "{'id': 'r3', 'movie_id': 551, 'author': 'Night Owl', "
          + "'content': '"
          + "word ".repeat(50)
          + "', 'created_at': '2023-04-01T02:30:00.000Z', "
          + "'ingestion_timestamp': 1700000000.0, 'data_source': 'tmdb_api'}";

  private static Dataset<Row> clean(SparkSession spark, List<BronzeRows.Message> messages) {
    return new ReviewCleaner().clean(BronzeRows.of(spark, RecordType.REVIEWS, messages));
  }

  @Test
  void producesTheSilverSchema() {
    Dataset<Row> silver =
        clean(SharedSpark.session(), List.of(message(0, 0, "{'id': 'r', 'movie_id': 1}")));

    assertThat(SilverRows.columns(silver))
        .containsExactly(
            "review_id string",
            "movie_id bigint",
            "author string",
            "author_username string",
            "author_rating double",
            "content string",
            "content_length int",
            "word_count int",
            "has_rating boolean",
            "created_at timestamp",
            "updated_at timestamp",
            "review_date date",
            "url string",
            "content_type string",
            "observed_at timestamp",
            "data_source string",
            "source_partition int",
            "source_offset bigint");
  }

  @Test
  void cleansEveryFieldAndKeepsTheLatestVersionOfEachReview() {
    Dataset<Row> silver =
        clean(
            SharedSpark.session(),
            List.of(
                message(
                    0,
                    0,
                    "{'id': 'r1', 'movie_id': 550, 'author': 'Goddard', 'content': 'First draft.', "
                        + "'ingestion_timestamp': 1700000000.0, 'data_source': 'tmdb_api'}"),
                message(
                    0,
                    1,
                    "{'id': 'r1', 'movie_id': 550, 'author': ' Goddard ', 'author_details':"
                        + " {'name': '', 'username': 'goddard', 'avatar_path': null, 'rating':"
                        + " 9.0}, 'content': '  Pretty   awesome\\n"
                        + "movie.  ', 'created_at': '2023-01-15T10:20:30.123Z', 'updated_at':"
                        + " '2023-01-16T08:00:00Z', 'url': 'https://www.themoviedb.org/review/r1',"
                        + " 'ingestion_timestamp': 1700000100.0, 'data_source': 'tmdb_api'}"),
                message(
                    0,
                    2,
                    "{'id': 'r2', 'movie_id': 550, 'author': 'Anonymous', 'created_at':"
                        + " 'yesterday', 'updated_at': '', 'ingestion_timestamp': 1700000000.0,"
                        + " 'data_source': 'tmdb_api'}"),
                message(1, 0, AFTER_MIDNIGHT_UTC),
                message(
                    1,
                    1,
                    "{'id': 'r4', 'movie_id': 551, 'author': 'Verbose', 'content': '"
                        + "word ".repeat(200)
                        + "', 'author_details': {'rating': 4.5}, 'created_at':"
                        + " '2023-12-31T23:59:59Z', 'ingestion_timestamp': 1700000000.0,"
                        + " 'data_source': 'tmdb_api'}"),
                message(
                    1,
                    2,
                    "{'id': 'r5', 'movie_id': 551, 'author': 'Silent', 'content': ' \\n\\t ', "
                        + "'ingestion_timestamp': 1700000000.0, 'data_source': 'tmdb_api'}")));

    assertThat(SilverRows.sortedBy(silver, "review_id"))
        .containsExactly(
            Arrays.asList(
                "r1",
                550L,
                "Goddard",
                "goddard",
                9.0,
                "Pretty awesome movie.",
                21,
                3,
                true,
                Instant.parse("2023-01-15T10:20:30.123Z"),
                Instant.parse("2023-01-16T08:00:00Z"),
                LocalDate.of(2023, 1, 15),
                "https://www.themoviedb.org/review/r1",
                "short",
                LATER,
                "tmdb_api",
                0,
                1L),
            Arrays.asList(
                "r2",
                550L,
                "Anonymous",
                null,
                null,
                null,
                0,
                0,
                false,
                null,
                null,
                null,
                null,
                "short",
                EARLIER,
                "tmdb_api",
                0,
                2L),
            // 50 words of 4 letters and the 49 spaces between them.
            Arrays.asList(
                "r3",
                551L,
                "Night Owl",
                null,
                null,
                "word ".repeat(49) + "word",
                249,
                50,
                false,
                Instant.parse("2023-04-01T02:30:00Z"),
                null,
                LocalDate.of(2023, 4, 1),
                null,
                "medium",
                EARLIER,
                "tmdb_api",
                1,
                0L),
            Arrays.asList(
                "r4",
                551L,
                "Verbose",
                null,
                4.5,
                "word ".repeat(199) + "word",
                999,
                200,
                true,
                Instant.parse("2023-12-31T23:59:59Z"),
                null,
                LocalDate.of(2023, 12, 31),
                null,
                "long",
                EARLIER,
                "tmdb_api",
                1,
                1L),
            Arrays.asList(
                "r5",
                551L,
                "Silent",
                null,
                null,
                "",
                0,
                0,
                false,
                null,
                null,
                null,
                null,
                "short",
                EARLIER,
                "tmdb_api",
                1,
                2L));
  }

  @Test
  void readsTimesAsUtcWhateverTheSessionTimeZone() {
    SparkSession pacific = SharedSpark.session().newSession();
    pacific.conf().set("spark.sql.session.timeZone", "America/Los_Angeles");

    Dataset<Row> silver =
        clean(pacific, List.of(message(0, 0, AFTER_MIDNIGHT_UTC)))
            .select("review_id", "created_at", "review_date", "observed_at");

    assertThat(SilverRows.sortedBy(silver, "review_id"))
        .containsExactly(
            Arrays.asList(
                "r3", Instant.parse("2023-04-01T02:30:00Z"), LocalDate.of(2023, 4, 1), EARLIER));
  }
}
