package dev.movielake.stream.testing;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Rows as sorted {@code a|b|c} lines, doubles with fixed decimals: easy to compare with
 * hand-computed rows.
 */
public final class RowLines {
  private RowLines() {}

  public static List<String> of(Dataset<Row> rows, int decimals, String... columns) {
    return rows.selectExpr(columns).collectAsList().stream()
        .map(
            row -> {
              StringBuilder line = new StringBuilder();
              for (int index = 0; index < row.size(); index++) {
                Object value = row.get(index);
                line.append(index == 0 ? "" : "|")
                    .append(
                        value instanceof Double
                            ? String.format(Locale.ROOT, "%." + decimals + "f", value)
                            : value);
              }
              return line.toString();
            })
        .sorted()
        .collect(Collectors.toList());
  }
}
