package dev.movielake.simulator;

import java.util.ArrayDeque;

/**
 * A sliding one-second window over admitted requests: at most {@code perSecond} are admitted in any
 * second. Rejected requests do not count, so a client that backs off recovers after at most a
 * second.
 */
final class RateLimit {
  private static final long ONE_SECOND_NANOS = 1_000_000_000L;

  private final int perSecond;
  private final ArrayDeque<Long> admitted = new ArrayDeque<>();

  RateLimit(int perSecond) {
    this.perSecond = perSecond;
  }

  int perSecond() {
    return perSecond;
  }

  synchronized boolean tryAdmit(long nanoTime) {
    if (perSecond <= 0) return true;
    while (!admitted.isEmpty() && nanoTime - admitted.peekFirst() >= ONE_SECOND_NANOS)
      admitted.pollFirst();
    if (admitted.size() >= perSecond) return false;
    admitted.addLast(nanoTime);
    return true;
  }
}
