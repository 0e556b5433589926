package dev.movielake.stream.silver.quality;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import dev.movielake.lakehouse.Identifiers;
import dev.movielake.model.expectation.Expectation;
import dev.movielake.model.expectation.ExpectationAction;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Evaluates a table's expectations on a Dataset in one pass: a pass rate per expectation, an
 * overall score (the mean of the pass rates, so every expectation weighs the same), the rows split
 * into those that meet every dropping expectation and those to quarantine (each with the
 * expectations it failed), and the failing expectations that hold the whole batch.
 */
public final class QualityCheck {
  /** Column added to quarantined rows: the names of the dropping expectations the row failed. */
  public static final String FAILED_RULES = "failed_rules";

  private final List<Expectation> expectations;

  public QualityCheck(List<Expectation> expectations) {
    this.expectations = List.copyOf(expectations);
  }

  public record RuleResult(Expectation expectation, long checked, long passed) {
    /** 1.0 for an empty batch: nothing failed. */
    public double passRate() {
      return checked == 0 ? 1.0 : (double) passed / checked;
    }
  }

  /**
   * @param accepted rows that meet every dropping expectation, without the extra column
   * @param quarantined rows that fail at least one, with {@link #FAILED_RULES}
   */
  public record Result(List<RuleResult> rules, Dataset<Row> accepted, Dataset<Row> quarantined) {
    public double overallScore() {
      return rules.stream().mapToDouble(RuleResult::passRate).average().orElse(1.0);
    }

    /** The expectations with action {@code FAIL} that a row failed: they hold the batch. */
    public List<RuleResult> holding() {
      return rules.stream()
          .filter(rule -> rule.expectation().action() == ExpectationAction.FAIL)
          .filter(rule -> rule.passed() < rule.checked())
          .toList();
    }
  }

  /** The caller should persist {@code rows}: the result's Datasets are derived from it. */
  public Result evaluate(Dataset<Row> rows) {
    List<Column> aggregates = new ArrayList<>();
    aggregates.add(count(lit(1)).as("rows"));
    for (Expectation rule : expectations) {
      if (rule.perRow()) {
        aggregates.add(sum(when(passes(rule), 1).otherwise(0)).as(rule.name()));
      } else {
        Column[] key =
            rule.uniqueKey().stream()
                .map(column -> col(Identifiers.quoteColumn(column)))
                .toArray(Column[]::new);
        // Rows whose key is shared with another row fail; each distinct key counts once as a pass.
        aggregates.add(
            org.apache
                .spark
                .sql
                .functions
                .count_distinct(org.apache.spark.sql.functions.struct(key))
                .as(rule.name()));
      }
    }
    Row totals =
        rows.agg(aggregates.get(0), aggregates.subList(1, aggregates.size()).toArray(Column[]::new))
            .first();
    long checked = totals.getLong(0);
    List<RuleResult> results = new ArrayList<>();
    for (int index = 0; index < expectations.size(); index++) {
      results.add(
          new RuleResult(
              expectations.get(index),
              checked,
              totals.isNullAt(index + 1) ? 0 : totals.getLong(index + 1)));
    }

    List<Column> blockingFailures = new ArrayList<>();
    for (Expectation rule : expectations) {
      if (rule.action() == ExpectationAction.DROP) {
        blockingFailures.add(when(passes(rule).equalTo(false), lit(rule.name())));
      }
    }
    if (blockingFailures.isEmpty()) {
      return new Result(
          results, rows, rows.limit(0).withColumn(FAILED_RULES, array().cast("array<string>")));
    }
    Dataset<Row> marked =
        rows.withColumn(
            FAILED_RULES,
            filter(array(blockingFailures.toArray(Column[]::new)), name -> name.isNotNull()));
    return new Result(
        results,
        marked.where(size(col(FAILED_RULES)).equalTo(0)).drop(FAILED_RULES),
        marked.where(size(col(FAILED_RULES)).gt(0)));
  }

  /**
   * True for a row that meets every dropping expectation: a filter for streams that cannot
   * quarantine.
   */
  public Column passesDroppingExpectations() {
    Column passes = lit(true);
    for (Expectation rule : expectations) {
      if (rule.action() == ExpectationAction.DROP) {
        passes = passes.and(passes(rule));
      }
    }
    return passes;
  }

  private static Column passes(Expectation rule) {
    return coalesce(expr(rule.condition().orElseThrow()), lit(false));
  }
}
