package dev.movielake.app.sql;

/** How the {@code sql} command prints rows. */
public enum ResultFormat {
  /** Aligned columns under a header, cut to a number of rows and a cell width. */
  TABLE,
  /** One JSON object per row, one per line. */
  JSON,
  /** A header line, then one line per row, quoted as RFC 4180 says. */
  CSV
}
