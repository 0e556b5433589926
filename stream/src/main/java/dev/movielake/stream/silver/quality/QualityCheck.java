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
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Evaluates quality rules on a Dataset in one pass: a pass rate per rule, an overall score (the
 * mean of the pass rates, so every rule weighs the same), and the rows split into those that pass
 * every blocking rule and those to quarantine, each with the rules it failed.
 */
public final class QualityCheck {
  /** Column added to quarantined rows: the names of the blocking rules the row failed. */
  public static final String FAILED_RULES = "failed_rules";

  private final List<QualityRule> rules;

  public QualityCheck(List<QualityRule> rules) {
    this.rules = List.copyOf(rules);
  }

  public record RuleResult(QualityRule rule, long checked, long passed) {
    /** 1.0 for an empty batch: nothing failed. */
    public double passRate() {
      return checked == 0 ? 1.0 : (double) passed / checked;
    }
  }

  /**
   * @param accepted rows that pass every blocking rule, without the extra column
   * @param quarantined rows that fail at least one, with {@link #FAILED_RULES}
   */
  public record Result(List<RuleResult> rules, Dataset<Row> accepted, Dataset<Row> quarantined) {
    public double overallScore() {
      return rules.stream().mapToDouble(RuleResult::passRate).average().orElse(1.0);
    }
  }

  /** The caller should persist {@code rows}: the result's Datasets are derived from it. */
  public Result evaluate(Dataset<Row> rows) {
    List<Column> aggregates = new ArrayList<>();
    aggregates.add(count(lit(1)).as("rows"));
    for (QualityRule rule : rules) {
      if (rule.rowRule()) {
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
    for (int index = 0; index < rules.size(); index++) {
      results.add(
          new RuleResult(
              rules.get(index),
              checked,
              totals.isNullAt(index + 1) ? 0 : totals.getLong(index + 1)));
    }

    List<Column> blockingFailures = new ArrayList<>();
    for (QualityRule rule : rules) {
      if (rule.blocking() && rule.rowRule()) {
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
   * True for a row that passes every blocking rule: a filter for streams that cannot quarantine.
   */
  public Column passesBlockingRules() {
    Column passes = lit(true);
    for (QualityRule rule : rules) {
      if (rule.blocking() && rule.rowRule()) {
        passes = passes.and(passes(rule));
      }
    }
    return passes;
  }

  private static Column passes(QualityRule rule) {
    return coalesce(expr(rule.predicate()), lit(false));
  }
}
