package dev.movielake.lakehouse;

import java.util.regex.Pattern;

/**
 * Validation of names before they reach SQL or the catalog. Only plain identifiers pass, so a name
 * can be quoted with backticks and never be read as SQL.
 */
public final class Identifiers {
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");

  private Identifiers() {}

  /** Returns the name when it is a plain identifier; otherwise refuses it, naming what it is. */
  public static String require(String kind, String name) {
    if (name == null || !IDENTIFIER.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "invalid "
              + kind
              + " name '"
              + name
              + "': use letters, digits and underscores, "
              + "starting with a letter or underscore (at most 128 characters)");
    }
    return name;
  }

  /** A column name, possibly nested ({@code author_details.rating}): each part an identifier. */
  public static String requireColumn(String name) {
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException("invalid column name: empty");
    }
    for (String part : name.split("\\.", -1)) {
      require("column", part);
    }
    return name;
  }

  /** Backtick-quotes a validated (possibly nested) column name for Spark SQL. */
  public static String quoteColumn(String name) {
    StringBuilder quoted = new StringBuilder();
    for (String part : requireColumn(name).split("\\.")) {
      if (quoted.length() > 0) {
        quoted.append('.');
      }
      quoted.append('`').append(part).append('`');
    }
    return quoted.toString();
  }
}
