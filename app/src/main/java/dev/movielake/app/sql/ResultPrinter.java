package dev.movielake.app.sql;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.movielake.app.cli.SparkRows;
import dev.movielake.cli.Json;
import dev.movielake.cli.TextTable;
import dev.movielake.lakehouse.sql.StatementResult;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Row;

/**
 * Prints a statement's result as a table, JSON lines or CSV. Values read the same in every format:
 * dates and timestamps in ISO-8601, arrays, structs and maps as JSON. The table says how many rows
 * it left out and how long the statement took; JSON and CSV print rows only, for scripts, unless
 * the time is asked for (the shell shows it after every result).
 *
 * @param maxWidth the widest a table cell is printed; longer text is cut with an ellipsis
 */
public record ResultPrinter(ResultFormat format, int maxWidth, boolean alwaysShowTime) {
  private static final String CSV_LINE_END = "\r\n";
  private static final ObjectWriter ONE_LINE =
      Json.mapper().writer().without(SerializationFeature.INDENT_OUTPUT);

  public void print(StatementResult result, PrintWriter out) {
    switch (format) {
      case TABLE -> printTable(result, out);
      case JSON -> printJson(result, out);
      case CSV -> printCsv(result, out);
    }
    if (format != ResultFormat.TABLE && alwaysShowTime) {
      out.println(summary(result));
    }
    out.flush();
  }

  /** The line under a result: its rows (and those left out) and its time. */
  static String summary(StatementResult result) {
    String time = seconds(result.elapsed());
    if (!result.hasColumns()) {
      return "OK (" + time + ")";
    }
    long count = result.rowCount();
    String rows = count + (count == 1 ? " row" : " rows");
    if (result.rowsNotCollected() > 0) {
      rows =
          result.rows().size()
              + " of "
              + rows
              + " shown, "
              + result.rowsNotCollected()
              + " more beyond --max-rows "
              + result.rows().size();
    }
    return "(" + rows + ", " + time + ")";
  }

  private static String seconds(Duration elapsed) {
    return String.format(Locale.ROOT, "%.2f s", elapsed.toNanos() / 1e9);
  }

  private void printTable(StatementResult result, PrintWriter out) {
    if (result.hasColumns()) {
      TextTable table = new TextTable(result.schema().fieldNames()).missing("NULL");
      for (Row row : result.rows()) {
        table.row(SparkRows.values(row).stream().map(this::cell).toArray());
      }
      table.print(out);
    }
    out.println(summary(result));
  }

  /** A value as a table cell: numbers stay numbers (right-aligned), the rest is cut text. */
  private Object cell(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof Double || value instanceof Float) {
      double number = ((Number) value).doubleValue();
      // Full precision, as Spark prints it: the table's own format keeps two decimals.
      return Double.isFinite(number) ? new BigDecimal(value.toString()) : value.toString();
    }
    if (value instanceof Number) {
      return value;
    }
    String text = TextTable.text(text(value));
    return text.length() <= maxWidth ? text : text.substring(0, maxWidth - 1) + "…";
  }

  /** A value as text in a cell or a CSV field. */
  private static String text(Object value) {
    if (value instanceof Map<?, ?> || value instanceof List<?>) {
      return oneLineJson(value);
    }
    return String.valueOf(value);
  }

  private static void printJson(StatementResult result, PrintWriter out) {
    String[] names = result.schema().fieldNames();
    for (Row row : result.rows()) {
      List<Object> values = SparkRows.values(row);
      Map<String, Object> object = new LinkedHashMap<>();
      for (int index = 0; index < names.length; index++) {
        object.put(uniqueName(object, names[index]), values.get(index));
      }
      out.println(oneLineJson(object));
    }
  }

  /** {@code SELECT a.id, b.id}: the second {@code id} becomes {@code id_2} in a JSON object. */
  private static String uniqueName(Map<String, Object> object, String name) {
    String unique = name;
    for (int suffix = 2; object.containsKey(unique); suffix++) {
      unique = name + "_" + suffix;
    }
    return unique;
  }

  private static void printCsv(StatementResult result, PrintWriter out) {
    if (!result.hasColumns()) {
      return;
    }
    List<String> header = new ArrayList<>();
    for (String name : result.schema().fieldNames()) {
      header.add(csvField(name));
    }
    out.print(String.join(",", header) + CSV_LINE_END);
    for (Row row : result.rows()) {
      List<String> fields = new ArrayList<>();
      for (Object value : SparkRows.values(row)) {
        fields.add(value == null ? "" : csvField(text(value)));
      }
      out.print(String.join(",", fields) + CSV_LINE_END);
    }
  }

  /** RFC 4180: a field with a comma, quote or line break is quoted, its quotes doubled. */
  static String csvField(String text) {
    if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
      return "\"" + text.replace("\"", "\"\"") + "\"";
    }
    return text;
  }

  private static String oneLineJson(Object value) {
    try {
      return ONE_LINE.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("cannot write a value of a result as JSON", e);
    }
  }
}
