package dev.movielake.lakehouse.maintenance;

import dev.movielake.lakehouse.SqlLiteral;
import dev.movielake.lakehouse.TableName;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Calls Iceberg's stored procedures, the reference API for table maintenance. Every argument is a
 * validated name or an escaped literal.
 */
public final class Procedures {
  private Procedures() {}

  /**
   * Runs {@code CALL catalog.system.<procedure>(table => 'catalog.db.table', name => value, ...)};
   * the qualified name spares Spark a failed catalog lookup of the database name.
   */
  public static List<Row> call(
      SparkSession spark, TableName table, String procedure, Map<String, String> arguments) {
    String rest =
        arguments.entrySet().stream()
            .map(argument -> ", " + argument.getKey() + " => " + argument.getValue())
            .collect(Collectors.joining());
    String sql =
        "CALL `"
            + table.catalog()
            + "`.system."
            + procedure
            + "(table => "
            + SqlLiteral.of(table.qualified())
            + rest
            + ")";
    return spark.sql(sql).collectAsList();
  }

  public static String map(Map<String, String> options) {
    return "map("
        + options.entrySet().stream()
            .map(option -> SqlLiteral.of(option.getKey()) + ", " + SqlLiteral.of(option.getValue()))
            .collect(Collectors.joining(", "))
        + ")";
  }

  static long longColumn(Row row, String column) {
    int index = row.fieldIndex(column);
    return row.isNullAt(index) ? 0 : ((Number) row.get(index)).longValue();
  }

  static boolean hasColumn(Row row, String column) {
    return List.of(row.schema().fieldNames()).contains(column);
  }
}
