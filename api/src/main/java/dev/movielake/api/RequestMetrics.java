package dev.movielake.api;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The {@code http.server.requests} timer per method, route template and status. Timers are cached:
 * routes are templates and unmatched paths share one label, so the set stays small.
 */
final class RequestMetrics {
  static final String NAME = "http.server.requests";

  private record Key(String method, String route, int status) {}

  private final MeterRegistry registry;
  private final Map<Key, Timer> timers = new ConcurrentHashMap<>();

  RequestMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  void record(String method, String route, int status, long nanos) {
    timers
        .computeIfAbsent(
            new Key(method, route, status),
            key ->
                Timer.builder(NAME)
                    .description("HTTP requests served by the API")
                    .tag("method", key.method())
                    .tag("route", key.route())
                    .tag("status", Integer.toString(key.status()))
                    .register(registry))
        .record(nanos, TimeUnit.NANOSECONDS);
  }
}
