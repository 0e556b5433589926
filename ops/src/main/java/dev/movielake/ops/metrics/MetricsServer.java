package dev.movielake.ops.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.movielake.config.ConfigException;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prometheus' {@code GET /metrics} on every interface of this host ({@code 0.0.0.0}, so a
 * Prometheus in another container or pod reaches it), over a registry with the JVM's memory,
 * garbage collection, threads, class loading and processor meters. {@code GET /} answers one line
 * pointing there. The JDK's HTTP server, on two daemon threads: a scrape every few seconds needs
 * nothing more, and the streaming process gains no web framework.
 */
public final class MetricsServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(MetricsServer.class);

  /** Prometheus' text format, which {@link PrometheusMeterRegistry#scrape()} writes. */
  static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final PrometheusMeterRegistry registry;
  private final JvmGcMetrics garbageCollection;
  private final HttpServer server;
  private final ExecutorService threads;

  private MetricsServer(
      PrometheusMeterRegistry registry,
      JvmGcMetrics garbageCollection,
      HttpServer server,
      ExecutorService threads) {
    this.registry = registry;
    this.garbageCollection = garbageCollection;
    this.server = server;
    this.threads = threads;
  }

  /**
   * Serves a new registry on {@code port}, 0 for any free one ({@link #port()} says which).
   *
   * @param portVariable the variable that set the port, named with the fix when the port is taken
   * @throws ConfigException when the port is in use
   */
  public static MetricsServer start(int port, String portVariable) {
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress("0.0.0.0", port), 0);
    } catch (BindException e) {
      throw new ConfigException(
          portVariable,
          "port "
              + port
              + " is already in use (by another process, or a second stream on this host): set "
              + portVariable
              + " to a free port, to 0 for any free port (printed at start), or to off to serve"
              + " no metrics");
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot serve metrics on port " + port + ": " + e.getMessage(), e);
    }
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new JvmMemoryMetrics().bindTo(registry);
    JvmGcMetrics garbageCollection = new JvmGcMetrics();
    garbageCollection.bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    ExecutorService threads =
        Executors.newFixedThreadPool(
            2,
            runnable -> {
              Thread thread = new Thread(runnable, "metrics-http");
              thread.setDaemon(true);
              return thread;
            });
    MetricsServer metrics = new MetricsServer(registry, garbageCollection, server, threads);
    server.createContext("/", metrics::handle);
    server.setExecutor(threads);
    server.start();
    return metrics;
  }

  /** Where the process's parts register their meters. */
  public PrometheusMeterRegistry registry() {
    return registry;
  }

  /** The port it listens on: the one asked for, or the one chosen for port 0. */
  public int port() {
    return server.getAddress().getPort();
  }

  /** The endpoint's address on this host. */
  public String url() {
    return "http://127.0.0.1:" + port() + "/metrics";
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod();
      String path = exchange.getRequestURI().getPath();
      if (!method.equals("GET") && !method.equals("HEAD")) {
        exchange.getResponseHeaders().set("Allow", "GET, HEAD");
        respond(exchange, 405, "text/plain; charset=utf-8", "only GET is served here\n");
      } else if (path.equals("/metrics")) {
        scrape(exchange);
      } else if (path.equals("/")) {
        respond(
            exchange,
            200,
            "text/plain; charset=utf-8",
            "movie lakehouse: Prometheus metrics at /metrics\n");
      } else {
        respond(exchange, 404, "text/plain; charset=utf-8", "not found; metrics are at /metrics\n");
      }
    }
  }

  private void scrape(HttpExchange exchange) throws IOException {
    String text;
    try {
      text = registry.scrape();
    } catch (RuntimeException e) {
      // Prometheus records the failed scrape (up == 0); the next one is served as usual.
      LOG.warn("the metrics could not be scraped: {}", e.getMessage());
      respond(exchange, 500, "text/plain; charset=utf-8", "cannot scrape: " + e.getMessage());
      return;
    }
    respond(exchange, 200, CONTENT_TYPE, text);
  }

  private static void respond(HttpExchange exchange, int status, String type, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type);
    boolean head = exchange.getRequestMethod().equals("HEAD");
    exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
    if (!head) {
      try (OutputStream stream = exchange.getResponseBody()) {
        stream.write(bytes);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
    garbageCollection.close();
    registry.close();
  }
}
