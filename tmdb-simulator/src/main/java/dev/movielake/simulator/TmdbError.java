package dev.movielake.simulator;

/** TMDB v3 error answers: HTTP status, TMDB status_code and the exact status_message. */
enum TmdbError {
  INVALID_API_KEY(401, 7, "Invalid API key: You must be granted a valid key."),
  NOT_FOUND(404, 34, "The resource you requested could not be found."),
  INVALID_PAGE(
      400,
      22,
      "Invalid page: Pages start at 1 and max at 500. They are expected to be an integer."),
  INVALID_DATE_RANGE(400, 22, "Invalid date range: Should be a range no longer than 14 days."),
  INVALID_DATE(
      400,
      22,
      "Invalid date: Dates are expected as YYYY-MM-DD and start_date must not be after end_date."),
  TOO_MANY_APPENDS(400, 18, "Validation failed: append_to_response accepts at most 20 items."),
  OVER_LIMIT(429, 25, "Your request count (#) is over the allowed limit of (#)."),
  INTERNAL_ERROR(500, 11, "Internal error: Something went wrong, contact TMDb."),
  BAD_GATEWAY(502, 24, "Your request to the backend server timed out. Try again."),
  SERVICE_OFFLINE(503, 9, "Service offline: This service is temporarily offline, try again later.");

  final int httpStatus;
  final int statusCode;
  final String message;

  TmdbError(int httpStatus, int statusCode, String message) {
    this.httpStatus = httpStatus;
    this.statusCode = statusCode;
    this.message = message;
  }

  static TmdbError forServerStatus(int httpStatus) {
    return switch (httpStatus) {
      case 502 -> BAD_GATEWAY;
      case 503 -> SERVICE_OFFLINE;
      default -> INTERNAL_ERROR;
    };
  }
}
