package dev.movielake.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local stand-in for the TMDB v3 API, served over real HTTP on 127.0.0.1. Each request goes
 * through: statistics, authentication (401), the rate limit (429), injected faults (429, 5xx,
 * timeouts), the endpoint, data faults (bad data in a good answer), then the configured latency.
 */
public final class TmdbSimulator implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TmdbSimulator.class);
  private static final String API_PREFIX = "/3/";

  private final SimulatorOptions options;
  private final SimulatedCatalog catalog;
  private final TmdbEndpoints endpoints;
  private final FaultInjector faultInjector;
  private final DataFaultInjector dataFaultInjector;
  private final RateLimit rateLimit;
  private final RequestStatistics statistics = new RequestStatistics();
  private final ObjectMapper json = new ObjectMapper();
  private final Clock clock = Clock.systemUTC();
  // Delayed answers complete on this scheduler so that held requests do not occupy Jetty threads.
  private final ScheduledExecutorService delays;
  private final Javalin server;

  private TmdbSimulator(SimulatorOptions options) {
    this.options = options;
    this.catalog = SimulatedCatalog.generate(options.seed(), options.movies());
    this.endpoints = new TmdbEndpoints(catalog, options.seed());
    this.faultInjector = new FaultInjector(options.seed(), options.faults());
    this.dataFaultInjector =
        new DataFaultInjector(
            options.seed(), catalog, options.dataFaults(), statistics::dataFaultInjected);
    this.rateLimit = new RateLimit(options.rateLimitPerSecond());
    this.delays =
        Executors.newScheduledThreadPool(
            1,
            runnable -> {
              Thread thread = new Thread(runnable, "tmdb-simulator-delays");
              thread.setDaemon(true);
              return thread;
            });
    this.server =
        Javalin.create(
            config -> {
              config.showJavalinBanner = false;
              config.startupWatcherEnabled = false;
              config.http.asyncTimeout =
                  0; // held "timeout" responses must not be cut short by Javalin
            });
    server.get("/<path>", this::handle);
    server.exception(
        Exception.class,
        (failure, ctx) -> {
          LOG.warn("simulator failed on {}", ctx.path(), failure);
          write(ctx, SimulatedResponse.error(TmdbError.INTERNAL_ERROR));
        });
  }

  /** Starts a simulator on 127.0.0.1 ({@code options.port()}, or a free port when 0). */
  public static TmdbSimulator start(SimulatorOptions options) {
    TmdbSimulator simulator = new TmdbSimulator(options);
    simulator.server.start("127.0.0.1", options.port());
    LOG.info(
        "TMDB simulator serving {} movies (seed {}) at {}",
        options.movies(),
        options.seed(),
        simulator.baseUrl());
    return simulator;
  }

  /** The API root, e.g. {@code http://127.0.0.1:51234/3}. */
  public String baseUrl() {
    return "http://127.0.0.1:" + port() + "/3";
  }

  public int port() {
    return server.port();
  }

  public SimulatedCatalog catalog() {
    return catalog;
  }

  public SimulatorStats stats() {
    return statistics.snapshot();
  }

  public Faults faults() {
    return faultInjector.faults();
  }

  public void setFaults(Faults faults) {
    faultInjector.setFaults(Objects.requireNonNull(faults, "faults"));
  }

  public DataFaults dataFaults() {
    return dataFaultInjector.faults();
  }

  /** Takes effect from the next request: switching a fault off restores the good data at once. */
  public void setDataFaults(DataFaults dataFaults) {
    dataFaultInjector.setFaults(Objects.requireNonNull(dataFaults, "dataFaults"));
  }

  /** The movie ids {@link DataFault#DUPLICATED_KEYS} crowds movie details onto. */
  public List<Long> duplicatedKeys() {
    return dataFaultInjector.duplicatedKeys();
  }

  @Override
  public void close() {
    server.stop();
    delays.shutdownNow();
  }

  private void handle(Context ctx) {
    long arrival = System.nanoTime();
    String path =
        ctx.path().startsWith(API_PREFIX) ? ctx.path().substring(API_PREFIX.length()) : null;
    String template = path == null ? TmdbEndpoints.UNKNOWN : TmdbEndpoints.templateOf(path);
    statistics.arrived(template, arrival);

    Faults faults = faultInjector.faults();
    Duration delay = faults.latency();
    SimulatedResponse response;
    if (!authorized(ctx)) {
      response = SimulatedResponse.error(TmdbError.INVALID_API_KEY);
    } else if (!rateLimit.tryAdmit(arrival)) {
      response = SimulatedResponse.error(TmdbError.OVER_LIMIT).withHeader("Retry-After", "1");
    } else {
      FaultInjector.Decision decision = faultInjector.next();
      response =
          switch (decision.fault()) {
            case RATE_LIMIT ->
                faults.retryAfterSeconds() > 0
                    ? SimulatedResponse.error(TmdbError.OVER_LIMIT)
                        .withHeader("Retry-After", String.valueOf(faults.retryAfterSeconds()))
                    : SimulatedResponse.error(TmdbError.OVER_LIMIT);
            case SERVER_ERROR ->
                SimulatedResponse.error(TmdbError.forServerStatus(decision.serverErrorStatus()));
            case TIMEOUT, NONE ->
                path == null
                    ? SimulatedResponse.error(TmdbError.NOT_FOUND)
                    : dataFaultInjector.apply(
                        template, endpoints.answer(path, ctx::queryParam, clock.instant()));
          };
      if (decision.fault() == FaultInjector.Fault.TIMEOUT)
        delay = delay.plus(faults.timeoutDelay());
    }
    statistics.answered(response.status());

    if (delay.isZero()) {
      write(ctx, response);
    } else {
      CompletableFuture<Void> held = new CompletableFuture<>();
      delays.schedule(() -> held.complete(null), delay.toMillis(), TimeUnit.MILLISECONDS);
      ctx.future(() -> held.thenRun(() -> write(ctx, response)));
    }
  }

  private boolean authorized(Context ctx) {
    String apiKey = ctx.queryParam("api_key");
    if (apiKey != null && apiKey.equals(options.apiKey())) return true;
    String authorization = ctx.header("Authorization");
    return authorization != null && authorization.equals("Bearer " + options.readToken());
  }

  private void write(Context ctx, SimulatedResponse response) {
    try {
      byte[] body = json.writeValueAsBytes(response.body());
      response.headers().forEach(ctx::header);
      ctx.status(response.status()).contentType("application/json;charset=utf-8").result(body);
    } catch (JsonProcessingException impossible) {
      throw new IllegalStateException("cannot serialise a simulator response", impossible);
    }
  }
}
