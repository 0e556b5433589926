package dev.movielake.lakehouse;

/** A Spark SQL string literal: the value can never end the string early. */
public final class SqlLiteral {
  private SqlLiteral() {}

  public static String of(String value) {
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }
}
