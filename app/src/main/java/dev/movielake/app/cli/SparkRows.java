package dev.movielake.app.cli;

import dev.movielake.cli.Json;
import dev.movielake.cli.TextTable;
import java.sql.Date;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import scala.collection.Iterable;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Spark rows as plain Java values (maps, lists, instants, dates), which both {@link TextTable} and
 * {@link Json} print without knowing Spark's or Scala's types.
 */
public final class SparkRows {
  private SparkRows() {}

  /** At most {@code limit} rows, each a map from column name to value in column order. */
  public static List<Map<String, Object>> collect(Dataset<Row> rows, int limit) {
    List<Map<String, Object>> result = new ArrayList<>();
    for (Row row : rows.limit(limit).collectAsList()) {
      result.add(fields(row));
    }
    return result;
  }

  /**
   * A row's values in column order, as plain Java values; a list rather than a map, since a query's
   * columns may share a name ({@code SELECT a.id, b.id}).
   */
  public static List<Object> values(Row row) {
    List<Object> values = new ArrayList<>(row.size());
    for (int index = 0; index < row.size(); index++) {
      values.add(value(row.get(index)));
    }
    return values;
  }

  private static Map<String, Object> fields(Row row) {
    Map<String, Object> fields = new LinkedHashMap<>();
    String[] names = row.schema().fieldNames();
    for (int index = 0; index < names.length; index++) {
      fields.put(names[index], value(row.get(index)));
    }
    return fields;
  }

  // Spark hands over Scala maps beside Java's: the Scala one keeps its qualified name.
  @SuppressWarnings("inlineQualifiedName")
  private static Object value(Object value) {
    if (value instanceof Timestamp timestamp) {
      return timestamp.toInstant();
    }
    if (value instanceof Date date) {
      return date.toLocalDate();
    }
    if (value instanceof Row row) {
      return fields(row);
    }
    if (value instanceof byte[] bytes) {
      // Column bounds are binary; hex is readable in a table and in JSON alike.
      return "0x" + HexFormat.of().formatHex(bytes);
    }
    if (value instanceof scala.collection.Map<?, ?> map) {
      Map<String, Object> converted = new LinkedHashMap<>();
      CollectionConverters.asJava(map)
          .forEach((key, entry) -> converted.put(String.valueOf(key), value(entry)));
      return converted;
    }
    if (value instanceof Iterable<?> iterable) {
      List<Object> converted = new ArrayList<>();
      CollectionConverters.asJava(iterable).forEach(entry -> converted.add(value(entry)));
      return converted;
    }
    return value;
  }
}
