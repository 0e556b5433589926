package dev.movielake.stream.silver.clean;

import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.regexp_replace;

import org.apache.spark.sql.Column;

/**
 * The text rules every cleaner applies. Spark's {@code trim} removes only spaces, while TMDB text
 * also carries tabs and line breaks, so these trim every kind of whitespace.
 */
final class Text {
  private Text() {}

  static Column trimmed(Column text) {
    return regexp_replace(text, "^\\s+|\\s+$", "");
  }

  /** Trimmed, with every run of whitespace inside (line breaks included) made one space. */
  static Column collapsed(Column text) {
    return trimmed(regexp_replace(text, "\\s+", " "));
  }

  static Column isBlank(Column text) {
    return text.isNull().or(trimmed(text).equalTo(lit("")));
  }
}
