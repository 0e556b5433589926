package dev.movielake.api;

/**
 * A request the API refuses; its message is shown to the client, so it never holds secrets or
 * internals.
 */
public final class ApiException extends RuntimeException {
  private final ApiError error;

  public ApiException(ApiError error, String message) {
    super(message, null, false, false);
    this.error = error;
  }

  public static ApiException invalid(String message) {
    return new ApiException(ApiError.INVALID_PARAMETER, message);
  }

  public static ApiException notFound(String message) {
    return new ApiException(ApiError.NOT_FOUND, message);
  }

  /** {@code value} when there is one; otherwise a 404 with {@code message}. */
  public static <T> T foundOr(T value, String message) {
    if (value == null) {
      throw notFound(message);
    }
    return value;
  }

  public ApiError error() {
    return error;
  }
}
