package dev.movielake.stream.silver.quality;

import dev.movielake.lakehouse.Identifiers;
import java.util.List;

/**
 * One data-quality rule. A row rule is a SQL boolean expression over a table's columns that a good
 * row satisfies (null counts as a failure); a uniqueness rule holds when no two rows share the key.
 * A blocking rule keeps a failing row out of the table: it goes to quarantine instead.
 *
 * <p>Expressions are written by this code base, never taken from users.
 */
public record QualityRule(
    String name,
    QualityDimension dimension,
    String predicate,
    List<String> uniqueKey,
    boolean blocking) {
  public QualityRule {
    Identifiers.requireColumn(name);
    uniqueKey = List.copyOf(uniqueKey);
    if (dimension == QualityDimension.UNIQUENESS == uniqueKey.isEmpty()) {
      throw new IllegalArgumentException(
          "rule " + name + ": uniqueness rules, and only they, have a key");
    }
  }

  public static QualityRule blocking(String name, QualityDimension dimension, String predicate) {
    return new QualityRule(name, dimension, predicate, List.of(), true);
  }

  public static QualityRule warning(String name, QualityDimension dimension, String predicate) {
    return new QualityRule(name, dimension, predicate, List.of(), false);
  }

  public static QualityRule unique(String name, String... key) {
    return new QualityRule(name, QualityDimension.UNIQUENESS, null, List.of(key), false);
  }

  public boolean rowRule() {
    return dimension != QualityDimension.UNIQUENESS;
  }
}
