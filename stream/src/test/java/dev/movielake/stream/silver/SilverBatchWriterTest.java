package dev.movielake.stream.silver;

import static dev.movielake.stream.silver.clean.BronzeRows.message;
import static org.apache.spark.sql.functions.expr;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.movielake.config.HeldBatchPolicy;
import dev.movielake.lakehouse.IcebergStorageManager;
import dev.movielake.lakehouse.testing.SharedSpark;
import dev.movielake.model.Layer;
import dev.movielake.model.PipelineTable;
import dev.movielake.model.RecordType;
import dev.movielake.model.expectation.Expectation;
import dev.movielake.model.expectation.QualityDimension;
import dev.movielake.model.expectation.TableExpectations;
import dev.movielake.stream.audit.Audit;
import dev.movielake.stream.audit.AuditGate;
import dev.movielake.stream.audit.AuditState;
import dev.movielake.stream.audit.BatchHeldException;
import dev.movielake.stream.audit.HeldBatches;
import dev.movielake.stream.silver.clean.BronzeRows;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A silver batch that fails an expectation with action {@code FAIL} is held on its branch: nothing
 * of it reaches silver's {@code main} or quarantine, its pass rates are logged, and it is written
 * exactly once when an operator releases it or when it is replayed under expectations it meets.
 */
class SilverBatchWriterTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

  /** The contract's expectations of movies, plus one that every rating of zero fails. */
  private static final Expectation NO_ZERO_RATINGS =
      Expectation.fail("rating_not_zero", QualityDimension.RANGE, "vote_average <> 0");

  private final IcebergStorageManager storage = SharedSpark.storage("silver_batch_writer");

  private static String movie(long id, String title, double rating) {
    return String.format(
        Locale.ROOT,
        "{'id': %d, 'title': '%s', 'release_date': '2001-05-01', 'vote_average': %.1f,"
            + " 'vote_count': 10, 'ingestion_timestamp': 1767225600.0}",
        id,
        title,
        rating);
  }

  private SilverBatchWriter.Result write(boolean strict, long batchId, String... records) {
    List<BronzeRows.Message> messages = new ArrayList<>();
    for (int index = 0; index < records.length; index++) {
      messages.add(message(0, index, records[index]));
    }
    SilverBatchWriter writer =
        new SilverBatchWriter(
            storage,
            RecordType.MOVIES,
            "stream-movies",
            CLOCK,
            new AuditGate(storage, HeldBatchPolicy.STOP, Duration.ofSeconds(1), held -> {}, CLOCK),
            (table, today) -> {
              List<Expectation> expectations = new ArrayList<>(TableExpectations.of(table, today));
              if (strict) {
                expectations.add(NO_ZERO_RATINGS);
              }
              return expectations;
            });
    return writer.write(BronzeRows.of(storage.spark(), RecordType.MOVIES, messages), batchId);
  }

  private long rows(PipelineTable table) {
    return storage.tableExists(Layer.SILVER, table.tableName())
        ? storage.readFromLayer(Layer.SILVER, table.tableName()).count()
        : 0;
  }

  private List<Row> logged(String batch, String rule) {
    return storage
        .readFromLayer(Layer.SILVER, PipelineTable.DATA_QUALITY.tableName())
        .where("batch = '" + batch + "' AND rule = '" + rule + "'")
        .collectAsList();
  }

  @Test
  void aBatchFailingAFailExpectationIsHeldOnItsBranchAndWrittenOnceWhenReleased() {
    write(true, 0, movie(1, "Fine", 7.5));
    assertThat(rows(PipelineTable.MOVIES_CLEAN)).isEqualTo(1);

    String[] bad = {movie(2, "Zero", 0.0), movie(3, "Also fine", 6.0), movie(4, "", 5.0)};
    assertThatThrownBy(() -> write(true, 1, bad))
        .isInstanceOf(BatchHeldException.class)
        .hasMessageContaining("silver.movies_clean batch stream-movies/1 is held on branch")
        .hasMessageContaining("rating_not_zero: failed for 1 of 3 rows");

    assertThat(rows(PipelineTable.MOVIES_CLEAN)).as("nothing of the held batch").isEqualTo(1);
    assertThat(rows(PipelineTable.QUARANTINE)).as("not even its row with a blank title").isZero();
    List<Row> logged = logged("stream-movies/1", "rating_not_zero");
    assertThat(logged).hasSize(1);
    assertThat(logged.get(0).<Long>getAs("passed")).isEqualTo(2);
    assertThat(logged.get(0).<Boolean>getAs("blocking")).isTrue();

    HeldBatches operators = new HeldBatches(storage, CLOCK);
    Audit held = operators.find(Layer.SILVER, "movies_clean", "stream-movies/1");
    assertThat(operators.changes(held).afterImages().count())
        .as("the held rows, on the branch: the blank title is not among them")
        .isEqualTo(2);
    operators.release(held, "");
    assertThat(rows(PipelineTable.MOVIES_CLEAN)).isEqualTo(3);

    // The stream, started again on the batch, goes on from the release: quarantine, once.
    SilverBatchWriter.Result released = write(true, 1, bad);
    assertThat(released.audit()).isEqualTo(AuditState.RELEASED);
    assertThat(released.quarantined()).isEqualTo(1);
    write(true, 1, bad);
    assertThat(rows(PipelineTable.MOVIES_CLEAN)).isEqualTo(3);
    assertThat(rows(PipelineTable.QUARANTINE)).isEqualTo(1);
    assertThat(logged("stream-movies/1", "rating_not_zero")).hasSize(1);
  }

  @Test
  void aHeldBatchReplayedUnderExpectationsItMeetsIsPublishedFromItsBranchOnce() {
    write(true, 10, movie(11, "Fine", 7.5));
    String[] bad = {movie(12, "Zero", 0.0), movie(13, "Also fine", 6.0)};
    assertThatThrownBy(() -> write(true, 11, bad)).isInstanceOf(BatchHeldException.class);

    SilverBatchWriter.Result passed = write(false, 11, bad);
    write(false, 11, bad);

    assertThat(passed.audit()).isEqualTo(AuditState.PASSED);
    assertThat(passed.accepted()).isEqualTo(2);
    assertThat(
            storage
                .readFromLayer(Layer.SILVER, "movies_clean")
                .where("movie_id IN (12, 13)")
                .count())
        .isEqualTo(2);
    assertThat(
            storage.hasBranch(
                Layer.SILVER, "movies_clean", AuditGate.branchOf("stream-movies", 11)))
        .isFalse();
  }

  /** Movies {@code firstId} on, {@code count} of them, observed at the clock's time. */
  private Dataset<Row> movies(int firstId, int count, String fields) {
    List<BronzeRows.Message> messages = new ArrayList<>();
    for (int id = firstId; id < firstId + count; id++) {
      messages.add(
          message(
              0,
              id,
              String.format(
                  Locale.ROOT,
                  "{'id': %d, 'title': 'Movie %d', 'release_date': '2001-05-01', %s,"
                      + " 'ingestion_timestamp': 1767225600.0}",
                  id,
                  id,
                  fields)));
    }
    return BronzeRows.of(storage.spark(), RecordType.MOVIES, messages);
  }

  /** The contract's own expectations and thresholds, as the pipeline runs them. */
  private SilverBatchWriter contractWriter() {
    return new SilverBatchWriter(
        storage,
        RecordType.MOVIES,
        "stream-movies",
        CLOCK,
        new AuditGate(storage, HeldBatchPolicy.STOP, Duration.ofSeconds(1), held -> {}, CLOCK));
  }

  private Row loggedOnce(String batch, String rule) {
    List<Row> entries = logged(batch, rule);
    assertThat(entries).hasSize(1);
    return entries.get(0);
  }

  @Test
  void aBatchWithoutRatingsIsHeldByTheContractsDefaults() {
    Dataset<Row> unrated = movies(1, 20, "'vote_count': 10, 'popularity': 5.0");

    assertThatThrownBy(() -> contractWriter().write(unrated, 0))
        .isInstanceOf(BatchHeldException.class)
        .hasMessageContaining("silver.movies_clean batch stream-movies/0 is held")
        .hasMessageContaining("vote_average_null_share: observed 1.00, at most 0.50");

    assertThat(rows(PipelineTable.MOVIES_CLEAN)).isZero();
    Row nullShare = loggedOnce("stream-movies/0", "vote_average_null_share");
    assertThat(nullShare.<Boolean>getAs("met")).isFalse();
    assertThat(nullShare.<Boolean>getAs("blocking")).isTrue();
    assertThat(nullShare.<Double>getAs("observed")).isEqualTo(1.0);
    assertThat(nullShare.<String>getAs("bound")).isEqualTo("at most 0.50");
    assertThat(nullShare.<Long>getAs("passed")).isZero();
    assertThat(nullShare.<Long>getAs("checked")).isEqualTo(20);
  }

  @Test
  void ratingsOutOfRangeHoldTheBatchThoughSilverClampsThem() {
    Dataset<Row> absurd =
        movies(1, 20, "'vote_average': 75.0, 'vote_count': 10, 'popularity': 5.0");

    assertThatThrownBy(() -> contractWriter().write(absurd, 0))
        .isInstanceOf(BatchHeldException.class)
        .hasMessageContaining(
            "vote_average_out_of_range_share: observed 1.00, between 0.00 and 0.10")
        .hasMessageNotContaining("average_rating_plausible");
    assertThat(rows(PipelineTable.MOVIES_CLEAN)).isZero();
  }

  @Test
  void anHonestBatchMeetsEveryBatchExpectationOfTheDefaults() {
    Dataset<Row> honest =
        movies(1, 20, "'vote_average': 6.5, 'vote_count': 120, 'popularity': 12.5")
            .union(movies(21, 5, "'vote_average': 0.0, 'vote_count': 0, 'popularity': 0.6"));

    SilverBatchWriter.Result result = contractWriter().write(honest, 0);

    assertThat(result.accepted()).isEqualTo(25);
    List<Row> batchRules =
        storage
            .readFromLayer(Layer.SILVER, PipelineTable.DATA_QUALITY.tableName())
            .where("observed IS NOT NULL")
            .collectAsList();
    assertThat(batchRules)
        .extracting(row -> row.<String>getAs("rule"))
        .containsExactlyInAnyOrder(
            "vote_average_null_share",
            "vote_count_null_share",
            "popularity_null_share",
            "vote_average_out_of_range_share",
            "average_rating_plausible",
            "movie_id_duplicate_share",
            "batch_fresh");
    assertThat(batchRules).allSatisfy(row -> assertThat(row.<Boolean>getAs("met")).isTrue());
  }

  /**
   * Movies as the TMDB simulator serves them under each of its data faults (see {@code
   * DataFaultInjector}): the contract's defaults hold every one.
   */
  static Stream<Arguments> simulatorFaults() {
    String honest = "'vote_average': 6.5, 'vote_count': 120, 'popularity': 12.5";
    return Stream.of(
        Arguments.of("null-field", "'vote_average': null, 'vote_count': 120, 'popularity': 12.5"),
        Arguments.of(
            "out-of-range",
            "'vote_average': 57.3, 'vote_count': -1000, 'popularity': -13.7, 'runtime': 99999"),
        Arguments.of(
            "schema-change",
            "'rating': 6.5, 'vote_count': '120', 'popularity': 12.5, 'genres': ['Drama']"),
        // Twenty records on three keys: the test maps each id onto 1, 2 or 3.
        Arguments.of("duplicated-keys", honest));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("simulatorFaults")
  void everyDataFaultOfTheSimulatorIsHeldAndMainKeepsItsRows(String fault, String fields) {
    Dataset<Row> honest =
        movies(1, 20, "'vote_average': 6.5, 'vote_count': 120, 'popularity': 12.5");
    contractWriter().write(honest, 0);
    List<Row> before =
        storage.readFromLayer(Layer.SILVER, "movies_clean").orderBy("movie_id").collectAsList();

    Dataset<Row> bad =
        fault.equals("duplicated-keys")
            ? movies(1, 20, fields).withColumn("id", expr("1 + id % 3"))
            : movies(1, 20, fields);
    assertThatThrownBy(() -> contractWriter().write(bad, 1))
        .isInstanceOf(BatchHeldException.class)
        .hasMessageContaining("is held on branch");

    assertThat(
            storage.readFromLayer(Layer.SILVER, "movies_clean").orderBy("movie_id").collectAsList())
        .as("main as the honest batch left it")
        .isEqualTo(before);
    HeldBatches operators = new HeldBatches(storage, CLOCK);
    operators.discard(operators.find(Layer.SILVER, "movies_clean", "stream-movies/1"), fault);
    assertThat(contractWriter().write(bad, 1).audit()).isEqualTo(AuditState.DISCARDED);
  }
}
