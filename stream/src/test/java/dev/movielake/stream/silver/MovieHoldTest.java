package dev.movielake.stream.silver;

import static dev.movielake.stream.silver.clean.BronzeRows.message;
import static org.assertj.core.api.Assertions.assertThat;

import dev.movielake.config.HeldBatchPolicy;
import dev.movielake.lakehouse.IcebergStorageManager;
import dev.movielake.lakehouse.table.WriteOptions;
import dev.movielake.lakehouse.testing.SharedSpark;
import dev.movielake.model.Layer;
import dev.movielake.model.PipelineTable;
import dev.movielake.model.RecordType;
import dev.movielake.stream.audit.AuditGate;
import dev.movielake.stream.silver.clean.BronzeRows;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * Credits and reviews of a quarantined movie are held with it in {@code silver.quarantine} and
 * released with it, through the silver batch writers of the three streams on real tables.
 */
class MovieHoldTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

  /** One silver stream per record type, as the pipeline runs them, on one test's tables. */
  private static final class Streams {
    final IcebergStorageManager storage;
    private long offset;

    Streams(String name) {
      storage = SharedSpark.storage(name);
    }

    SilverBatchWriter.Result write(RecordType type, long batchId, String... records) {
      List<BronzeRows.Message> messages = new ArrayList<>();
      for (String record : records) {
        messages.add(message(0, offset++, record));
      }
      return replay(type, batchId, messages);
    }

    SilverBatchWriter.Result replay(
        RecordType type, long batchId, List<BronzeRows.Message> messages) {
      return new SilverBatchWriter(
              storage,
              type,
              "stream-" + type.recordType(),
              CLOCK,
              new AuditGate(
                  storage, HeldBatchPolicy.STOP, Duration.ofSeconds(1), held -> {}, CLOCK))
          .write(BronzeRows.of(storage.spark(), type, messages), batchId);
    }

    List<String> keys(PipelineTable table) {
      return storage
          .readFromLayer(Layer.SILVER, table.tableName())
          .select(table.keyColumn())
          .collectAsList()
          .stream()
          .map(row -> String.valueOf(row.get(0)))
          .sorted()
          .toList();
    }

    /** Quarantined rows as {@code table key [rules]}. */
    List<String> quarantine() {
      return storage
          .readFromLayer(Layer.SILVER, PipelineTable.QUARANTINE.tableName())
          .collectAsList()
          .stream()
          .map(
              row ->
                  row.getAs("table_name")
                      + " "
                      + row.getAs("record_key")
                      + " "
                      + row.getList(row.fieldIndex("failed_rules")))
          .sorted()
          .toList();
    }
  }

  private static String movie(long id, String title, double observed) {
    return String.format(
        Locale.ROOT,
        "{'id': %d, 'title': '%s', 'release_date': '2001-05-01', 'vote_average': 7.5,"
            + " 'vote_count': 10, 'revenue': 1000, 'budget': 10, 'ingestion_timestamp': %.1f}",
        id,
        title,
        observed);
  }

  private static String director(String creditId, long movieId, long personId) {
    return String.format(
        Locale.ROOT,
        "{'movie_id': %d, 'person_id': %d, 'credit_type': 'crew', 'credit_id': '%s', 'name':"
            + " 'Person %d', 'job': 'Director', 'ingestion_timestamp': 1767225600.0}",
        movieId,
        personId,
        creditId,
        personId);
  }

  private static String review(String id, long movieId) {
    return String.format(
        Locale.ROOT,
        "{'id': '%s', 'movie_id': %d, 'author': 'critic', 'content': 'A brilliant film, loved"
            + " it.', 'created_at': '2025-03-15T10:20:30.123Z', 'ingestion_timestamp':"
            + " 1767225600.0}",
        id,
        movieId);
  }

  @Test
  void aBlankTitleHoldsItsCreditsAndReviewsUntilAGoodVersionReleasesThemOnce() {
    Streams streams = new Streams("hold_release");
    streams.write(
        RecordType.MOVIES, 0, movie(1, "Heat", 1767225600.0), movie(2, "   ", 1767225600.0));
    String[] credits = {director("c1", 1, 101), director("c2", 2, 102), director("c3", 2, 103)};
    SilverBatchWriter.Result creditBatch = streams.write(RecordType.CREDITS, 0, credits);
    streams.write(RecordType.REVIEWS, 0, review("r1", 1), review("r2", 2));

    assertThat(creditBatch.accepted()).isEqualTo(1);
    assertThat(creditBatch.held()).isEqualTo(2);
    assertThat(streams.keys(PipelineTable.MOVIES_CLEAN)).containsExactly("1");
    assertThat(streams.keys(PipelineTable.CREDITS_CLEAN)).containsExactly("c1");
    assertThat(streams.keys(PipelineTable.REVIEWS_WITH_SENTIMENT)).containsExactly("r1");
    List<String> held =
        List.of(
            "credits_clean c2 [movie_quarantined]",
            "credits_clean c3 [movie_quarantined]",
            "movies_clean 2 [title_present]",
            "reviews_with_sentiment r2 [movie_quarantined]");
    assertThat(streams.quarantine()).containsExactlyElementsOf(held);

    // Replaying the credits batch (a crash before its checkpoint) holds nothing twice.
    streams.replay(
        RecordType.CREDITS,
        0,
        List.of(message(0, 2, credits[0]), message(0, 3, credits[1]), message(0, 4, credits[2])));
    assertThat(streams.quarantine()).containsExactlyElementsOf(held);
    assertThat(streams.keys(PipelineTable.CREDITS_CLEAN)).containsExactly("c1");

    // A later good version of the movie releases everything held with it.
    SilverBatchWriter.Result fixed =
        streams.write(RecordType.MOVIES, 1, movie(2, "Ronin", 1767225700.0));
    assertThat(fixed.reconciled()).isEqualTo(new MovieHold.Moved(0, 3));
    assertThat(streams.keys(PipelineTable.MOVIES_CLEAN)).containsExactly("1", "2");
    assertThat(streams.keys(PipelineTable.CREDITS_CLEAN)).containsExactly("c1", "c2", "c3");
    assertThat(streams.keys(PipelineTable.REVIEWS_WITH_SENTIMENT)).containsExactly("r1", "r2");
    // The movie's own quarantined version stays as history; nothing is held any more.
    assertThat(streams.quarantine()).containsExactly("movies_clean 2 [title_present]");
    Row released =
        streams
            .storage
            .readFromLayer(Layer.SILVER, PipelineTable.CREDITS_CLEAN.tableName())
            .where("credit_key = 'c2'")
            .first();
    assertThat((String) released.getAs("person_name")).isEqualTo("Person 102");
    assertThat((Boolean) released.getAs("is_director")).isTrue();
    assertThat(
            streams
                .storage
                .readFromLayer(Layer.SILVER, PipelineTable.REVIEWS_WITH_SENTIMENT.tableName())
                .where("review_id = 'r2'")
                .first()
                .<Double>getAs("sentiment_score"))
        .isPositive();

    // Replaying the releasing batch, or reconciling again, moves nothing.
    streams.replay(RecordType.MOVIES, 1, List.of(message(0, 7, movie(2, "Ronin", 1767225700.0))));
    assertThat(new MovieHold(streams.storage).reconcileAll("check"))
        .isEqualTo(new MovieHold.Moved(0, 0));
    assertThat(streams.keys(PipelineTable.CREDITS_CLEAN)).containsExactly("c1", "c2", "c3");
    assertThat(streams.keys(PipelineTable.REVIEWS_WITH_SENTIMENT)).containsExactly("r1", "r2");
    assertThat(streams.quarantine()).containsExactly("movies_clean 2 [title_present]");
  }

  @Test
  void creditsInSilverMoveToTheHoldWhenTheirMovieArrivesQuarantinedButNotWhenSilverHasIt() {
    Streams streams = new Streams("hold_move");
    // Credits before their movie: nothing says the movie is bad, so silver takes them.
    streams.write(RecordType.CREDITS, 0, director("c3", 3, 103), director("c4", 4, 104));
    assertThat(streams.keys(PipelineTable.CREDITS_CLEAN)).containsExactly("c3", "c4");

    Dataset<Row> heldCopy =
        streams
            .storage
            .spark()
            .createDataFrame(
                streams
                    .storage
                    .readFromLayer(Layer.SILVER, PipelineTable.CREDITS_CLEAN.tableName())
                    .where("credit_key = 'c3'")
                    .collectAsList(),
                streams
                    .storage
                    .readFromLayer(Layer.SILVER, PipelineTable.CREDITS_CLEAN.tableName())
                    .schema());

    // Movie 3 arrives quarantined, movie 4 good: c3 leaves silver for the hold.
    SilverBatchWriter.Result movies =
        streams.write(
            RecordType.MOVIES, 0, movie(3, "", 1767225600.0), movie(4, "Alien", 1767225600.0));
    assertThat(movies.reconciled()).isEqualTo(new MovieHold.Moved(1, 0));
    assertThat(streams.keys(PipelineTable.CREDITS_CLEAN)).containsExactly("c4");
    assertThat(streams.quarantine())
        .containsExactly("credits_clean c3 [movie_quarantined]", "movies_clean 3 [title_present]");

    // A later quarantined version of movie 4: silver keeps its last good version, and its credits.
    streams.write(RecordType.MOVIES, 1, movie(4, " ", 1767225700.0));
    assertThat(streams.keys(PipelineTable.MOVIES_CLEAN)).containsExactly("4");
    assertThat(streams.keys(PipelineTable.CREDITS_CLEAN)).containsExactly("c4");

    // A crash between a move's two commits: the hold has c3, silver still has its copy. The
    // replayed batch removes the copy and holds c3 once.
    IcebergStorageManager storage = streams.storage;
    storage.writeToSilver(heldCopy, PipelineTable.CREDITS_CLEAN.tableName(), WriteOptions.append());
    assertThat(streams.keys(PipelineTable.CREDITS_CLEAN)).containsExactly("c3", "c4");
    streams.replay(
        RecordType.MOVIES,
        0,
        List.of(
            message(0, 2, movie(3, "", 1767225600.0)),
            message(0, 3, movie(4, "Alien", 1767225600.0))));
    assertThat(streams.keys(PipelineTable.CREDITS_CLEAN)).containsExactly("c4");
    assertThat(streams.quarantine())
        .containsExactly(
            "credits_clean c3 [movie_quarantined]",
            "movies_clean 3 [title_present]",
            "movies_clean 4 [title_present]");
  }

  @Test
  void aCrashBetweenAReleasesTwoCommitsIsCompletedByTheReplayOnce() {
    Streams streams = new Streams("hold_crash");
    streams.write(RecordType.MOVIES, 0, movie(5, "", 1767225600.0));
    streams.write(RecordType.CREDITS, 0, director("c5", 5, 105));
    List<Row> heldRows =
        streams
            .storage
            .readFromLayer(Layer.SILVER, PipelineTable.QUARANTINE.tableName())
            .where("table_name = 'credits_clean'")
            .collectAsList();
    assertThat(heldRows).hasSize(1);

    streams.write(RecordType.MOVIES, 1, movie(5, "Brazil", 1767225700.0));
    // The release's second commit (removing c5 from the hold) as if it never landed.
    streams.storage.writeToSilver(
        streams.storage.spark().createDataFrame(heldRows, Quarantine.SCHEMA),
        PipelineTable.QUARANTINE.tableName(),
        WriteOptions.append());

    SilverBatchWriter.Result replayed =
        streams.replay(
            RecordType.MOVIES, 1, List.of(message(0, 2, movie(5, "Brazil", 1767225700.0))));

    assertThat(replayed.reconciled()).isEqualTo(new MovieHold.Moved(0, 1));
    assertThat(streams.keys(PipelineTable.CREDITS_CLEAN)).containsExactly("c5");
    assertThat(streams.quarantine()).containsExactly("movies_clean 5 [title_present]");
  }
}
