package dev.movielake.stream.silver.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.movielake.lakehouse.testing.SharedSpark;
import dev.movielake.model.expectation.Expectation;
import dev.movielake.model.expectation.ExpectationAction;
import dev.movielake.model.expectation.QualityDimension;
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
  void anExpectationIsARowConditionOrAUniqueKeyAndUniqueKeysOnlyWarn() {
    assertThatThrownBy(
            () ->
                new Expectation(
                    "bad",
                    QualityDimension.UNIQUENESS,
                    ExpectationAction.WARN,
                    Optional.empty(),
                    List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                new Expectation(
                    "bad",
                    QualityDimension.UNIQUENESS,
                    ExpectationAction.FAIL,
                    Optional.empty(),
                    List.of("id")))
        .hasMessageContaining("can only warn");
    assertThatThrownBy(() -> Expectation.warn("Bad Name", QualityDimension.RANGE, "id > 0"))
        .hasMessageContaining("lower-case");
  }
}
