package dev.movielake.infra.rest;

import dev.movielake.infra.process.ChildJvm;
import dev.movielake.infra.process.ServerClasspath;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An Iceberg REST catalog server in a JVM of its own (module {@code servers/rest-catalog}:
 * Iceberg's reference REST implementation on Jetty), serving a catalog such as a JdbcCatalog, on
 * 127.0.0.1 unless told another interface. Its libraries (unshaded Iceberg core, Jetty 11) would
 * clash with Spark's Iceberg runtime, hence the separate JVM.
 */
public final class RestCatalogServer implements AutoCloseable {
  private static final String MAIN_CLASS = "dev.movielake.servers.rest.RestCatalogMain";

  /** The port of the "listening on http://HOST:PORT" line, whatever the host's form. */
  private static final Pattern LISTENING = Pattern.compile("listening on http://\\S*:(\\d+)");

  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);

  /**
   * The property that names the served catalog, among the backend's: a JdbcCatalog finds its rows
   * by its name, so serving an existing one needs the name it was written under (the server's
   * default is rest_backend).
   */
  public static final String CATALOG_NAME = "rest-server.catalog-name";

  /** The host names that mean every interface: the server is then reached on 127.0.0.1. */
  private static final Set<String> EVERY_INTERFACE = Set.of("0.0.0.0", "::", "[::]", "");

  /**
   * Who may do what (the server's {@code CatalogAccess}).
   *
   * @param readOnly refuse every request that would change the catalog (403)
   * @param apiKeys bearer tokens, one of which every request must present (401 otherwise); empty
   *     means no authentication
   */
  public record Access(boolean readOnly, Set<String> apiKeys) {
    /** Writes allowed, no key needed: the tests' and the stack's server, which Spark writes to. */
    public static final Access OPEN = new Access(false, Set.of());

    public Access {
      apiKeys = Set.copyOf(apiKeys);
    }

    @Override
    public String toString() {
      // The keys are secrets: only their number is ever shown.
      return "Access[readOnly=" + readOnly + ", apiKeys=" + apiKeys.size() + "]";
    }
  }

  private final ChildJvm jvm;
  private final String host;
  private final int port;

  private RestCatalogServer(ChildJvm jvm, String host, int port) {
    this.jvm = jvm;
    this.host = host;
    this.port = port;
  }

  /**
   * Starts the server and waits until it answers {@code GET /v1/config}.
   *
   * @param backendCatalog Iceberg catalog properties of the catalog it serves (a JdbcCatalog:
   *     catalog-impl, uri, jdbc.*, warehouse, io-impl, s3.*)
   * @param port the port to listen on; 0 takes a free one
   * @param log the server's output
   */
  public static RestCatalogServer start(Map<String, String> backendCatalog, int port, Path log) {
    return start(backendCatalog, "127.0.0.1", port, Access.OPEN, log);
  }

  /**
   * Starts the server on an interface of choice, with access rules, and waits until it answers
   * {@code GET /v1/config}.
   *
   * @param host the interface to listen on: 127.0.0.1, a given address, or 0.0.0.0 for every one
   *     (in a container)
   * @param access read-only or writable, and the API keys; the keys reach the server through its
   *     properties file (readable by this user only, deleted once read), never its command line
   */
  public static RestCatalogServer start(
      Map<String, String> backendCatalog, String host, int port, Access access, Path log) {
    Map<String, String> serverProperties = new LinkedHashMap<>(backendCatalog);
    serverProperties.put("rest-server.read-only", Boolean.toString(access.readOnly()));
    if (!access.apiKeys().isEmpty()) {
      serverProperties.put("rest-server.api-keys", String.join(",", access.apiKeys()));
    }
    Path properties = writeProperties(serverProperties, log.toAbsolutePath().getParent());
    ChildJvm jvm =
        ChildJvm.start(
            ServerClasspath.of("rest-catalog"),
            List.of("-Xmx512m", "-XX:+UseSerialGC"),
            MAIN_CLASS,
            List.of(
                "--host",
                host,
                "--port",
                Integer.toString(port),
                "--properties",
                properties.toString()),
            Map.of(),
            log);
    try {
      String reachableHost = EVERY_INTERFACE.contains(host) ? "127.0.0.1" : host;
      String probeKey = access.apiKeys().stream().findFirst().orElse(null);
      return new RestCatalogServer(jvm, reachableHost, awaitReady(jvm, reachableHost, probeKey));
    } catch (RuntimeException e) {
      jvm.stop(Duration.ofSeconds(5));
      throw e;
    } finally {
      // The server has read it (or will never): the secrets in it need not stay on disk.
      try {
        Files.deleteIfExists(properties);
      } catch (IOException e) {
        // a leftover file readable by its owner only
      }
    }
  }

  /** Readable by this user only: it may hold the JDBC password and the S3 secret key. */
  private static Path writeProperties(Map<String, String> backendCatalog, Path folder) {
    Properties properties = new Properties();
    properties.putAll(backendCatalog);
    try {
      Files.createDirectories(folder);
      Path file =
          Files.createTempFile(
              folder,
              "rest-catalog-",
              ".properties",
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
        properties.store(writer, "Iceberg catalog served by the REST catalog server");
      }
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot write the REST catalog's properties into " + folder, e);
    }
  }

  /** The port from its "listening on" line, once {@code GET /v1/config} answers 200 there. */
  private static int awaitReady(ChildJvm jvm, String host, String apiKey) {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
    int port = -1;
    while (System.nanoTime() < deadline) {
      if (!jvm.isAlive()) {
        throw new IllegalStateException(
            "the REST catalog server exited during startup; its log ("
                + jvm.log()
                + ") ends with:\n"
                + jvm.logTail());
      }
      if (port < 0) {
        port = listeningPort(jvm.log());
      }
      if (port >= 0 && answersConfig(client, host, port, apiKey)) {
        return port;
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for the REST catalog server", e);
      }
    }
    throw new IllegalStateException(
        "the REST catalog server did not answer GET /v1/config within "
            + STARTUP_TIMEOUT.toSeconds()
            + " s; its log ("
            + jvm.log()
            + ") ends with:\n"
            + jvm.logTail());
  }

  private static int listeningPort(Path log) {
    try {
      Matcher matcher = LISTENING.matcher(Files.readString(log, StandardCharsets.UTF_8));
      return matcher.find() ? Integer.parseInt(matcher.group(1)) : -1;
    } catch (IOException e) {
      return -1; // not written yet
    }
  }

  private static boolean answersConfig(HttpClient client, String host, int port, String apiKey) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(uri(host, port) + "/v1/config"))
            .timeout(Duration.ofSeconds(5))
            .GET();
    if (apiKey != null) {
      request.header("Authorization", "Bearer " + apiKey);
    }
    try {
      return client.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode()
          == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static String uri(String host, int port) {
    boolean ipv6 = host.contains(":") && !host.startsWith("[");
    return "http://" + (ipv6 ? "[" + host + "]" : host) + ":" + port;
  }

  /**
   * The base URI clients on this machine use, e.g. as ICEBERG_REST_CATALOG_URI (127.0.0.1 when it
   * listens on every interface).
   */
  public String uri() {
    return uri(host, port);
  }

  public int port() {
    return port;
  }

  public long pid() {
    return jvm.pid();
  }

  /** Its output, also after it exited. */
  public Path log() {
    return jvm.log();
  }

  /** The last lines of its output, for an error message. */
  public String logTail() {
    return jvm.logTail();
  }

  /**
   * Waits up to {@code timeout} for the server's JVM to exit.
   *
   * @return its exit code, or empty while it still runs
   */
  public OptionalInt awaitExit(Duration timeout) throws InterruptedException {
    return jvm.waitFor(timeout) ? OptionalInt.of(jvm.exitCode()) : OptionalInt.empty();
  }

  /** SIGTERM, so the server closes its catalog; SIGKILL if it is still there after 10 s. */
  @Override
  public void close() {
    jvm.stop(Duration.ofSeconds(10));
  }
}
