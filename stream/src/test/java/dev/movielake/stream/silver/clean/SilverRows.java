package dev.movielake.stream.silver.clean;

import java.sql.Date;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;
import scala.collection.Seq;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Silver rows as plain Java values, so tests can compare them with literals: dates as LocalDate,
 * timestamps as Instant, arrays as lists and structs as lists of their fields.
 */
final class SilverRows {
  private SilverRows() {}

  static List<List<Object>> sortedBy(Dataset<Row> rows, String column) {
    List<List<Object>> values = new ArrayList<>();
    for (Row row : rows.orderBy(column).collectAsList()) {
      values.add(fields(row));
    }
    return values;
  }

  /** "name type" for every column, in order. */
  static List<String> columns(Dataset<Row> rows) {
    List<String> columns = new ArrayList<>();
    for (StructField field : rows.schema().fields()) {
      columns.add(field.name() + " " + field.dataType().simpleString());
    }
    return columns;
  }

  private static List<Object> fields(Row row) {
    Object[] fields = new Object[row.length()];
    for (int index = 0; index < row.length(); index++) {
      fields[index] = plain(row.get(index));
    }
    return Arrays.asList(fields);
  }

  private static Object plain(Object value) {
    if (value instanceof Row struct) {
      return fields(struct);
    }
    if (value instanceof Seq<?> array) {
      List<Object> elements = new ArrayList<>();
      for (Object element : CollectionConverters.asJava(array)) {
        elements.add(plain(element));
      }
      return elements;
    }
    if (value instanceof Date date) {
      return date.toLocalDate();
    }
    if (value instanceof Timestamp timestamp) {
      return timestamp.toInstant();
    }
    return value;
  }
}
