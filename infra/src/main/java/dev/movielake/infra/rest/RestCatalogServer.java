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
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An Iceberg REST catalog server in a JVM of its own (module {@code servers/rest-catalog}:
 * Iceberg's reference REST implementation on Jetty) on 127.0.0.1, serving a catalog such as a
 * JdbcCatalog. Its libraries (unshaded Iceberg core, Jetty 11) would clash with Spark's Iceberg
 * runtime, hence the separate JVM.
 */
public final class RestCatalogServer implements AutoCloseable {
  private static final String MAIN_CLASS = "dev.movielake.servers.rest.RestCatalogMain";
  private static final Pattern LISTENING =
      Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)");
  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);

  private final ChildJvm jvm;
  private final int port;

  private RestCatalogServer(ChildJvm jvm, int port) {
    this.jvm = jvm;
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
    Path properties = writeProperties(backendCatalog, log.toAbsolutePath().getParent());
    ChildJvm jvm =
        ChildJvm.start(
            ServerClasspath.of("rest-catalog"),
            List.of("-Xmx512m", "-XX:+UseSerialGC"),
            MAIN_CLASS,
            List.of(
                "--host",
                "127.0.0.1",
                "--port",
                Integer.toString(port),
                "--properties",
                properties.toString()),
            Map.of(),
            log);
    try {
      return new RestCatalogServer(jvm, awaitReady(jvm));
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
  private static int awaitReady(ChildJvm jvm) {
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
      if (port >= 0 && answersConfig(client, port)) {
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

  private static boolean answersConfig(HttpClient client, int port) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/config"))
            .timeout(Duration.ofSeconds(5))
            .GET()
            .build();
    try {
      return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** The base URI clients use, e.g. as ICEBERG_REST_CATALOG_URI. */
  public String uri() {
    return "http://127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  public long pid() {
    return jvm.pid();
  }

  /** SIGTERM, so the server closes its catalog; SIGKILL if it is still there after 10 s. */
  @Override
  public void close() {
    jvm.stop(Duration.ofSeconds(10));
  }
}
