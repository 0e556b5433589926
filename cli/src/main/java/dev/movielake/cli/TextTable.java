package dev.movielake.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Rows printed as aligned columns under a header. Numbers and byte sizes are right-aligned so their
 * digits line up; missing values print as {@code -}.
 */
public final class TextTable {
  private static final String GAP = "  ";

  private final List<String> headers;
  private final List<Object[]> rows = new ArrayList<>();
  private String missing = "-";

  public TextTable(String... headers) {
    this.headers = List.of(headers);
  }

  /** The text of a missing value ({@code -} unless set), e.g. {@code NULL} for SQL results. */
  public TextTable missing(String text) {
    this.missing = text;
    return this;
  }

  public TextTable row(Object... values) {
    if (values.length != headers.size()) {
      throw new IllegalArgumentException(
          "a row of " + headers + " needs " + headers.size() + " values, got " + values.length);
    }
    rows.add(values.clone());
    return this;
  }

  public boolean isEmpty() {
    return rows.isEmpty();
  }

  public int size() {
    return rows.size();
  }

  public void print(PrintWriter out) {
    out.print(render());
    out.flush();
  }

  public String render() {
    int columns = headers.size();
    int[] widths = new int[columns];
    boolean[] rightAligned = new boolean[columns];
    Arrays.fill(rightAligned, true);
    boolean[] hasValues = new boolean[columns];
    List<String[]> cells = new ArrayList<>();
    for (Object[] row : rows) {
      String[] texts = new String[columns];
      for (int column = 0; column < columns; column++) {
        Object value = unwrap(row[column]);
        texts[column] = value == null ? missing : text(value);
        if (value != null) {
          hasValues[column] = true;
          rightAligned[column] &= value instanceof Number || value instanceof ByteSize;
        }
      }
      cells.add(texts);
    }
    for (int column = 0; column < columns; column++) {
      rightAligned[column] &= hasValues[column];
      widths[column] = headers.get(column).length();
      for (String[] texts : cells) {
        widths[column] = Math.max(widths[column], texts[column].length());
      }
    }
    StringBuilder builder = new StringBuilder();
    append(builder, headers.toArray(String[]::new), widths, rightAligned);
    for (String[] texts : cells) {
      append(builder, texts, widths, rightAligned);
    }
    return builder.toString();
  }

  private static void append(
      StringBuilder builder, String[] texts, int[] widths, boolean[] rightAligned) {
    StringBuilder line = new StringBuilder();
    for (int column = 0; column < texts.length; column++) {
      if (column > 0) {
        line.append(GAP);
      }
      String padding = " ".repeat(widths[column] - texts[column].length());
      line.append(rightAligned[column] ? padding + texts[column] : texts[column] + padding);
    }
    builder.append(line.toString().stripTrailing()).append(System.lineSeparator());
  }

  private static Object unwrap(Object value) {
    return value instanceof Optional<?> optional ? optional.orElse(null) : value;
  }

  /** How one value reads in a table cell. */
  public static String text(Object value) {
    Object unwrapped = unwrap(value);
    if (unwrapped == null) {
      return "-";
    }
    if (unwrapped instanceof Instant instant) {
      return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }
    if (unwrapped instanceof Duration duration) {
      return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }
    if (unwrapped instanceof Double || unwrapped instanceof Float) {
      return String.format(Locale.ROOT, "%.2f", ((Number) unwrapped).doubleValue());
    }
    // A cell is one line: newlines in values (e.g. error messages) would break the columns.
    return unwrapped.toString().replaceAll("\\s*\\R\\s*", " ");
  }
}
