package dev.movielake.lakehouse.table;

import java.util.Locale;

/** How a write meets the rows already in the table. */
public enum WriteMode {
  /** Adds the rows; for streaming and event data. */
  APPEND,
  /**
   * Replaces the partitions the rows fall into (dynamic partition overwrite); for full refreshes.
   */
  OVERWRITE,
  /** Updates rows whose key matches and inserts the others (MERGE); for change data. */
  UPSERT,
  /** Replaces the whole contents in one commit; for aggregates recomputed from their source. */
  REPLACE,
  /**
   * Removes the table rows whose key matches a row of the Dataset (MERGE ... THEN DELETE); for rows
   * moved to another table, where a condition would also remove rows written since.
   */
  DELETE;

  public static WriteMode parse(String value) {
    try {
      return valueOf(value.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "unknown write mode '"
              + value
              + "'; accepted values: append, overwrite, upsert, replace, delete");
    }
  }
}
