package dev.movielake.app.catalog;

import dev.movielake.app.cli.GracefulStop;
import dev.movielake.app.cli.LakehouseCommand;
import dev.movielake.config.LakehouseConfig;
import dev.movielake.config.ServeConfig;
import dev.movielake.infra.rest.RestCatalogServer;
import dev.movielake.ops.catalog.CatalogService;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code pipeline catalog serve}: the lakehouse's catalog open to other engines. */
@Command(
    name = "catalog",
    description = "The lakehouse's Iceberg catalog, for engines other than the pipeline's Spark.",
    subcommands = {CatalogCommand.Serve.class})
public final class CatalogCommand {
  private CatalogCommand() {}

  @Command(
      name = "serve",
      description = {
        "Serve the configured catalog (JDBC on SQLite or PostgreSQL, Hive Metastore) over Iceberg's"
            + " REST",
        "catalog protocol, so Trino, DuckDB, PyIceberg or another Spark read the tables. Read-only"
            + " unless",
        "--writable; with API_KEYS set, clients must send one as a bearer token (Iceberg property"
            + " token).",
        "Runs until stopped (Ctrl-C or SIGTERM). README: 'Other engines'."
      })
  static final class Serve extends LakehouseCommand {
    /** An exit the server's JVM takes when asked to stop by SIGINT (130) or SIGTERM (143). */
    private static final int SIGINT_EXIT = 130;

    private static final int SIGTERM_EXIT = 143;

    @Option(
        names = "--host",
        defaultValue = "127.0.0.1",
        description =
            "Interface to listen on (default ${DEFAULT-VALUE}; 0.0.0.0 for every one, e.g. in a"
                + " container).")
    String host;

    @Option(
        names = "--port",
        defaultValue = "8181",
        description = "Port to listen on (default ${DEFAULT-VALUE}; 0 takes a free one).")
    int port;

    @Option(
        names = "--writable",
        description =
            "Let clients create, change and drop namespaces and tables (default: read-only,"
                + " those requests get 403).")
    boolean writable;

    @Override
    protected int run() {
      if (port < 0 || port > 65_535) {
        throw new IllegalArgumentException(
            "--port " + port + " is not a port; use 1 to 65535, or 0 for a free one");
      }
      LakehouseConfig config = context().config();
      ServeConfig serve = context().serveConfig();
      Path log = config.home().resolve("logs").resolve("catalog-serve.log");
      // Asked for before the server starts, so a Ctrl-C during its start still stops it.
      CountDownLatch stop = new CountDownLatch(1);
      try (GracefulStop graceful = new GracefulStop(stop::countDown)) {
        RestCatalogServer server =
            CatalogService.start(
                config, host, port, new RestCatalogServer.Access(!writable, serve.apiKeys()), log);
        try {
          printServing(out(), config, serve, server, log);
          return awaitStop(server, stop);
        } finally {
          server.close();
        }
      }
    }

    private void printServing(
        PrintWriter out,
        LakehouseConfig config,
        ServeConfig serve,
        RestCatalogServer server,
        Path log) {
      out.println(
          "Serving the catalog "
              + config.catalog().name()
              + " ("
              + config.catalog().type().id()
              + ") over Iceberg's REST catalog protocol, "
              + (writable ? "writable" : "read-only (--writable allows writes)")
              + ".");
      out.println("  uri        " + clientUri(server));
      out.println("  warehouse  " + config.warehousePath());
      out.println(
          "  token      "
              + (serve.authenticationEnabled()
                  ? "required: one of API_KEYS, as a bearer token (Iceberg clients: token=<key>)"
                  : "none (set API_KEYS to require one)"));
      if (config.warehouseOnS3()) {
        out.println(
            "  storage    "
                + config.s3().endpoint().orElse("S3 of region " + config.s3().region())
                + ": clients read the files with their own S3 keys (no vended credentials)");
      }
      out.println("  log        " + log);
      out.println("Connect Spark, Trino, DuckDB or PyIceberg as README 'Other engines' shows.");
      out.println("Stop with Ctrl-C.");
      out.flush();
    }

    /**
     * The URI to give clients: the server's own, or this machine's name when it listens on every
     * interface.
     */
    private String clientUri(RestCatalogServer server) {
      if (!"0.0.0.0".equals(host) && !"::".equals(host)) {
        return server.uri();
      }
      return server.uri()
          + " (listening on every interface: other machines use this host's name or address)";
    }

    /** Until a stop is asked for (signal, or an interrupt) or the server's JVM ends on its own. */
    private int awaitStop(RestCatalogServer server, CountDownLatch stop) {
      try {
        while (!stop.await(250, TimeUnit.MILLISECONDS)) {
          OptionalInt exit = server.awaitExit(Duration.ofMillis(250));
          if (exit.isPresent()) {
            int code = exit.getAsInt();
            if (code == SIGINT_EXIT || code == SIGTERM_EXIT) {
              // Ctrl-C in a terminal reaches the server's JVM too: it stopped as asked.
              break;
            }
            throw new IllegalStateException(
                "the REST catalog server stopped on its own (exit "
                    + code
                    + "); its log ("
                    + server.log()
                    + ") ends with:\n"
                    + server.logTail());
          }
        }
      } catch (InterruptedException e) {
        // asked to stop (an embedding thread's interrupt)
      }
      err().println("Stopping the REST catalog server ...");
      err().flush();
      server.close();
      out().println("The catalog is no longer served.");
      out().flush();
      return 0;
    }
  }
}
