package dev.movielake.stream.silver.quality;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.count_distinct;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import dev.movielake.lakehouse.Identifiers;
import dev.movielake.model.Layer;
import dev.movielake.model.PipelineTable;
import dev.movielake.model.expectation.BatchCheck;
import dev.movielake.model.expectation.Check;
import dev.movielake.model.expectation.Expectation;
import dev.movielake.model.expectation.ExpectationAction;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Evaluates a table's expectations on a Dataset: a pass rate per expectation, an overall score (the
 * mean of the pass rates, so every expectation weighs the same), the rows split into those that
 * meet every dropping expectation and those to quarantine (each with the expectations it failed),
 * and the failing expectations that hold the whole batch.
 *
 * <p>Row expectations and most batch expectations (shares of nulls and repeated keys, value bands,
 * the newest timestamp) are one aggregate pass over the rows; references to a parent table are a
 * second pass, joined with the parent's keys, only for batches large enough to be judged; a batch's
 * size is judged against its table's history ({@link BatchContext#history()}).
 */
public final class QualityCheck {
  /** Column added to quarantined rows: the names of the dropping expectations the row failed. */
  public static final String FAILED_RULES = "failed_rules";

  private static final double SECONDS_PER_HOUR = 3600.0;

  private final List<Expectation> expectations;

  public QualityCheck(List<Expectation> expectations) {
    this.expectations = List.copyOf(expectations);
  }

  /**
   * One expectation's outcome. For a row expectation, {@code checked} rows of which {@code passed}
   * met it, met when all did. For a batch expectation measured as a share (nulls, repeated keys,
   * missing references), the rows checked and those that passed, met when the failing share is
   * within the bound; for one judged as a single value (a band, the freshness, the row count), one
   * check that passed or not.
   *
   * @param observed what a batch expectation measured (a share, an average, an age in hours, a
   *     ratio to the recent median); empty for a row expectation
   * @param bound what a batch expectation's value had to be, for display; empty for a row
   *     expectation
   */
  public record RuleResult(
      Expectation expectation,
      long checked,
      long passed,
      boolean met,
      OptionalDouble observed,
      String bound) {

    /** A row expectation's result: met when every checked row passed. */
    public static RuleResult ofRows(Expectation expectation, long checked, long passed) {
      return new RuleResult(
          expectation, checked, passed, passed == checked, OptionalDouble.empty(), "");
    }

    /** 1.0 for an empty batch: nothing failed. */
    public double passRate() {
      return checked == 0 ? 1.0 : (double) passed / checked;
    }

    /** What was found, as operators read it: {@code observed 0.93, at most 0.50}. */
    public String describe() {
      if (observed.isEmpty()) {
        return "failed for " + (checked - passed) + " of " + checked + " rows";
      }
      return String.format(Locale.ROOT, "observed %.2f, %s", observed.getAsDouble(), bound);
    }
  }

  /**
   * @param rules one result per expectation judged; batch expectations without a verdict (a batch
   *     too small, too little history, nothing to average) have none
   * @param rows the rows checked
   * @param accepted rows that meet every dropping expectation, without the extra column
   * @param quarantined rows that fail at least one, with {@link #FAILED_RULES}
   */
  public record Result(
      List<RuleResult> rules, long rows, Dataset<Row> accepted, Dataset<Row> quarantined) {
    public double overallScore() {
      return rules.stream().mapToDouble(RuleResult::passRate).average().orElse(1.0);
    }

    /** The expectations with action {@code FAIL} that were not met: they hold the batch. */
    public List<RuleResult> holding() {
      return rules.stream()
          .filter(rule -> rule.expectation().action() == ExpectationAction.FAIL)
          .filter(rule -> !rule.met())
          .toList();
    }
  }

  /**
   * Row expectations only, over rows that are not a batch (a whole table, a gold refresh). The
   * caller should persist {@code rows}: the result's Datasets are derived from it.
   *
   * @throws IllegalStateException when an expectation judges a batch: that needs a {@link
   *     BatchContext}
   */
  public Result evaluate(Dataset<Row> rows) {
    List<String> batchExpectations =
        expectations.stream().filter(Expectation::judgesBatch).map(Expectation::name).toList();
    if (!batchExpectations.isEmpty()) {
      throw new IllegalStateException(
          "expectations "
              + batchExpectations
              + " judge a batch as a whole: evaluate them with the batch's context");
    }
    return evaluate(rows, Optional.empty());
  }

  /**
   * Row and batch expectations over one batch. The caller should persist {@code rows}: they are
   * read once or twice, and the result's Datasets are derived from them.
   */
  public Result evaluate(Dataset<Row> rows, BatchContext context) {
    return evaluate(rows, Optional.of(context));
  }

