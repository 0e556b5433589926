package dev.movielake.simulator;

import java.time.Duration;
import java.util.Objects;

/**
 * Faults injected after authentication, chosen per request from a seeded random so a run is
 * repeatable.
 *
 * @param rateLimitShare share of requests answered 429 (status_code 25) whatever the actual rate
 * @param serverErrorShare share answered 500, 502 or 503
 * @param timeoutShare share held for {@code timeoutDelay} before a normal 200, so a client timeout
 *     fires first
 * @param timeoutDelay how long a "timeout" response is held
 * @param latency added to every response
 * @param retryAfterSeconds {@code Retry-After} sent with injected 429s; 0 sends none (TMDB does not
 *     always send it)
 */
public record Faults(
    double rateLimitShare,
    double serverErrorShare,
    double timeoutShare,
    Duration timeoutDelay,
    Duration latency,
    int retryAfterSeconds) {

  public Faults {
    requireShare("rateLimitShare", rateLimitShare);
    requireShare("serverErrorShare", serverErrorShare);
    requireShare("timeoutShare", timeoutShare);
    if (rateLimitShare + serverErrorShare + timeoutShare > 1.0 + 1e-9) {
      throw new IllegalArgumentException("fault shares add up to more than 1");
    }
    Objects.requireNonNull(timeoutDelay, "timeoutDelay");
    Objects.requireNonNull(latency, "latency");
    if (timeoutDelay.isNegative() || latency.isNegative())
      throw new IllegalArgumentException("negative delay");
    if (retryAfterSeconds < 0)
      throw new IllegalArgumentException("retryAfterSeconds must not be negative");
  }

  public static Faults none() {
    return new Faults(0, 0, 0, Duration.ofSeconds(30), Duration.ZERO, 1);
  }

  public Faults withRateLimitShare(double share) {
    return new Faults(
        share, serverErrorShare, timeoutShare, timeoutDelay, latency, retryAfterSeconds);
  }

  public Faults withServerErrorShare(double share) {
    return new Faults(
        rateLimitShare, share, timeoutShare, timeoutDelay, latency, retryAfterSeconds);
  }

  public Faults withTimeouts(double share, Duration delay) {
    return new Faults(rateLimitShare, serverErrorShare, share, delay, latency, retryAfterSeconds);
  }

  public Faults withLatency(Duration newLatency) {
    return new Faults(
        rateLimitShare,
        serverErrorShare,
        timeoutShare,
        timeoutDelay,
        newLatency,
        retryAfterSeconds);
  }

  public Faults withRetryAfterSeconds(int seconds) {
    return new Faults(
        rateLimitShare, serverErrorShare, timeoutShare, timeoutDelay, latency, seconds);
  }

  private static void requireShare(String name, double share) {
    if (!(share >= 0 && share <= 1))
      throw new IllegalArgumentException(name + " must be within 0..1: " + share);
  }
}
