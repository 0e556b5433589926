package dev.movielake.stream.silver.clean;

import static dev.movielake.stream.silver.clean.BronzeRows.message;
import static org.assertj.core.api.Assertions.assertThat;

import dev.movielake.lakehouse.testing.SharedSpark;
import dev.movielake.model.RecordType;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

class CreditCleanerTest {
  private static final Instant EARLIER = Instant.parse("2023-11-14T22:13:20Z"); // 1700000000
  private static final Instant LATER = Instant.parse("2023-11-14T22:15:00Z"); // 1700000100

  private static Dataset<Row> clean(List<BronzeRows.Message> messages) {
    return new CreditCleaner()
        .clean(BronzeRows.of(SharedSpark.session(), RecordType.CREDITS, messages));
  }

  @Test
  void producesTheSilverSchema() {
    Dataset<Row> silver =
        clean(List.of(message(0, 0, "{'movie_id': 1, 'person_id': 2, 'credit_type': 'cast'}")));

    assertThat(SilverRows.columns(silver))
        .containsExactly(
            "credit_key string",
            "movie_id bigint",
            "person_id bigint",
            "credit_type string",
            "credit_id string",
            "person_name string",
            "character string",
            "cast_order int",
            "job string",
            "department string",
            "profile_path string",
            "gender int",
            "adult boolean",
            "known_for_department string",
            "popularity double",
            "is_lead_role boolean",
            "is_director boolean",
            "is_producer boolean",
            "is_writer boolean",
            "observed_at timestamp",
            "data_source string",
            "source_partition int",
            "source_offset bigint");
  }

  @Test
  void cleansEveryFieldKeysCreditsWithoutIdAndKeepsTheLatestVersion() {
    Dataset<Row> silver =
        clean(
            List.of(
                message(
                    0,
                    0,
                    "{'movie_id': 550, 'person_id': 819, 'credit_type': 'Cast', 'credit_id':"
                        + " '52fe4250c3a36847f80149f3', 'name': ' Edward Norton ', 'character': '"
                        + " The Narrator ', 'order': 0, 'profile_path': '/norton.jpg', 'gender': 2,"
                        + " 'adult': false, 'known_for_department': 'Acting', 'popularity': 26.5,"
                        + " 'ingestion_timestamp': 1700000100.0, 'data_source': 'tmdb_api'}"),
                // The same credit, later in Kafka but ingested earlier: it loses.
                message(
                    0,
                    1,
                    "{'movie_id': 550, 'person_id': 819, 'credit_type': 'cast', 'credit_id':"
                        + " '52fe4250c3a36847f80149f3', 'character': 'Jack', 'order': 1,"
                        + " 'ingestion_timestamp': 1700000000.0, 'data_source': 'tmdb_api'}"),
                message(
                    0,
                    2,
                    "{'movie_id': 550, 'person_id': 7470, 'credit_type': 'cast', 'credit_id': 'c5',"
                        + " 'name': 'Fifth Billed', 'character': 'Bob', 'order': 5,"
                        + " 'ingestion_timestamp': 1700000000.0, 'data_source': 'tmdb_api'}"),
                message(
                    0,
                    3,
                    "{'movie_id': 550, 'person_id': 7471, 'credit_type': 'cast', 'credit_id': 'c6',"
                        + " 'name': 'Sixth Billed', 'character': 'Angel Face', 'order': 6,"
                        + " 'ingestion_timestamp': 1700000000.0, 'data_source': 'tmdb_api'}"),
                message(
                    1,
                    0,
                    "{'movie_id': 550, 'person_id': 7467, 'credit_type': 'crew', 'credit_id': ' ',"
                        + " 'name': 'David Fincher', 'job': 'Director', 'department': ' Directing"
                        + " ', 'ingestion_timestamp': 1700000000.0, 'data_source': 'tmdb_api'}"),
                message(
                    1,
                    1,
                    "{'movie_id': 550, 'person_id': 7468, 'credit_type': 'CREW', 'name': 'Jim"
                        + " Uhls', 'job': ' Screenplay ', 'department': 'Writing',"
                        + " 'ingestion_timestamp': 1700000000.0, 'data_source': 'tmdb_api'}"),
                message(
                    1,
                    2,
                    "{'movie_id': 550, 'person_id': 7469, 'credit_type': 'crew', 'credit_id':"
                        + " 'c-ep', 'name': 'Arnon Milchan', 'job': 'Executive Producer',"
                        + " 'department': 'Production', 'ingestion_timestamp': 1700000000.0,"
                        + " 'data_source': 'tmdb_api'}")));

    assertThat(SilverRows.sortedBy(silver, "credit_key"))
        .containsExactly(
            Arrays.asList(
                "52fe4250c3a36847f80149f3",
                550L,
                819L,
                "cast",
                "52fe4250c3a36847f80149f3",
                "Edward Norton",
                "The Narrator",
                0,
                null,
                null,
                "/norton.jpg",
                2,
                false,
                "Acting",
                26.5,
                true,
                false,
                false,
                false,
                LATER,
                "tmdb_api",
                0,
                0L),
            Arrays.asList(
                "550|7467|crew||Director",
                550L,
                7467L,
                "crew",
                " ",
                "David Fincher",
                null,
                null,
                "Director",
                "Directing",
                null,
                null,
                null,
                null,
                null,
                false,
                true,
                false,
                false,
                EARLIER,
                "tmdb_api",
                1,
                0L),
            Arrays.asList(
                "550|7468|crew||Screenplay",
                550L,
                7468L,
                "crew",
                null,
                "Jim Uhls",
                null,
                null,
                "Screenplay",
                "Writing",
                null,
                null,
                null,
                null,
                null,
                false,
                false,
                false,
                true,
                EARLIER,
                "tmdb_api",
                1,
                1L),
            Arrays.asList(
                "c-ep",
                550L,
                7469L,
                "crew",
                "c-ep",
                "Arnon Milchan",
                null,
                null,
                "Executive Producer",
                "Production",
                null,
                null,
                null,
                null,
                null,
                false,
                false,
                true,
                false,
                EARLIER,
                "tmdb_api",
                1,
                2L),
            Arrays.asList(
                "c5",
                550L,
                7470L,
                "cast",
                "c5",
                "Fifth Billed",
                "Bob",
                5,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                true,
                false,
                false,
                false,
                EARLIER,
                "tmdb_api",
                0,
                2L),
            Arrays.asList(
                "c6",
                550L,
                7471L,
                "cast",
                "c6",
                "Sixth Billed",
                "Angel Face",
                6,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                false,
                false,
                false,
                false,
                EARLIER,
                "tmdb_api",
                0,
                3L));
  }
}