  private Result evaluate(Dataset<Row> rows, Optional<BatchContext> context) {
    List<Column> aggregates = new ArrayList<>();
    aggregates.add(count(lit(1)));
    Map<Integer, Integer> positions = new HashMap<>();
    for (int index = 0; index < expectations.size(); index++) {
      Optional<Column> aggregate = aggregate(expectations.get(index).check());
      if (aggregate.isPresent()) {
        positions.put(index, aggregates.size());
        aggregates.add(aggregate.get());
      }
    }
    Row totals =
        rows.agg(aggregates.get(0), aggregates.subList(1, aggregates.size()).toArray(Column[]::new))
            .first();
    long count = totals.getLong(0);
    // A storm of repeated keys arrives big and is checked small: it is judged by what arrived.
    Optional<BatchContext> judging =
        context.filter(
            batch ->
                Math.max(count, batch.arrivals().map(BatchContext.Arrivals::rows).orElse(0L))
                    >= batch.minimumRows());
    Map<Integer, long[]> references =
        judging.map(batch -> references(rows, batch)).orElse(Map.of());

    List<RuleResult> results = new ArrayList<>();
    for (int index = 0; index < expectations.size(); index++) {
      Expectation expectation = expectations.get(index);
      Integer position = positions.get(index);
      if (!(expectation.check() instanceof BatchCheck check)) {
        results.add(
            RuleResult.ofRows(
                expectation, count, totals.isNullAt(position) ? 0 : totals.getLong(position)));
      } else if (judging.isPresent()) {
        Optional<Double> value =
            position == null || totals.isNullAt(position)
                ? Optional.empty()
                : Optional.of(((Number) totals.get(position)).doubleValue());
        verdict(expectation, check, count, value, references.get(index), judging.get())
            .ifPresent(results::add);
      }
    }

    List<Column> blockingFailures = new ArrayList<>();
    for (Expectation rule : expectations) {
      if (rule.action() == ExpectationAction.DROP) {
        blockingFailures.add(when(passes(rule).equalTo(false), lit(rule.name())));
      }
    }
    if (blockingFailures.isEmpty()) {
      return new Result(
          results,
          count,
          rows,
          rows.limit(0).withColumn(FAILED_RULES, array().cast("array<string>")));
    }
    Dataset<Row> marked =
        rows.withColumn(
            FAILED_RULES,
            filter(array(blockingFailures.toArray(Column[]::new)), name -> name.isNotNull()));
    return new Result(
        results,
        count,
        marked.where(size(col(FAILED_RULES)).equalTo(0)).drop(FAILED_RULES),
        marked.where(size(col(FAILED_RULES)).gt(0)));
  }

  /**
   * What the one aggregate pass computes for a check: rows passing a condition, distinct keys, rows
   * with a value, the newest timestamp (epoch seconds), a band's aggregate. Empty for what the pass
   * cannot give: references (a join) and the row count (the history).
   */
  private static Optional<Column> aggregate(Check check) {
    if (check instanceof Check.RowCondition condition) {
      return Optional.of(sum(when(passes(condition), 1).otherwise(0)));
    }
    if (check instanceof Check.UniqueKey unique) {
      // Rows whose key is shared with another row fail; each distinct key counts once as a pass.
      return Optional.of(distinctKeys(unique.columns()));
    }
    if (check instanceof BatchCheck.DuplicateKeys duplicates) {
      return Optional.of(distinctKeys(duplicates.key()));
    }
    if (check instanceof BatchCheck.NullShare nulls) {
      return Optional.of(count(column(nulls.column())));
    }
    if (check instanceof BatchCheck.Freshness freshness) {
      return Optional.of(max(column(freshness.timestampColumn())).cast("double"));
    }
    if (check instanceof BatchCheck.ValueBand band) {
      return Optional.of(expr(band.aggregateSql()).cast("double"));
    }
    return Optional.empty();
  }

  /**
   * A batch expectation's verdict from what was measured; empty when there is none: nothing to
   * average, no timestamp, or fewer previous batches than the row count compares with.
   *
   * @param value the one aggregate pass's value for the check, if it has one
   * @param reference rows with a value and rows whose value the parent has, for a reference
   */
  private static Optional<RuleResult> verdict(
      Expectation expectation,
      BatchCheck check,
      long rows,
      Optional<Double> value,
      long[] reference,
      BatchContext context) {
    if (check instanceof BatchCheck.NullShare nulls) {
      return Optional.of(share(expectation, rows, value.orElse(0.0).longValue(), nulls.maxShare()));
    }
    if (check instanceof BatchCheck.DuplicateKeys duplicates) {
      return Optional.of(
          context
              .arrivals()
              .map(
                  arrived ->
                      share(
                          expectation,
                          arrived.rows(),
                          arrived.distinctKeys(),
                          duplicates.maxShare()))
              .orElseGet(
                  () ->
                      share(
                          expectation,
                          rows,
                          value.orElse(0.0).longValue(),
                          duplicates.maxShare())));
    }
    if (check instanceof BatchCheck.References references) {
      return Optional.of(
          share(expectation, reference[0], reference[1], references.maxMissingShare()));
    }
    if (check instanceof BatchCheck.ValueBand band) {
      return value.map(
          observed ->
              single(
                  expectation,
                  observed >= band.min() && observed <= band.max(),
                  observed,
                  String.format(Locale.ROOT, "between %.2f and %.2f", band.min(), band.max())));
    }
    if (check instanceof BatchCheck.Freshness freshness) {
      double now = context.checkedAt().toEpochMilli() / 1000.0;
      return value.map(
          newest ->
              single(
                  expectation,
                  now - newest <= freshness.maxAge().toSeconds(),
                  (now - newest) / SECONDS_PER_HOUR,
                  String.format(
                      Locale.ROOT,
                      "at most %.2f hours old",
                      freshness.maxAge().toSeconds() / SECONDS_PER_HOUR)));
    }
    if (check instanceof BatchCheck.RowCount size) {
      return median(context.history().rowCounts(size.recentBatches()), size.recentBatches())
          .map(
              median ->
                  single(
                      expectation,
                      rows >= size.minRatio() * median && rows <= size.maxRatio() * median,
                      rows / median,
                      String.format(
                          Locale.ROOT,
                          "%.2f to %.2f times the median of the last %d batches (%.0f rows)",
                          size.minRatio(),
                          size.maxRatio(),
                          size.recentBatches(),
                          median)));
    }
    throw new IllegalArgumentException("unknown batch check " + check);
  }

