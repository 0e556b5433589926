package dev.movielake.api;

import io.javalin.http.Context;
import java.util.List;
import java.util.Set;

/** Cross-origin access for exactly the configured origins; none by default. */
final class CorsPolicy {
  private final Set<String> origins;

  CorsPolicy(List<String> origins) {
    this.origins = Set.copyOf(origins);
  }

  /** Adds the CORS headers when the request comes from an allowed origin; true for a preflight. */
  boolean apply(Context ctx) {
    String origin = ctx.header("Origin");
    if (origin == null || !origins.contains(origin)) {
      return false;
    }
    ctx.header("Access-Control-Allow-Origin", origin);
    ctx.header("Vary", "Origin");
    ctx.header("Access-Control-Expose-Headers", "Retry-After");
    boolean preflight =
        "OPTIONS".equals(ctx.method().name())
            && ctx.header("Access-Control-Request-Method") != null;
    if (preflight) {
      ctx.header("Access-Control-Allow-Methods", "GET, OPTIONS");
      ctx.header("Access-Control-Allow-Headers", "X-API-Key, Content-Type");
      ctx.header("Access-Control-Max-Age", "600");
    }
    return preflight;
  }
}
