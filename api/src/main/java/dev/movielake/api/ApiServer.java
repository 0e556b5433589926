package dev.movielake.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.MongoException;
import com.mongodb.client.MongoDatabase;
import dev.movielake.api.lakehouse.LakehouseView;
import dev.movielake.api.metrics.AuditMetrics;
import dev.movielake.config.ServeConfig;
import dev.movielake.lakehouse.TableNotFoundException;
import dev.movielake.model.ServingCollection;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.staticfiles.Location;
import io.javalin.router.Endpoint;
import io.javalin.router.ParsedEndpoint;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The REST API over the published MongoDB collections, the operator view of the lakehouse, the
 * metrics and the dashboard. Every request goes through: CORS and method check, then for an API
 * route the rate limit, the API key, parameter validation, the endpoint, and the JSON envelope.
 */
public final class ApiServer implements AutoCloseable {
  static final String JSON_CONTENT_TYPE = "application/json";
  private static final Logger log = LoggerFactory.getLogger(ApiServer.class);
  private static final String PROMETHEUS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
  private static final String START_ATTRIBUTE = "movielake.start";
  private static final String ROUTE_ATTRIBUTE = "movielake.route";
  private static final String API_KEY_HEADER = "X-API-Key";
  private static final String API_KEY_PARAMETER = "api_key";
  // Queries that take longer fail with 503 rather than hold a Jetty thread.
  private static final long QUERY_TIMEOUT_SECONDS = 10;

  private final ServeConfig config;
  private final PrometheusMeterRegistry registry;

  /** Held here: the audit counters read through it, and Micrometer only holds it weakly. */
  private final AuditMetrics auditMetrics;

  private final ObjectMapper json = ApiJson.create();
  private final ApiKeys apiKeys;
  private final ClientRateLimits rateLimits;
  private final CorsPolicy cors;
  private final RequestMetrics metrics;
  private final List<Route> routes;
  private final byte[] openApi;
  private final Javalin app;
  private final List<TextSearchIndex> searchIndexes;

