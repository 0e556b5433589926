package dev.movielake.api;

/** The JSON bodies of every API answer: a single value, a page of a list, or an error. */
final class Envelope {
  private Envelope() {}

  record Single(boolean success, Object data, String message) {}

  record PageBody(
      boolean success,
      Object data,
      String message,
      long totalCount,
      int limit,
      int offset,
      Integer nextOffset) {}

  record Failure(boolean success, int status, String error, String message, String detail) {}

  static Single single(Object data) {
    return new Single(true, data, null);
  }

  static PageBody page(Page page) {
    return new PageBody(
        true,
        page.items(),
        null,
        page.totalCount(),
        page.limit(),
        page.offset(),
        page.nextOffset());
  }

  static Failure error(ApiError error, String message) {
    return error(error.status(), error, message);
  }

  /**
   * An error whose HTTP status differs from its code's usual one, e.g. Jetty's 414 for a too long
   * URI.
   */
  static Failure error(int status, ApiError error, String message) {
    return new Failure(false, status, error.code(), message, message);
  }
}
