package dev.movielake.simulator;

import java.util.Map;

/**
 * A snapshot of what a simulator has served.
 *
 * @param totalRequests every request received, whatever its outcome
 * @param byStatus responses per HTTP status
 * @param byEndpoint requests per endpoint template, e.g. {@code movie/{id}} or {@code
 *     movie/popular}
 * @param maxRequestsInOneSecond the most requests received within any sliding one-second window
 */
public record SimulatorStats(
    long totalRequests,
    Map<Integer, Long> byStatus,
    Map<String, Long> byEndpoint,
    int maxRequestsInOneSecond) {

  public SimulatorStats {
    byStatus = Map.copyOf(byStatus);
    byEndpoint = Map.copyOf(byEndpoint);
  }

  public long count(int status) {
    return byStatus.getOrDefault(status, 0L);
  }

  public long countOf(String endpoint) {
    return byEndpoint.getOrDefault(endpoint, 0L);
  }
}
