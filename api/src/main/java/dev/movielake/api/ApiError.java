package dev.movielake.api;

import java.util.Locale;

/** The machine-readable {@code error} of an error response, with its HTTP status. */
public enum ApiError {
  INVALID_PARAMETER(400),
  UNAUTHORIZED(401),
  NOT_FOUND(404),
  METHOD_NOT_ALLOWED(405),
  RATE_LIMITED(429),
  INTERNAL_ERROR(500),
  UNAVAILABLE(503);

  private final int status;

  ApiError(int status) {
    this.status = status;
  }

  public int status() {
    return status;
  }

  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }
}
