package dev.movielake.config;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Serving: the MongoDB the published collections live in and the HTTP API in front of them.
 *
 * @param mongoUri {@code MONGODB_URI}; empty means the embedded server, whose data is kept in
 *     {@link #embeddedMongoFile()}
 * @param corsOrigins origins allowed to call the API from a browser; none by default (the dashboard
 *     is served by the API itself, so it needs none)
 * @param apiKeys accepted keys ({@code X-API-Key} header or {@code api_key} parameter); empty means
 *     no authentication
 * @param rateLimitPerSecond requests per second per client (API key, else address); 0 disables it
 * @param embeddedCacheMegabytes the embedded server's page cache: collections larger than it are
 *     read from the file on every query
 */
public record ServeConfig(
    Optional<String> mongoUri,
    String mongoDatabase,
    Path home,
    String host,
    int port,
    List<String> corsOrigins,
    Set<String> apiKeys,
    int rateLimitPerSecond,
    int maxPageSize,
    int embeddedCacheMegabytes) {

  public static final String MONGODB_URI = "MONGODB_URI";
  public static final String MONGODB_DATABASE = "MONGODB_DATABASE";
  public static final String API_HOST = "API_HOST";
  public static final String API_PORT = "API_PORT";
  public static final String API_CORS_ORIGINS = "API_CORS_ORIGINS";
  public static final String API_KEYS = "API_KEYS";
  public static final String API_RATE_LIMIT = "API_RATE_LIMIT_PER_SECOND";
  public static final String API_MAX_PAGE_SIZE = "API_MAX_PAGE_SIZE";
  public static final String EMBEDDED_CACHE_MB = "MONGODB_EMBEDDED_CACHE_MB";

  public ServeConfig {
    corsOrigins = List.copyOf(corsOrigins);
    apiKeys = Set.copyOf(apiKeys);
  }

  public static ServeConfig from(Map<String, String> variables) {
    return from(new VariableReader(variables));
  }

  static ServeConfig from(VariableReader reader) {
    Path home =
        Path.of(reader.string(LakehouseConfig.HOME, "lakehouse")).toAbsolutePath().normalize();
    int port = reader.positiveInt(API_PORT, 8000);
    if (port > 65_535) {
      throw new ConfigException(API_PORT, "'" + port + "' is not a port; use 1 to 65535");
    }
    String rateLimit = reader.string(API_RATE_LIMIT, "50");
    int requestsPerSecond = "0".equals(rateLimit) ? 0 : reader.positiveInt(API_RATE_LIMIT, 50);
    for (String origin : list(reader.string(API_CORS_ORIGINS, ""))) {
      if (!origin.matches("https?://[A-Za-z0-9.\\-]+(:\\d{1,5})?")) {
        throw new ConfigException(
            API_CORS_ORIGINS,
            "'"
                + origin
                + "' is not an origin; use a comma-separated list like"
                + " https://dashboard.example.com,http://localhost:3000 (scheme, host and optional"
                + " port)");
      }
    }
    return new ServeConfig(
        reader.optional(MONGODB_URI),
        reader.identifier(MONGODB_DATABASE, "moviedb"),
        home,
        reader.string(API_HOST, "127.0.0.1"),
        port,
        list(reader.string(API_CORS_ORIGINS, "")),
        new LinkedHashSet<>(list(reader.string(API_KEYS, ""))),
        requestsPerSecond,
        reader.positiveInt(API_MAX_PAGE_SIZE, 100),
        reader.positiveInt(EMBEDDED_CACHE_MB, 512));
  }

  public boolean embeddedMongo() {
    return mongoUri.isEmpty();
  }

  /** The embedded server's data file, under the lakehouse folder. */
  public Path embeddedMongoFile() {
    return home.resolve("mongo").resolve("serving.mv");
  }

  public boolean authenticationEnabled() {
    return !apiKeys.isEmpty();
  }

  /** Never prints the keys or a password in the URI. */
  @Override
  public String toString() {
    return "ServeConfig[mongo="
        + mongoUri.map(uri -> uri.replaceAll("//[^@/]*@", "//***@")).orElse("embedded")
        + ", database="
        + mongoDatabase
        + ", api="
        + host
        + ":"
        + port
        + ", corsOrigins="
        + corsOrigins
        + ", apiKeys="
        + apiKeys.size()
        + ", rateLimitPerSecond="
        + rateLimitPerSecond
        + "]";
  }

  private static List<String> list(String value) {
    return Arrays.stream(value.split(","))
        .map(String::strip)
        .filter(item -> !item.isEmpty())
        .toList();
  }
}
