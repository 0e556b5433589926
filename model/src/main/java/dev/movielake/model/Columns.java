package dev.movielake.model;

/**
 * The columns that identify records across layers: silver keys, which publishing turns into
 * document ids and the API filters and joins on. A document keeps its table's column names, so a
 * key column is named the same in silver, gold and MongoDB.
 */
public final class Columns {
  public static final String MOVIE_ID = "movie_id";
  public static final String PERSON_ID = "person_id";
  public static final String REVIEW_ID = "review_id";

  /** A credit's TMDB credit id: one person can hold several jobs on one movie. */
  public static final String CREDIT_KEY = "credit_key";

  /** The start of a trend window, which with the movie keys a window's row. */
  public static final String WINDOW_START = "window_start";

  /** The silver column that orders versions of one record: the time TMDB was asked. */
  public static final String OBSERVED_AT = "observed_at";

  private Columns() {}
}
