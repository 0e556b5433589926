package dev.movielake.stream.silver.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.movielake.lakehouse.IcebergStorageManager;
import dev.movielake.lakehouse.table.WriteOptions;
import dev.movielake.lakehouse.testing.SharedSpark;
import dev.movielake.model.Layer;
import dev.movielake.model.PipelineTable;
import dev.movielake.model.expectation.Expectation;
import dev.movielake.model.expectation.ExpectationAction;
import dev.movielake.model.expectation.QualityDimension;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class QualityCheckTest {
  private static final StructType SCHEMA =
      StructType.fromDDL("id BIGINT, title STRING, rating DOUBLE");

  private final List<Expectation> rules =
      List.of(
          Expectation.drop("id_present", QualityDimension.COMPLETENESS, "id IS NOT NULL"),
          Expectation.drop("title_present", QualityDimension.COMPLETENESS, "title <> ''"),
          Expectation.warn("rating_in_range", QualityDimension.RANGE, "rating BETWEEN 0 AND 10"),
          Expectation.unique("id_unique", "id"));

  private Dataset<Row> rows() {
    return SharedSpark.session()
        .createDataFrame(
            List.of(
                RowFactory.create(1L, "A", 5.0),
                RowFactory.create(
                    2L, "", 11.0), // blank title: blocking; rating out of range: warning only
                RowFactory.create(3L, null, null), // null counts as a failure, for both rules
                RowFactory.create(null, "D", 7.0),
                RowFactory.create(1L, "A again", 6.0)),
            SCHEMA);
  }

  @Test
  void passRatesPerRuleAndTheOverallScoreAreTheMeanOfThem() {
    QualityCheck.Result result = new QualityCheck(rules).evaluate(rows());

    // id_present 4/5, title_present 3/5 (blank and null fail), rating 3/5, id_unique 4 keys
    // {1,2,3,null} / 5 rows.
    assertThat(result.rules())
        .extracting(rule -> rule.expectation().name() + "=" + rule.passed() + "/" + rule.checked())
        .containsExactly(
            "id_present=4/5", "title_present=3/5", "rating_in_range=3/5", "id_unique=4/5");
    assertThat(result.overallScore()).isCloseTo((0.8 + 0.6 + 0.6 + 0.8) / 4, within(1e-9));
  }

  @Test
  void rowsFailingABlockingRuleAreSplitOffWithTheRulesTheyFailed() {
    QualityCheck.Result result = new QualityCheck(rules).evaluate(rows());

    assertThat(result.accepted().collectAsList())
        .extracting(Row::toString)
        .containsExactlyInAnyOrder("[1,A,5.0]", "[1,A again,6.0]");
    assertThat(
            result
                .quarantined()
                .selectExpr("coalesce(id, -1)", "array_join(failed_rules, '+')")
                .collectAsList())
        .extracting(Row::toString)
        .containsExactlyInAnyOrder("[2,title_present]", "[3,title_present]", "[-1,id_present]");
  }

  @Test
  void anEmptyBatchScoresOneAndQuarantinesNothing() {
    QualityCheck.Result result = new QualityCheck(rules).evaluate(rows().limit(0));
    assertThat(result.overallScore()).isEqualTo(1.0);
    assertThat(result.quarantined().count()).isZero();
  }

  @Test
  void aFailingExpectationWithActionFailHoldsTheBatchAndOthersDoNot() {
    List<Expectation> withFail =
        List.of(
            Expectation.fail("rating_in_range", QualityDimension.RANGE, "rating BETWEEN 0 AND 10"),
            Expectation.fail("id_positive", QualityDimension.RANGE, "id IS NULL OR id > 0"));

    QualityCheck.Result result = new QualityCheck(withFail).evaluate(rows());

    assertThat(result.holding())
        .extracting(rule -> rule.expectation().name() + "=" + rule.passed() + "/" + rule.checked())
        .containsExactly("rating_in_range=3/5");
    assertThat(new QualityCheck(rules).evaluate(rows()).holding()).isEmpty();
    // A held batch is held whole: no row is quarantined for a failing expectation.
    assertThat(result.quarantined().count()).isZero();
  }

  @Test
  void batchExpectationsNeedTheBatchsContext() {
    assertThatThrownBy(
            () ->
                new QualityCheck(
                        List.of(
                            Expectation.nullShare(
                                "rating_null_share", ExpectationAction.FAIL, "rating", 0.5)))
                    .evaluate(rows()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("rating_null_share");
  }

  // ---- batch expectations ----

  private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");

  private final IcebergStorageManager storage = SharedSpark.storage("quality_check");

  private BatchContext context(int minimumRows, BatchHistory history) {
    return new BatchContext(storage, PipelineTable.MOVIES_CLEAN, NOW, minimumRows, history);
  }

  private BatchContext context(int minimumRows) {
    return context(minimumRows, BatchHistory.NONE);
  }

  /** The one result of a single batch expectation over the rows, if it has a verdict. */
  private Optional<QualityCheck.RuleResult> judge(
      Expectation expectation, Dataset<Row> rows, BatchContext context) {
    QualityCheck.Result result = new QualityCheck(List.of(expectation)).evaluate(rows, context);
    assertThat(result.rules()).hasSizeLessThanOrEqualTo(1);
    if (result.rules().isEmpty()) {
      return Optional.empty();
    }
    QualityCheck.RuleResult rule = result.rules().get(0);
    assertThat(result.holding().isEmpty())
        .as("held exactly when a FAIL expectation is not met")
        .isEqualTo(rule.met() || expectation.action() != ExpectationAction.FAIL);
    return Optional.of(rule);
  }

  private static String verdict(Optional<QualityCheck.RuleResult> rule) {
    return rule.map(
            result ->
                (result.met() ? "met" : "not met")
                    + " "
                    + result.passed()
                    + "/"
                    + result.checked()
                    + ": "
                    + result.describe())
        .orElse("no verdict");
  }

  private Dataset<Row> ratings(Double... ratings) {
    List<Row> rows = new ArrayList<>();
    for (int index = 0; index < ratings.length; index++) {
      rows.add(RowFactory.create((long) index + 1, "T" + index, ratings[index]));
    }
    return SharedSpark.session().createDataFrame(rows, SCHEMA);
  }

  @Test
  void aNullShareHoldsTheBatchAboveItsBound() {
    Expectation fewNulls =
        Expectation.nullShare("rating_null_share", ExpectationAction.FAIL, "rating", 0.5);

    assertThat(verdict(judge(fewNulls, ratings(5.0, null, 7.0, 8.0), context(4))))
        .isEqualTo("met 3/4: observed 0.25, at most 0.50");
    assertThat(verdict(judge(fewNulls, ratings(null, null, null, 8.0), context(4))))
        .isEqualTo("not met 1/4: observed 0.75, at most 0.50");
  }

  @Test
  void batchesSmallerThanTheMinimumHaveNoBatchVerdictButTheirRowsAreStillChecked() {
    List<Expectation> expectations =
        List.of(
            Expectation.warn("rating_in_range", QualityDimension.RANGE, "rating BETWEEN 0 AND 10"),
            Expectation.nullShare("rating_null_share", ExpectationAction.FAIL, "rating", 0.5));

    QualityCheck.Result small =
        new QualityCheck(expectations).evaluate(ratings(null, null, 11.0), context(4));

    assertThat(small.rules())
        .extracting(rule -> rule.expectation().name() + "=" + rule.passed() + "/" + rule.checked())
        .containsExactly("rating_in_range=0/3");
    assertThat(small.rows()).isEqualTo(3);
    assertThat(small.holding()).isEmpty();
    assertThat(
            new QualityCheck(expectations)
                .evaluate(ratings(null, null, 11.0), context(3))
                .holding())
        .extracting(rule -> rule.expectation().name())
        .containsExactly("rating_null_share");
  }

  @Test
  void duplicateKeysHoldTheBatchAboveTheirShare() {
    Expectation fewRepeats =
        Expectation.duplicateKeys("id_duplicate_share", ExpectationAction.FAIL, 0.25, "id");

    // rows() repeats id 1 once (and has a null id): 4 distinct keys of 5 rows.
    assertThat(verdict(judge(fewRepeats, rows(), context(5))))
        .isEqualTo("met 4/5: observed 0.20, at most 0.25");
    assertThat(verdict(judge(fewRepeats, rows().union(rows()), context(5))))
        .isEqualTo("not met 4/10: observed 0.60, at most 0.25");
  }

  @Test
  void aValueBandJudgesTheBatchsAggregateAndHasNoVerdictWithoutOne() {
    Expectation plausible =
        Expectation.valueBand(
            "average_rating_plausible", ExpectationAction.FAIL, "avg(rating)", 1.0, 10.0);

    assertThat(verdict(judge(plausible, ratings(5.0, 7.0, null, 9.0), context(4))))
        .isEqualTo("met 1/1: observed 7.00, between 1.00 and 10.00");
    assertThat(verdict(judge(plausible, ratings(0.5, 0.7, 0.6, 0.8), context(4))))
        .isEqualTo("not met 0/1: observed 0.65, between 1.00 and 10.00");
    assertThat(verdict(judge(plausible, ratings(null, null, null, null), context(4))))
        .isEqualTo("no verdict");
  }

  @Test
  void freshnessJudgesTheNewestTimestampAgainstTheCheckTime() {
    Expectation fresh =
        Expectation.freshness(
            "batch_fresh", ExpectationAction.WARN, "observed_at", Duration.ofHours(24));
    StructType schema = StructType.fromDDL("id BIGINT, observed_at TIMESTAMP");
    Dataset<Row> recent =
        SharedSpark.session()
            .createDataFrame(
                List.of(
                    RowFactory.create(1L, Timestamp.from(NOW.minus(Duration.ofDays(3)))),
                    RowFactory.create(2L, Timestamp.from(NOW.minus(Duration.ofHours(6))))),
                schema);
    Dataset<Row> old =
        SharedSpark.session()
            .createDataFrame(
                List.of(
                    RowFactory.create(1L, Timestamp.from(NOW.minus(Duration.ofHours(30)))),
                    RowFactory.create(2L, null)),
                schema);

    assertThat(verdict(judge(fresh, recent, context(2))))
        .isEqualTo("met 1/1: observed 6.00, at most 24.00 hours old");
    assertThat(verdict(judge(fresh, old, context(2))))
        .isEqualTo("not met 0/1: observed 30.00, at most 24.00 hours old");
  }

  @Test
  void aRowCountIsJudgedAgainstTheMedianOfRecentBatchesOnceThereAreEnough() {
    Expectation usualSize =
        Expectation.rowCount("row_count_near_recent_batches", ExpectationAction.WARN, 0.5, 2.0, 3);
    Dataset<Row> fiveRows = rows();

    assertThat(verdict(judge(usualSize, fiveRows, context(1))))
        .as("no history yet")
        .isEqualTo("no verdict");
    assertThat(verdict(judge(usualSize, fiveRows, context(1, batches -> List.of(4L, 6L)))))
        .as("fewer batches than the median is taken over")
        .isEqualTo("no verdict");
    // The median of the newest three (4, 100, 6) is 6; the fourth, oldest batch is not read.
    BatchHistory history =
        batches -> {
          assertThat(batches).isEqualTo(3);
          return List.of(4L, 100L, 6L, 1_000_000L);
        };
    assertThat(verdict(judge(usualSize, fiveRows, context(1, history))))
        .isEqualTo(
            "met 1/1: observed 0.83, 0.50 to 2.00 times the median of the last 3 batches (6 rows)");
    assertThat(verdict(judge(usualSize, fiveRows, context(1, batches -> List.of(40L, 60L, 50L)))))
        .isEqualTo(
            "not met 0/1: observed 0.10, 0.50 to 2.00 times the median of the last 3 batches (50"
                + " rows)");
  }

  @Test
  void referencesAreLookedUpInTheParentSilverTableAndInTheBatchForItsOwnTable() {
    Expectation movieExists =
        Expectation.references(
            "movie_exists", ExpectationAction.WARN, PipelineTable.MOVIES_CLEAN, "movie_id", 0.25);
    StructType credits = StructType.fromDDL("credit_key STRING, movie_id BIGINT");
    Dataset<Row> batch =
        SharedSpark.session()
            .createDataFrame(
                List.of(
                    RowFactory.create("a", 1L),
                    RowFactory.create("b", 2L),
                    RowFactory.create("c", 9L),
                    RowFactory.create("d", 9L),
                    RowFactory.create("e", null)),
                credits);
    BatchContext forCredits =
        new BatchContext(storage, PipelineTable.CREDITS_CLEAN, NOW, 5, BatchHistory.NONE);
    String movies = PipelineTable.MOVIES_CLEAN.tableName();
    storage.dropTable(Layer.SILVER, movies, true);

    assertThat(verdict(judge(movieExists, batch, forCredits)))
        .as("no movie table yet: every movie is missing")
        .isEqualTo("not met 0/4: observed 1.00, at most 0.25");

    storage.writeToSilver(
        SharedSpark.session()
            .createDataFrame(
                List.of(
                    RowFactory.create(1L, "A"),
                    RowFactory.create(2L, "B"),
                    RowFactory.create(3L, "C")),
                StructType.fromDDL("movie_id BIGINT, title STRING")),
        movies,
        WriteOptions.append());

    // Movies 1 and 2 exist, 9 twice does not; the credit without a movie is not checked.
    assertThat(verdict(judge(movieExists, batch, forCredits)))
        .isEqualTo("not met 2/4: observed 0.50, at most 0.25");
    QualityCheck.Result result = new QualityCheck(List.of(movieExists)).evaluate(batch, forCredits);
    assertThat(result.holding()).as("a warning does not hold the batch").isEmpty();
    assertThat(result.rows()).as("the join neither loses nor repeats a row").isEqualTo(5);

    // Movies referring to movies: the batch's own movies count as existing.
    Expectation sequelExists =
        Expectation.references(
            "sequel_of_exists",
            ExpectationAction.FAIL,
            PipelineTable.MOVIES_CLEAN,
            "sequel_of",
            0.0);
    Dataset<Row> sequels =
        SharedSpark.session()
            .createDataFrame(
                List.of(
                    RowFactory.create(10L, 3L),
                    RowFactory.create(11L, 10L),
                    RowFactory.create(12L, null)),
                StructType.fromDDL("movie_id BIGINT, sequel_of BIGINT"));
    assertThat(verdict(judge(sequelExists, sequels, context(3))))
        .isEqualTo("met 2/2: observed 0.00, at most 0.00");
  }
}
