package dev.movielake.lakehouse;

/** A lakehouse operation that was refused or failed; the message says what and how to fix it. */
public class LakehouseException extends RuntimeException {
  public LakehouseException(String message) {
    super(message);
  }

  public LakehouseException(String message, Throwable cause) {
    super(message, cause);
  }
}
