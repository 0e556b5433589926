package dev.movielake.servers.rest;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.iceberg.rest.responses.ErrorResponse;
import org.apache.iceberg.rest.responses.ErrorResponseParser;

/**
 * Who may do what on the served catalog, in front of Iceberg's servlet: with API keys, every
 * request needs {@code Authorization: Bearer KEY} (what Iceberg's REST clients send from their
 * {@code token} property), else 401; read-only, every request that would change the catalog
 * (create, drop, rename, register, commit, namespace properties) is refused with 403. Both answers
 * are Iceberg REST {@code ErrorResponse} documents, so clients show their message.
 *
 * <p>Reads pass in read-only mode, and so do the POSTs that change nothing: metrics reports
 * (clients send one after each scan), server-side scan planning and its tasks, and OAuth token
 * requests.
 */
final class CatalogAccess implements Filter {
  /** The POSTs of the REST spec that only read: metrics, scan planning, its tasks, tokens. */
  private static final Pattern READING_POST =
      Pattern.compile("(/v1/oauth/tokens|.*/tables/[^/]+/(metrics|plan|tasks))/?");

  /** Cancelling a scan plan is a DELETE that changes no table. */
  private static final Pattern READING_DELETE = Pattern.compile(".*/tables/[^/]+/plan/[^/]+/?");

  private static final Set<String> READING_METHODS = Set.of("GET", "HEAD", "OPTIONS");

  private final boolean readOnly;
  private final List<byte[]> apiKeys;

  /**
   * @param readOnly refuse the requests that would change the catalog
   * @param apiKeys the accepted bearer tokens; empty means no authentication
   */
  CatalogAccess(boolean readOnly, List<String> apiKeys) {
    this.readOnly = readOnly;
    this.apiKeys = apiKeys.stream().map(key -> key.getBytes(StandardCharsets.UTF_8)).toList();
  }

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    HttpServletRequest http = (HttpServletRequest) request;
    HttpServletResponse answer = (HttpServletResponse) response;
    if (!apiKeys.isEmpty() && !authorized(http.getHeader("Authorization"))) {
      // Never echoes what was presented: it may be a key of another system.
      answer.setHeader("WWW-Authenticate", "Bearer");
      refuse(
          answer,
          401,
          "NotAuthorizedException",
          "this catalog needs an API key: send 'Authorization: Bearer <key>' (Iceberg's REST"
              + " clients: the catalog property token=<key>) with one of the keys in API_KEYS");
      return;
    }
    if (readOnly && !reads(http.getMethod(), path(http))) {
      refuse(
          answer,
          403,
          "ForbiddenException",
          "this catalog is served read-only: "
              + http.getMethod()
              + " "
              + path(http)
              + " would change it; to allow writes, restart it with"
              + " 'pipeline catalog serve --writable'");
      return;
    }
    chain.doFilter(request, response);
  }

  /** Whether a request of this method on this path leaves the catalog as it was. */
  static boolean reads(String method, String path) {
    String upper = method.toUpperCase(Locale.ROOT);
    return READING_METHODS.contains(upper)
        || ("POST".equals(upper) && READING_POST.matcher(path).matches())
        || ("DELETE".equals(upper) && READING_DELETE.matcher(path).matches());
  }

  private boolean authorized(String header) {
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, "Bearer ".length())) {
      return false;
    }
    byte[] presented =
        header.substring("Bearer ".length()).strip().getBytes(StandardCharsets.UTF_8);
    boolean accepted = false;
    for (byte[] key : apiKeys) {
      // Compares with every key in constant time, so the answer's timing tells nothing.
      accepted |= MessageDigest.isEqual(key, presented);
    }
    return accepted;
  }

  private static String path(HttpServletRequest request) {
    String path = request.getRequestURI();
    return path == null ? "/" : path;
  }

  private static void refuse(HttpServletResponse response, int code, String type, String message)
      throws IOException {
    ErrorResponse error =
        ErrorResponse.builder().responseCode(code).withType(type).withMessage(message).build();
    response.setStatus(code);
    response.setContentType("application/json");
    response.setCharacterEncoding("UTF-8");
    response.getWriter().write(ErrorResponseParser.toJson(error));
  }
}
