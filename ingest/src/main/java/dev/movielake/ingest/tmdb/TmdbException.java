package dev.movielake.ingest.tmdb;

/** A TMDB request that could not be served; the message says what and how to fix it. */
public class TmdbException extends RuntimeException {
  public TmdbException(String message) {
    super(message);
  }

  public TmdbException(String message, Throwable cause) {
    super(message, cause);
  }
}
