package dev.movielake.api;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One resilience4j rate limiter per client (its API key, else its address), at most {@code
 * MAX_CLIENTS} of them: the least recently seen client is forgotten first, so that many addresses
 * cannot exhaust the memory.
 */
final class ClientRateLimits {
  private static final int MAX_CLIENTS = 10_000;

  private final RateLimiterConfig config;
  private final Map<String, RateLimiter> limiters =
      new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, RateLimiter> eldest) {
          return size() > MAX_CLIENTS;
        }
      };

  ClientRateLimits(int requestsPerSecond) {
    this.config =
        requestsPerSecond <= 0
            ? null
            : RateLimiterConfig.custom()
                .limitForPeriod(requestsPerSecond)
                .limitRefreshPeriod(Duration.ofSeconds(1))
                .timeoutDuration(Duration.ZERO)
                .build();
  }

  boolean enabled() {
    return config != null;
  }

  /** True when the client may make one more request now; always true when rate limiting is off. */
  boolean admit(String client) {
    if (config == null) {
      return true;
    }
    RateLimiter limiter;
    synchronized (limiters) {
      limiter = limiters.computeIfAbsent(client, ignored -> RateLimiter.of("api-client", config));
    }
    return limiter.acquirePermission();
  }
}
