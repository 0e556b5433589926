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
 * @param byDataFault answers a data fault changed, per kind: pages emptied, movie details spoiled
 *     (one answer hit by two kinds counts once for each)
 */
public record SimulatorStats(
    long totalRequests,
    Map<Integer, Long> byStatus,
    Map<String, Long> byEndpoint,
    int maxRequestsInOneSecond,
    Map<DataFault, Long> byDataFault) {

  public SimulatorStats {
    byStatus = Map.copyOf(byStatus);
    byEndpoint = Map.copyOf(byEndpoint);
    byDataFault = Map.copyOf(byDataFault);
  }

  public long count(int status) {
    return byStatus.getOrDefault(status, 0L);
  }

  public long countOf(String endpoint) {
    return byEndpoint.getOrDefault(endpoint, 0L);
  }

  /** Answers {@code fault} changed. */
  public long injected(DataFault fault) {
    return byDataFault.getOrDefault(fault, 0L);
  }
}
