package dev.movielake.model.expectation;

import dev.movielake.model.PipelineTable;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One thing the pipeline expects of a table, and what a failure does.
 *
 * <p>A row expectation is a Spark SQL condition each good row meets (a null result counts as a
 * failure); its action is {@link ExpectationAction#WARN}, {@link ExpectationAction#DROP} or {@link
 * ExpectationAction#FAIL}. A uniqueness expectation holds when no two rows share its key; it
 * measures ({@code WARN}) the share of distinct keys, since silver keeps the latest row of a
 * repeated key anyway. A batch expectation ({@link BatchCheck}) judges a batch as a whole: it warns
 * or holds the batch, never quarantines a row, as no row of the batch is wrong on its own.
 *
 * @param check what is checked: a row condition, a unique key or a batch check
 */
public record Expectation(
    String name, QualityDimension dimension, ExpectationAction action, Check check) {
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");

  public Expectation {
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "expectation name '" + name + "' must be lower-case letters, digits and underscores");
    }
    boolean onKeys = check instanceof Check.UniqueKey || check instanceof BatchCheck.DuplicateKeys;
    if (dimension == QualityDimension.UNIQUENESS != onKeys) {
      throw new IllegalArgumentException(
          "expectation " + name + ": uniqueness expectations, and only they, have a key");
    }
    if (check instanceof Check.UniqueKey && action != ExpectationAction.WARN) {
      throw new IllegalArgumentException(
          "uniqueness expectation " + name + " can only warn: silver keeps a key's latest row");
    }
    if (check instanceof BatchCheck && action == ExpectationAction.DROP) {
      throw new IllegalArgumentException(
          "batch expectation "
              + name
              + " can warn or fail, not drop: no row of a batch is wrong on its own");
    }
  }

  /** Rows failing the condition are counted and kept. */
  public static Expectation warn(String name, QualityDimension dimension, String condition) {
    return new Expectation(
        name, dimension, ExpectationAction.WARN, new Check.RowCondition(condition));
  }

  /** Rows failing the condition go to quarantine instead of the table. */
  public static Expectation drop(String name, QualityDimension dimension, String condition) {
    return new Expectation(
        name, dimension, ExpectationAction.DROP, new Check.RowCondition(condition));
  }

  /** One row failing the condition holds the whole batch. */
  public static Expectation fail(String name, QualityDimension dimension, String condition) {
    return new Expectation(
        name, dimension, ExpectationAction.FAIL, new Check.RowCondition(condition));
  }

  /** The share of distinct keys among the rows, counted. */
  public static Expectation unique(String name, String... key) {
    return new Expectation(
        name,
        QualityDimension.UNIQUENESS,
        ExpectationAction.WARN,
        new Check.UniqueKey(List.of(key)));
  }

  /** At most {@code maxShare} of a batch's rows lack a value in the column. */
  public static Expectation nullShare(
      String name, ExpectationAction action, String column, double maxShare) {
    return new Expectation(
        name, QualityDimension.COMPLETENESS, action, new BatchCheck.NullShare(column, maxShare));
  }

  /** At most {@code maxShare} of a batch's rows repeat a key another of its rows has. */
  public static Expectation duplicateKeys(
      String name, ExpectationAction action, double maxShare, String... key) {
    return new Expectation(
        name,
        QualityDimension.UNIQUENESS,
        action,
        new BatchCheck.DuplicateKeys(List.of(key), maxShare));
  }

  /**
   * A batch has {@code minRatio} to {@code maxRatio} times the median row count of the table's last
   * {@code recentBatches} batches.
   */
  public static Expectation rowCount(
      String name, ExpectationAction action, double minRatio, double maxRatio, int recentBatches) {
    return new Expectation(
        name,
        QualityDimension.VOLUME,
        action,
        new BatchCheck.RowCount(minRatio, maxRatio, recentBatches));
  }

  /** A batch's newest {@code timestampColumn} is at most {@code maxAge} old. */
  public static Expectation freshness(
      String name, ExpectationAction action, String timestampColumn, Duration maxAge) {
    return new Expectation(
        name,
        QualityDimension.FRESHNESS,
        action,
        new BatchCheck.Freshness(timestampColumn, maxAge));
  }

  /**
   * At most {@code maxMissingShare} of a batch's rows name in {@code column} a key the silver table
   * {@code parent} lacks.
   */
  public static Expectation references(
      String name,
      ExpectationAction action,
      PipelineTable parent,
      String column,
      double maxMissingShare) {
    return new Expectation(
        name,
        QualityDimension.CONSISTENCY,
        action,
        new BatchCheck.References(parent, column, maxMissingShare));
  }

  /** A Spark SQL aggregate over a batch's rows is between {@code min} and {@code max}. */
  public static Expectation valueBand(
      String name, ExpectationAction action, String aggregateSql, double min, double max) {
    return new Expectation(
        name, QualityDimension.RANGE, action, new BatchCheck.ValueBand(aggregateSql, min, max));
  }

  /** A condition each row meets: the rows failing it are counted, quarantined or hold the batch. */
  public boolean perRow() {
    return check instanceof Check.RowCondition;
  }

  /**
   * A check of the batch as a whole, judged only on batches large enough (see {@link BatchCheck}).
   */
  public boolean judgesBatch() {
    return check instanceof BatchCheck;
  }
}