  /** A share of failing rows within its bound: {@code passed} of {@code checked} rows passed. */
  private static RuleResult share(
      Expectation expectation, long checked, long passed, double maxShare) {
    double failing = checked == 0 ? 0 : (double) (checked - passed) / checked;
    return new RuleResult(
        expectation,
        checked,
        passed,
        failing <= maxShare,
        OptionalDouble.of(failing),
        String.format(Locale.ROOT, "at most %.2f", maxShare));
  }

  /** A verdict on one value: one check, passed or not. */
  private static RuleResult single(
      Expectation expectation, boolean met, double observed, String bound) {
    return new RuleResult(expectation, 1, met ? 1 : 0, met, OptionalDouble.of(observed), bound);
  }

  /** The median of the first {@code batches} counts; empty when there are fewer. */
  private static Optional<Double> median(List<Long> counts, int batches) {
    if (counts.size() < batches) {
      return Optional.empty();
    }
    List<Long> sorted = counts.subList(0, batches).stream().sorted().toList();
    int middle = batches / 2;
    double median =
        batches % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2.0;
    return median > 0 ? Optional.of(median) : Optional.empty();
  }

  /**
   * The second pass, for the batch's references: each joined with the distinct keys of its parent
   * (left outer, so no row is lost or repeated). Per expectation index, the rows with a value and
   * those whose value the parent (or, for a reference to the batch's own table, the batch) has.
   */
  private Map<Integer, long[]> references(Dataset<Row> rows, BatchContext context) {
    Dataset<Row> joined = rows;
    List<Integer> indexes = new ArrayList<>();
    List<Column> aggregates = new ArrayList<>();
    for (int index = 0; index < expectations.size(); index++) {
      if (expectations.get(index).check() instanceof BatchCheck.References reference) {
        String found = "reference_" + index;
        Column value = column(reference.column());
        aggregates.add(count(value));
        Optional<Dataset<Row>> keys = parentKeys(reference.parent(), found, rows, context);
        if (keys.isPresent()) {
          joined = joined.join(keys.get(), value.equalTo(col(found)), "left_outer");
          aggregates.add(count(col(found)));
        } else {
          aggregates.add(lit(0L));
        }
        indexes.add(index);
      }
    }
    if (indexes.isEmpty()) {
      return Map.of();
    }
    Row totals =
        joined
            .agg(aggregates.get(0), aggregates.subList(1, aggregates.size()).toArray(Column[]::new))
            .first();
    Map<Integer, long[]> counts = new HashMap<>();
    for (int position = 0; position < indexes.size(); position++) {
      counts.put(
          indexes.get(position),
          new long[] {totals.getLong(2 * position), totals.getLong(2 * position + 1)});
    }
    return counts;
  }

  /**
   * The parent's distinct keys as column {@code alias}; with the batch's own keys when the parent
   * is the batch's table. Empty when there is no key at all (the parent table does not exist yet).
   */
  private static Optional<Dataset<Row>> parentKeys(
      PipelineTable parent, String alias, Dataset<Row> rows, BatchContext context) {
    Column key = column(parent.keyColumn()).as(alias);
    Optional<Dataset<Row>> keys =
        context.storage().tableExists(Layer.SILVER, parent.tableName())
            ? Optional.of(
                context.storage().readFromLayer(Layer.SILVER, parent.tableName()).select(key))
            : Optional.empty();
    if (parent == context.table()) {
      Dataset<Row> own = rows.select(key);
      keys = Optional.of(keys.map(table -> table.union(own)).orElse(own));
    }
    return keys.map(Dataset::distinct);
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

  /** Only row conditions drop: uniqueness only warns and batch expectations cannot drop. */
  private static Column passes(Expectation rule) {
    return passes((Check.RowCondition) rule.check());
  }

  private static Column passes(Check.RowCondition condition) {
    return coalesce(expr(condition.sql()), lit(false));
  }

  private static Column distinctKeys(List<String> key) {
    return count_distinct(struct(key.stream().map(QualityCheck::column).toArray(Column[]::new)));
  }

  private static Column column(String name) {
    return col(Identifiers.quoteColumn(name));
  }
}
