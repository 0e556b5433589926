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

class PersonCleanerTest {
  private static final LocalDate TODAY = LocalDate.of(2024, 6, 1);
  private static final Instant EARLIER = Instant.parse("2023-11-14T22:13:20Z"); // 1700000000
  private static final Instant LATER = Instant.parse("2023-11-14T22:15:00Z"); // 1700000100

  private static Dataset<Row> clean(List<BronzeRows.Message> messages) {
    return new PersonCleaner(TODAY)
        .clean(BronzeRows.of(SharedSpark.session(), RecordType.PEOPLE, messages));
  }

  @Test
  void producesTheSilverSchema() {
    Dataset<Row> silver = clean(List.of(message(0, 0, "{'id': 1}")));

    assertThat(SilverRows.columns(silver))
        .containsExactly(
            "person_id bigint",
            "name string",
            "biography string",
            "birthday date",
            "deathday date",
            "place_of_birth string",
            "profile_path string",
            "adult boolean",
            "popularity double",
            "gender int",
            "known_for_department string",
            "homepage string",
            "imdb_id string",
            "also_known_as array<string>",
            "age_at_death int",
            "current_age int",
            "birth_decade int",
            "popularity_tier string",
            "is_alive boolean",
            "observed_at timestamp",
            "data_source string",
            "source_partition int",
            "source_offset bigint");
  }

  @Test
  void cleansEveryFieldAndKeepsTheLatestVersionOfEachPerson() {
    Dataset<Row> silver =
        clean(
            List.of(
                message(
                    0,
                    0,
                    "{'id': 10, 'name': ' Audrey Hepburn ', 'biography': 'Born in Ixelles.\\n"
                        + "\\n"
                        + "Actress  and humanitarian. ', 'birthday': '1929-05-04', 'deathday':"
                        + " '1993-01-20', 'place_of_birth': ' Ixelles, Belgium ', 'profile_path':"
                        + " '/audrey.jpg', 'adult': false, 'popularity': 25.5, 'gender': 1,"
                        + " 'known_for_department': 'Acting', 'imdb_id': 'nm0000030',"
                        + " 'also_known_as': ['Edda van Heemstra'], 'ingestion_timestamp':"
                        + " 1700000000.0, 'data_source': 'tmdb_api'}"),
                message(
                    0,
                    1,
                    "{'id': 11, 'name': 'Brad Pitt', 'birthday': '1963-12-18', 'popularity': 5.0,"
                        + " 'gender': 2, 'known_for_department': 'Acting', 'homepage':"
                        + " 'https://example.org/brad', 'ingestion_timestamp': 1700000000.0,"
                        + " 'data_source': 'tmdb_api'}"),
                message(
                    1,
                    0,
                    "{'id': 12, 'name': 'Unknown Person', 'birthday': '', 'deathday': '',"
                        + " 'popularity': -1.0, 'ingestion_timestamp': 1700000100.0, 'data_source':"
                        + " 'tmdb_api'}"),
                // A later offset ingested earlier loses.
                message(
                    1,
                    1,
                    "{'id': 12, 'name': 'Older', 'ingestion_timestamp': 1700000000.0,"
                        + " 'data_source': 'tmdb_api'}")));

    assertThat(SilverRows.sortedBy(silver, "person_id"))
        .containsExactly(
            // 23272 days from birth to death: 63.7 years.
            Arrays.asList(
                10L,
                "Audrey Hepburn",
                "Born in Ixelles. Actress and humanitarian.",
                LocalDate.of(1929, 5, 4),
                LocalDate.of(1993, 1, 20),
                "Ixelles, Belgium",
                "/audrey.jpg",
                false,
                25.5,
                1,
                "Acting",
                null,
                "nm0000030",
                List.of("Edda van Heemstra"),
                63,
                null,
                1920,
                "high",
                false,
                EARLIER,
                "tmdb_api",
                0,
                0L),
            // 22081 days from birth to 2024-06-01: 60.45 years.
            Arrays.asList(
                11L,
                "Brad Pitt",
                null,
                LocalDate.of(1963, 12, 18),
                null,
                null,
                null,
                null,
                5.0,
                2,
                "Acting",
                "https://example.org/brad",
                null,
                List.of(),
                null,
                60,
                1960,
                "medium",
                true,
                EARLIER,
                "tmdb_api",
                0,
                1L),
            Arrays.asList(
                12L,
                "Unknown Person",
                null,
                null,
                null,
                null,
                null,
                null,
                0.0,
                null,
                null,
                null,
                null,
                List.of(),
                null,
                null,
                null,
                "low",
                true,
                LATER,
                "tmdb_api",
                1,
                0L));
  }
}
