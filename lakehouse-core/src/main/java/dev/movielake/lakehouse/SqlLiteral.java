package dev.movielake.lakehouse;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Spark SQL literals: a value can never end the literal early. */
public final class SqlLiteral {
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

  private SqlLiteral() {}

  /** A UTC timestamp literal; sessions run in UTC (see LakehouseSession). */
  public static String timestamp(Instant instant) {
    return "TIMESTAMP " + of(TIMESTAMP.format(instant));
  }

  public static String of(String value) {
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }
}
