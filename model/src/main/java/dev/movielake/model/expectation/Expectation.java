package dev.movielake.model.expectation;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One thing the pipeline expects of a table's rows, and what a failure does.
 *
 * <p>A row expectation is a Spark SQL condition each good row meets (a null result counts as a
 * failure); its action is {@link ExpectationAction#WARN}, {@link ExpectationAction#DROP} or {@link
 * ExpectationAction#FAIL}. A uniqueness expectation holds when no two rows share its key; it
 * measures ({@code WARN}) the share of distinct keys, since silver keeps the latest row of a
 * repeated key anyway.
 *
 * @param condition the row condition; empty for a uniqueness expectation
 * @param uniqueKey the key of a uniqueness expectation; empty for a row expectation
 */
public record Expectation(
    String name,
    QualityDimension dimension,
    ExpectationAction action,
    Optional<String> condition,
    List<String> uniqueKey) {
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");

  public Expectation {
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "expectation name '" + name + "' must be lower-case letters, digits and underscores");
    }
    uniqueKey = List.copyOf(uniqueKey);
    if (condition.isPresent() == !uniqueKey.isEmpty()) {
      throw new IllegalArgumentException(
          "expectation " + name + " needs either a row condition or a unique key, not both");
    }
    if (dimension == QualityDimension.UNIQUENESS == uniqueKey.isEmpty()) {
      throw new IllegalArgumentException(
          "expectation " + name + ": uniqueness expectations, and only they, have a key");
    }
    if (!uniqueKey.isEmpty() && action != ExpectationAction.WARN) {
      throw new IllegalArgumentException(
          "uniqueness expectation " + name + " can only warn: silver keeps a key's latest row");
    }
  }

  /** Rows failing the condition are counted and kept. */
  public static Expectation warn(String name, QualityDimension dimension, String condition) {
    return new Expectation(
        name, dimension, ExpectationAction.WARN, Optional.of(condition), List.of());
  }

  /** Rows failing the condition go to quarantine instead of the table. */
  public static Expectation drop(String name, QualityDimension dimension, String condition) {
    return new Expectation(
        name, dimension, ExpectationAction.DROP, Optional.of(condition), List.of());
  }

  /** One row failing the condition holds the whole batch. */
  public static Expectation fail(String name, QualityDimension dimension, String condition) {
    return new Expectation(
        name, dimension, ExpectationAction.FAIL, Optional.of(condition), List.of());
  }

  /** The share of distinct keys among the rows, counted. */
  public static Expectation unique(String name, String... key) {
    return new Expectation(
        name, QualityDimension.UNIQUENESS, ExpectationAction.WARN, Optional.empty(), List.of(key));
  }

  public boolean perRow() {
    return condition.isPresent();
  }
}
