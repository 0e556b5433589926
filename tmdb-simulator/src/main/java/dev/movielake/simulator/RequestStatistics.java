package dev.movielake.simulator;

import java.util.ArrayDeque;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** Thread-safe counters behind {@link SimulatorStats}. */
final class RequestStatistics {
  private static final long ONE_SECOND_NANOS = 1_000_000_000L;

  private final AtomicLong total = new AtomicLong();
  private final Map<Integer, LongAdder> byStatus = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> byEndpoint = new ConcurrentHashMap<>();
  private final Map<DataFault, LongAdder> byDataFault = new ConcurrentHashMap<>();
  // Arrival times within the last second; its largest size ever is the peak rate a client produced.
  private final ArrayDeque<Long> lastSecond = new ArrayDeque<>();
  private int maxInOneSecond;

  void arrived(String endpoint, long nanoTime) {
    total.incrementAndGet();
    byEndpoint.computeIfAbsent(endpoint, key -> new LongAdder()).increment();
    synchronized (lastSecond) {
      while (!lastSecond.isEmpty() && nanoTime - lastSecond.peekFirst() >= ONE_SECOND_NANOS)
        lastSecond.pollFirst();
      lastSecond.addLast(nanoTime);
      maxInOneSecond = Math.max(maxInOneSecond, lastSecond.size());
    }
  }

  void answered(int status) {
    byStatus.computeIfAbsent(status, key -> new LongAdder()).increment();
  }

  void dataFaultInjected(DataFault fault) {
    byDataFault.computeIfAbsent(fault, key -> new LongAdder()).increment();
  }

  SimulatorStats snapshot() {
    Map<Integer, Long> statuses = new TreeMap<>();
    byStatus.forEach((status, count) -> statuses.put(status, count.sum()));
    Map<String, Long> endpoints = new TreeMap<>();
    byEndpoint.forEach((endpoint, count) -> endpoints.put(endpoint, count.sum()));
    Map<DataFault, Long> dataFaults = new EnumMap<>(DataFault.class);
    byDataFault.forEach((fault, count) -> dataFaults.put(fault, count.sum()));
    int peak;
    synchronized (lastSecond) {
      peak = maxInOneSecond;
    }
    return new SimulatorStats(total.get(), statuses, endpoints, peak, dataFaults);
  }
}
