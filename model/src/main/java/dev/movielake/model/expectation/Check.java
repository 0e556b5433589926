package dev.movielake.model.expectation;

import java.util.List;
import java.util.regex.Pattern;

/**
 * What an expectation checks. A row check judges each row on its own: a {@link RowCondition} every
 * good row meets, or a {@link UniqueKey} no two rows share. A {@link BatchCheck} judges a batch as
 * a whole (its share of nulls, its size against the table's recent batches, its freshness, ...),
 * where no single row is wrong but the batch as a whole is not what the source sends.
 */
public sealed interface Check permits Check.RowCondition, Check.UniqueKey, BatchCheck {
  /** The columns expectations name: lower-case identifiers, as the pipeline's tables have. */
  Pattern COLUMN = Pattern.compile("[a-z_][a-z0-9_]*");

  /**
   * A Spark SQL condition each good row meets; a null result counts as a failure. Written by this
   * code base, never taken from users.
   */
  record RowCondition(String sql) implements Check {
    public RowCondition {
      if (sql.isBlank()) {
        throw new IllegalArgumentException("a row condition needs its SQL");
      }
    }
  }

  /**
   * No two rows share the key; measured as the share of distinct keys. It can only warn: silver
   * keeps a key's latest row anyway.
   */
  record UniqueKey(List<String> columns) implements Check {
    public UniqueKey {
      columns = requireColumns(columns);
    }
  }

  /** The columns, copied, after checking there is at least one and each is a column name. */
  static List<String> requireColumns(List<String> columns) {
    if (columns.isEmpty()) {
      throw new IllegalArgumentException("a key needs at least one column");
    }
    columns.forEach(Check::requireColumn);
    return List.copyOf(columns);
  }

  static String requireColumn(String column) {
    if (!COLUMN.matcher(column).matches()) {
      throw new IllegalArgumentException(
          "column '" + column + "' must be lower-case letters, digits and underscores");
    }
    return column;
  }
}
