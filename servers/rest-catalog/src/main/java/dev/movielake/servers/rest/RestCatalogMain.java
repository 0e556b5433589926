package dev.movielake.servers.rest;

import jakarta.servlet.DispatcherType;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.CatalogUtil;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.rest.RESTCatalogAdapter;
import org.apache.iceberg.rest.RESTCatalogServlet;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.servlet.FilterHolder;
import org.eclipse.jetty.servlet.ServletContextHandler;
import org.eclipse.jetty.servlet.ServletHolder;

/**
 * An Iceberg REST catalog server: Iceberg's reference implementation of the REST spec ({@link
 * RESTCatalogAdapter} behind {@link RESTCatalogServlet}) on Jetty, serving a catalog built from
 * Iceberg catalog properties (a JdbcCatalog on SQLite or PostgreSQL, its warehouse and FileIO).
 *
 * <p>Arguments: {@code --host 127.0.0.1 --port P --properties FILE}. The properties come from a
 * file so that passwords and keys never show in a command line. Port 0 takes a free port; the
 * actual one is in the "listening on" line. SIGTERM stops it cleanly.
 *
 * <p>Properties under {@code rest-server.} are the server's own, not the catalog's: {@value
 * #READ_ONLY} ({@code true} refuses every request that would change the catalog) and {@value
 * #API_KEYS} (comma-separated bearer tokens, one of which every request must then present); see
 * {@link CatalogAccess}; {@value #CATALOG_NAME}, the backing catalog's name.
 */
public final class RestCatalogMain {
  /** The backing catalog's default name; a JdbcCatalog keys its rows by it. */
  static final String BACKEND_NAME = "rest_backend";

  static final String SERVER_PREFIX = "rest-server.";
  static final String READ_ONLY = SERVER_PREFIX + "read-only";
  static final String API_KEYS = SERVER_PREFIX + "api-keys";

  /**
   * The backing catalog's name: serving the pipeline's JDBC catalog needs the pipeline's name
   * (ICEBERG_CATALOG_NAME), or its rows are not found.
   */
  static final String CATALOG_NAME = SERVER_PREFIX + "catalog-name";

  private RestCatalogMain() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> arguments = arguments(args);
    String host = arguments.getOrDefault("--host", "127.0.0.1");
    int port = Integer.parseInt(arguments.getOrDefault("--port", "8181"));
    String propertiesFile = arguments.get("--properties");
    if (propertiesFile == null) {
      throw new IllegalArgumentException(
          "--properties FILE is missing: name a file with the backing catalog's Iceberg properties "
              + "(catalog-impl, uri, warehouse, ...)");
    }
    Map<String, String> properties = properties(Path.of(propertiesFile));
    boolean readOnly = Boolean.parseBoolean(properties.getOrDefault(READ_ONLY, "false"));
    List<String> apiKeys =
        Arrays.stream(properties.getOrDefault(API_KEYS, "").split(","))
            .map(String::strip)
            .filter(key -> !key.isEmpty())
            .toList();
    String name = properties.getOrDefault(CATALOG_NAME, BACKEND_NAME);
    properties.keySet().removeIf(property -> property.startsWith(SERVER_PREFIX));

    Catalog backend = CatalogUtil.buildIcebergCatalog(name, properties, new Configuration());
    RESTCatalogAdapter adapter = new RESTCatalogAdapter(backend);

    Server server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost(host); // one interface only, never all of them
    connector.setPort(port);
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler(ServletContextHandler.NO_SESSIONS);
    context.addFilter(
        new FilterHolder(new CatalogAccess(readOnly, apiKeys)),
        "/*",
        EnumSet.of(DispatcherType.REQUEST));
    context.addServlet(new ServletHolder(new RESTCatalogServlet(adapter)), "/*");
    server.setHandler(context);
    // Jetty's own hook would stop the server but not close the catalog's JDBC connections.
    server.setStopAtShutdown(false);
    Runtime.getRuntime()
        .addShutdownHook(new Thread(() -> stop(server, adapter), "rest-catalog-shutdown"));

    server.start();
    // Only names that carry no secret: the properties may hold jdbc.password and
    // s3.secret-access-key.
    System.out.printf(
        "REST catalog listening on http://%s:%d (backend %s, warehouse %s, %s, %s)%n",
        host,
        connector.getLocalPort(),
        backend.getClass().getSimpleName(),
        properties.getOrDefault("warehouse", "(none)"),
        readOnly ? "read-only" : "writable",
        apiKeys.isEmpty() ? "no API key needed" : apiKeys.size() + " API key(s) accepted");
    System.out.flush();
    server.join();
  }

  private static void stop(Server server, RESTCatalogAdapter adapter) {
    try {
      server.stop();
      adapter.close();
      System.out.println("REST catalog stopped");
    } catch (Exception e) {
      System.err.println("REST catalog did not stop cleanly: " + e);
    }
  }

  private static Map<String, String> arguments(String[] args) {
    Map<String, String> arguments = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i += 2) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException(
            "expected --host H --port P --properties FILE, got " + String.join(" ", args));
      }
      arguments.put(args[i], args[i + 1]);
    }
    return arguments;
  }

  private static Map<String, String> properties(Path file) throws IOException {
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      properties.load(reader);
    }
    Map<String, String> map = new LinkedHashMap<>();
    properties.stringPropertyNames().forEach(name -> map.put(name, properties.getProperty(name)));
    if (!map.containsKey("catalog-impl") && !map.containsKey("type")) {
      throw new IllegalArgumentException(
          file
              + " names no catalog: set catalog-impl "
              + "(e.g. org.apache.iceberg.jdbc.JdbcCatalog) with its uri and warehouse");
    }
    return map;
  }
}