  private ApiServer(
      ServeConfig config,
      MongoDatabase database,
      LakehouseView lakehouse,
      PrometheusMeterRegistry registry) {
    this.config = config;
    this.registry = registry;
    this.apiKeys = new ApiKeys(config.apiKeys());
    this.rateLimits = new ClientRateLimits(config.rateLimitPerSecond());
    this.cors = new CorsPolicy(config.corsOrigins());
    this.metrics = new RequestMetrics(registry);
    this.auditMetrics = AuditMetrics.register(database, registry);
    Clock clock = Clock.systemUTC();
    MongoDatabase bounded = database.withTimeout(QUERY_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    List<Route> table = new ArrayList<>();
    table.add(new HealthEndpoint(database, lakehouse, version()).route());
    TextSearchIndex titles =
        TextSearchIndex.start(
            bounded, ServingCollection.MOVIES.collectionName(), "title", "popularity");
    TextSearchIndex names =
        TextSearchIndex.start(
            bounded, ServingCollection.PEOPLE.collectionName(), "name", "popularity");
    this.searchIndexes = List.of(titles, names);
    table.addAll(new MovieEndpoints(bounded, titles, clock, config.maxPageSize()).routes());
    table.addAll(new PeopleEndpoints(bounded, names, config.maxPageSize()).routes());
    table.addAll(new AnalyticsEndpoints(bounded, clock).routes());
    table.addAll(new LakehouseEndpoints(lakehouse, bounded, clock, config.maxPageSize()).routes());
    table.addAll(new QualityScoreEndpoints(bounded, clock).routes());
    table.add(new PublishStateEndpoint(bounded).route());
    table.add(
        new Route(
            "/openapi.json",
            "operations",
            "This OpenAPI document",
            List.of(),
            true,
            Route.Body.JSON,
            arguments -> openApi()));
    table.add(
        new Route(
            "/metrics",
            "operations",
            "Prometheus metrics of the API and the pipeline",
            List.of(),
            false,
            Route.Body.PROMETHEUS,
            arguments -> registry.scrape()));
    this.routes = List.copyOf(table);
    try {
      this.openApi = json.writeValueAsBytes(OpenApiDocument.of(routes, json, version()));
    } catch (JsonProcessingException impossible) {
      throw new IllegalStateException("cannot serialise the OpenAPI document", impossible);
    }
    this.app =
        Javalin.create(
            javalin -> {
              javalin.showJavalinBanner = false;
              javalin.startupWatcherEnabled = false;
              javalin.staticFiles.add(
                  files -> {
                    files.hostedPath = "/";
                    files.directory = "/dashboard";
                    files.location = Location.CLASSPATH;
                  });
              javalin.staticFiles.enableWebjars();
              javalin.jetty.modifyServer(
                  server -> server.setErrorHandler(new JsonErrorHandler(json)));
            });
    app.before(this::before);
    for (Route route : routes) {
      app.get(route.path(), ctx -> dispatch(route, ctx));
    }
    app.error(404, this::notFound);
    app.exception(
        Exception.class,
        (failure, ctx) -> {
          log.error("Request {} {} failed outside its endpoint", ctx.method(), ctx.path(), failure);
          writeError(ctx, ApiError.INTERNAL_ERROR, "the request failed on the server");
        });
    app.after(this::after);
  }

  /** Starts the API on {@code config.host()} and {@code config.port()}. */
  public static ApiServer start(
      ServeConfig config,
      MongoDatabase database,
      LakehouseView lakehouse,
      PrometheusMeterRegistry registry) {
    ApiServer server = new ApiServer(config, database, lakehouse, registry);
    server.app.start(config.host(), config.port());
    log.info(
        "API listening on {} ({} routes, API keys {}, rate limit {})",
        server.url(),
        server.routes.size(),
        server.apiKeys.enabled() ? "required" : "off",
        config.rateLimitPerSecond() == 0 ? "off" : config.rateLimitPerSecond() + "/s per client");
    return server;
  }

  public int port() {
    return app.port();
  }

  public String url() {
    return "http://" + config.host() + ":" + port();
  }

  /**
   * The routes the server registers, in registration order: the source of {@code /openapi.json}.
   */
  public List<Route> routes() {
    return routes;
  }

  /**
   * The GET paths Javalin actually has handlers for, to check that nothing escapes the route table.
   */
  List<String> registeredPaths() {
    return app.unsafeConfig().pvt.internalRouter.allHttpHandlers().stream()
        .map(ParsedEndpoint::getEndpoint)
        .filter(endpoint -> endpoint.getMethod() == HandlerType.GET)
        .map(Endpoint::getPath)
        .toList();
  }

  @Override
  public void close() {
    app.stop();
    searchIndexes.forEach(TextSearchIndex::close);
  }

  private byte[] openApi() {
    return openApi;
  }

  /** The jar's Implementation-Version; "development" when run from classes. */
  private static String version() {
    String version = ApiServer.class.getPackage().getImplementationVersion();
    return version == null ? "development" : version;
  }

  private void before(Context ctx) {
    ctx.attribute(START_ATTRIBUTE, System.nanoTime());
    cors.apply(ctx);
    String method = ctx.method().name();
    if (method.equals("GET")) {
      return;
    }
    ctx.header("Allow", "GET, OPTIONS");
    if (method.equals("OPTIONS")) {
      ctx.status(204);
    } else {
      writeError(
          ctx,
          ApiError.METHOD_NOT_ALLOWED,
          method + " is not allowed; the API answers GET (and OPTIONS)");
    }
    ctx.skipRemainingHandlers();
  }

  private void dispatch(Route route, Context ctx) {
    ctx.attribute(ROUTE_ATTRIBUTE, route.path());
    try {
      String key = apiKeys.enabled() && !route.open() ? presentedKey(ctx) : null;
      boolean authorized = key != null ? apiKeys.accepts(key) : route.open() || !apiKeys.enabled();
      // Only a valid key names the client: otherwise rotating made-up keys would escape the limit.
      if (rateLimits.enabled()
          && !rateLimits.admit(authorized && key != null ? "key " + key : "address " + ctx.ip())) {
        ctx.header("Retry-After", "1");
        throw new ApiException(
            ApiError.RATE_LIMITED,
            "more than "
                + config.rateLimitPerSecond()
                + " requests per second; retry after 1 second");
      }
      if (!authorized) {
        throw new ApiException(
            ApiError.UNAUTHORIZED,
            key == null
                ? "an API key is required: send the X-API-Key header or the api_key parameter"
                : "the API key is not valid");
      }
      write(ctx, route, route.handler().handle(arguments(route, ctx)));
    } catch (ApiException refused) {
      writeError(ctx, refused.error(), refused.getMessage());
    } catch (TableNotFoundException unknown) {
      writeError(ctx, ApiError.NOT_FOUND, unknown.getMessage());
    } catch (MongoException failure) {
      log.warn("MongoDB failed on {} {}: {}", ctx.method(), route.path(), failure.toString());
      writeError(ctx, ApiError.UNAVAILABLE, "the database did not answer in time; retry later");
    } catch (RuntimeException failure) {
      log.error("Request {} {} failed", ctx.method(), route.path(), failure);
      writeError(ctx, ApiError.INTERNAL_ERROR, "the request failed on the server");
    }
  }

  private static String presentedKey(Context ctx) {
    String header = ctx.header(API_KEY_HEADER);
    if (header != null) {
      return header;
    }
    try {
      return ctx.queryParam(API_KEY_PARAMETER);
    } catch (IllegalArgumentException malformed) {
      return null;
    }
  }

  private static Arguments arguments(Route route, Context ctx) {
    Map<String, Object> values = new HashMap<>();
    for (Parameter parameter : route.parameters()) {
      String raw;
      try {
        if (parameter.location() == Parameter.Location.PATH) {
          raw = ctx.pathParam(parameter.name());
        } else {
          List<String> given = ctx.queryParams(parameter.name());
          if (given.size() > 1) {
            throw ApiException.invalid(
                parameter.name() + " must be given once (got " + given.size() + " values)");
          }
          raw = given.isEmpty() ? null : given.get(0);
        }
      } catch (IllegalArgumentException malformed) {
        throw ApiException.invalid(
            "the URL is not valid percent-encoding near " + parameter.name());
      }
      values.put(parameter.name(), parameter.parse(raw));
    }
    return new Arguments(values);
  }

  private void write(Context ctx, Route route, Object result) {
    switch (route.body()) {
      case ENVELOPE -> {
        if (result instanceof Page page) {
          writeJson(ctx, 200, Envelope.page(page));
        } else if (result instanceof Reply reply) {
          writeJson(
              ctx,
              reply.status(),
              new Envelope.Single(reply.success(), reply.data(), reply.message()));
        } else {
          writeJson(ctx, 200, Envelope.single(result));
        }
      }
      case JSON -> ctx.status(200).contentType(JSON_CONTENT_TYPE).result((byte[]) result);
      case PROMETHEUS ->
          ctx.status(200).contentType(PROMETHEUS_CONTENT_TYPE).result((String) result);
    }
  }

  private void writeError(Context ctx, ApiError error, String message) {
    writeJson(ctx, error.status(), Envelope.error(error, message));
  }

  private void writeJson(Context ctx, int status, Object body) {
    byte[] bytes;
    try {
      bytes = json.writeValueAsBytes(body);
    } catch (JsonProcessingException failure) {
      throw new IllegalStateException("cannot serialise the answer", failure);
    }
    ctx.status(status).contentType(JSON_CONTENT_TYPE).result(bytes);
  }

  /** Javalin's 404 for paths without a route or file; an endpoint's own 404 is already written. */
  private void notFound(Context ctx) {
    if (ctx.attribute(ROUTE_ATTRIBUTE) == null) {
      writeError(
          ctx,
          ApiError.NOT_FOUND,
          "nothing at " + ctx.path() + "; the routes are listed at /openapi.json");
    }
  }

  private void after(Context ctx) {
    Long start = ctx.attribute(START_ATTRIBUTE);
    String route = ctx.attribute(ROUTE_ATTRIBUTE);
    int status = ctx.statusCode();
    if (route == null) {
      route = status < 400 ? "static" : "UNMATCHED";
    }
    long nanos = start == null ? 0 : System.nanoTime() - start;
    metrics.record(ctx.method().name(), route, status, nanos);
    if (log.isDebugEnabled()) {
      log.debug("{} {} -> {} in {} µs", ctx.method(), ctx.path(), status, nanos / 1_000);
    }
  }
}
