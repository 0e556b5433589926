package dev.movielake.lakehouse.table;

import org.apache.iceberg.spark.SparkSchemaUtil;
import org.apache.iceberg.types.Type;
import org.apache.spark.sql.types.DataType;

/**
 * Column types written as in Spark SQL ({@code string}, {@code bigint}, {@code decimal(12,2)},
 * {@code array<string>}).
 */
public final class ColumnType {
  private ColumnType() {}

  public static Type parse(String text) {
    DataType sparkType;
    try {
      sparkType = DataType.fromDDL(text.strip());
    } catch (Exception e) { // Spark's ParseException is a checked AnalysisException
      throw new IllegalArgumentException(
          "unknown column type '"
              + text
              + "'; use a Spark SQL type such as string, int, bigint, "
              + "double, boolean, date, timestamp, decimal(12,2) or array<string>");
    }
    return SparkSchemaUtil.convert(sparkType);
  }
}
