package dev.movielake.stream.silver.clean;

import dev.movielake.model.RecordType;
import java.time.LocalDate;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Turns the bronze rows of one record type into silver rows: typed, trimmed, clamped, enriched, and
 * one row per natural key, the latest version of the record winning.
 */
public interface RecordCleaner {
  /**
   * @param bronzeRows rows shaped like {@code bronze.<type>_raw}, possibly several versions of a
   *     record
   * @return the silver rows, columns in the silver table's order
   */
  Dataset<Row> clean(Dataset<Row> bronzeRows);

  /**
   * @param today the date ages are computed at, passed in so results do not depend on the clock
   * @throws IllegalArgumentException for ratings, which stay in bronze
   */
  static RecordCleaner of(RecordType type, LocalDate today) {
    return switch (type) {
      case MOVIES -> new MovieCleaner();
      case PEOPLE -> new PersonCleaner(today);
      case CREDITS -> new CreditCleaner();
      case REVIEWS -> new ReviewCleaner();
      case RATINGS ->
          throw new IllegalArgumentException("ratings have no silver table: they stay in bronze");
    };
  }
}
