package dev.movielake.app.stream;

import dev.movielake.config.IngestConfig;
import dev.movielake.lakehouse.IcebergStorageManager;
import dev.movielake.ops.metrics.MetricsServer;
import dev.movielake.stream.metrics.StreamMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Optional;

/**
 * What {@code pipeline stream} shows Prometheus, as {@code STREAM_METRICS_PORT} says: the endpoint
 * and the queries' metrics in its registry. The endpoint is opened before Spark starts, so a port
 * in use fails at once; the queries are followed once the session exists ({@link #follow}).
 *
 * <p>{@link #registry()} is where the process's other parts register their meters (the maintenance
 * service running in the stream): with the endpoint off it is a registry nobody reads, so they need
 * not ask whether there is one.
 */
final class StreamMonitoring implements AutoCloseable {
  private final Optional<MetricsServer> server;
  private final MeterRegistry registry;
  private StreamMetrics queries;

  private StreamMonitoring(Optional<MetricsServer> server, MeterRegistry registry) {
    this.server = server;
    this.registry = registry;
  }

  /** Serves {@code /metrics} on the configured port, or nothing when it is {@code off}. */
  static StreamMonitoring start(IngestConfig ingest) {
    if (ingest.metricsPort().isEmpty()) {
      return new StreamMonitoring(Optional.empty(), new SimpleMeterRegistry());
    }
    MetricsServer server =
        MetricsServer.start(ingest.metricsPort().getAsInt(), IngestConfig.METRICS_PORT);
    return new StreamMonitoring(Optional.of(server), server.registry());
  }

  /**
   * Records the streaming queries of {@code storage}'s session from now on; before they start. With
   * the endpoint off nothing would read them, so nothing listens.
   */
  void follow(IcebergStorageManager storage) {
    if (server.isPresent() && queries == null) {
      queries = StreamMetrics.register(storage, registry);
    }
  }

  MeterRegistry registry() {
    return registry;
  }

  /** The endpoint's address; empty when it is off. */
  Optional<String> url() {
    return server.map(MetricsServer::url);
  }

  @Override
  public void close() {
    if (queries != null) {
      queries.close();
    }
    server.ifPresentOrElse(MetricsServer::close, registry::close);
  }
}
