package dev.movielake.ops.doctor;

import dev.movielake.cli.CatalogUnreachable;
import dev.movielake.cli.ConnectionFailure;
import dev.movielake.config.CatalogConfig;
import dev.movielake.config.LakehouseConfig;
import dev.movielake.model.Layer;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;

/**
 * The Iceberg catalog answers: the namespaces are listed through the configured catalog, which
 * fails first when the metastore, its database or the REST server is down. The embedded SQLite
 * catalog that does not exist yet is fine: the first write creates it. The catalog opened here is
 * kept for the tables check.
 */
final class CatalogCheck implements Check, AutoCloseable {
  private final Settings settings;
  private volatile Catalog opened;
  private volatile boolean notCreatedYet;

  CatalogCheck(Settings settings) {
    this.settings = settings;
  }

  @Override
  public String name() {
    return "catalog";
  }

  /** The catalog, when the check could list its namespaces. */
  Optional<Catalog> opened() {
    return Optional.ofNullable(opened);
  }

  /** True when the embedded catalog does not exist yet, so there are no tables to check. */
  boolean notCreatedYet() {
    return notCreatedYet;
  }

  @Override
  public List<Finding> run() {
    return settings.lakehouse().checkedBy(name(), this::check);
  }

  private List<Finding> check(LakehouseConfig config) {
    CatalogConfig catalog = config.catalog();
    return List.of(
        switch (catalog.type()) {
          case JDBC -> catalog.embeddedSqlite() ? sqlite(config) : database(config);
          case HIVE -> remote(config, "the Hive Metastore at " + catalog.uri(), this::unreachable);
          case REST -> remote(config, "the REST catalog at " + catalog.uri(), this::unreachable);
          case HADOOP -> hadoop(config);
        });
  }

  @Override
  public Finding timedOut(Duration limit) {
    LakehouseConfig config = settings.lakehouse().value().orElseThrow();
    String within = "no answer within " + limit.toSeconds() + " s";
    return unreachable(config, within);
  }

  private Finding sqlite(LakehouseConfig config) {
    Path file = sqliteFile(config.catalog().uri());
    if (!Files.exists(file)) {
      Path existing = existingAncestor(file);
      if (existing == null || !Files.isWritable(existing)) {
        return Finding.broken(
            name(),
            "cannot create the SQLite catalog " + file + ": " + existing + " is not writable",
            "set "
                + LakehouseConfig.JDBC_URI
                + "=jdbc:sqlite:<file in a writable folder>, or "
                + LakehouseConfig.HOME
                + " to a writable folder");
      }
      notCreatedYet = true;
      return Finding.ok(name(), "embedded SQLite catalog " + file + " is created on first write");
    }
    if (!Files.isRegularFile(file) || !Files.isReadable(file) || !Files.isWritable(file)) {
      return Finding.broken(
          name(),
          "the SQLite catalog " + file + " is not a readable and writable file",
          "fix its permissions, or set " + LakehouseConfig.JDBC_URI + " to another file");
    }
    try {
      return listed(config, "embedded SQLite catalog " + file);
    } catch (RuntimeException e) {
      if (missingCatalogTables(e)) {
        return catalogTablesMissing("the SQLite catalog " + file);
      }
      return Finding.broken(
          name(),
          "cannot read the SQLite catalog " + file + " (" + ConnectionFailure.of(e) + ")",
          "check the file (is it a SQLite database?), or set "
              + LakehouseConfig.JDBC_URI
              + " to another file");
    }
  }

  private Finding database(LakehouseConfig config) {
    CatalogConfig catalog = config.catalog();
    try {
      return listed(config, "JDBC catalog at " + catalog.uri());
    } catch (RuntimeException e) {
      String state = sqlState(e);
      if (state.equals("28P01") || state.equals("28000")) {
        return Finding.broken(
            name(),
            "the catalog database at "
                + catalog.uri()
                + " refused the login of user "
                + catalog.jdbcUser().orElse("(none)")
                + " (wrong user or password)",
            "check " + LakehouseConfig.JDBC_USER + " and " + LakehouseConfig.JDBC_PASSWORD);
      }
      if (state.equals("3D000")) {
        return Finding.broken(
            name(),
            "the database of " + catalog.uri() + " does not exist",
            "create it (CREATE DATABASE ...) or fix the database name in "
                + LakehouseConfig.JDBC_URI);
      }
      if (state.equals("42P01") || missingCatalogTables(e)) {
        return catalogTablesMissing("the catalog database at " + catalog.uri());
      }
      return unreachable(config, ConnectionFailure.of(e).reason());
    }
  }

  private Finding unreachable(LakehouseConfig config, String reason) {
    return Finding.broken(
        name(),
        CatalogUnreachable.problem(config.catalog(), reason),
        CatalogUnreachable.fix(config.catalog().type()));
  }

  private Finding catalogTablesMissing(String where) {
    return Finding.warning(
        name(),
        where + " has no Iceberg catalog tables yet",
        "nothing to do: the first pipeline command that writes a table creates them");
  }

  private interface Failure {
    Finding describe(LakehouseConfig config, String reason);
  }

  private Finding remote(LakehouseConfig config, String description, Failure failure) {
    try {
      return listed(config, description);
    } catch (RuntimeException e) {
      return failure.describe(config, ConnectionFailure.of(e).reason());
    }
  }

  private Finding hadoop(LakehouseConfig config) {
    String warehouse = config.warehousePath();
    if (warehouse.contains("://")) {
      return remote(
          config,
          "hadoop catalog in " + warehouse,
          (ignored, reason) ->
              Finding.broken(
                  name(),
                  "cannot list the hadoop catalog in " + warehouse + " (" + reason + ")",
                  "check that the file system answers, or fix " + LakehouseConfig.WAREHOUSE_PATH));
    }
    if (!Files.isDirectory(Path.of(warehouse))) {
      notCreatedYet = true;
      return Finding.ok(name(), "hadoop catalog in " + warehouse + " is created on first write");
    }
    return remote(
        config,
        "hadoop catalog in " + warehouse,
        (ignored, reason) ->
            Finding.broken(
                name(),
                "cannot list the hadoop catalog in " + warehouse + " (" + reason + ")",
                "check the folder's permissions, or fix " + LakehouseConfig.WAREHOUSE_PATH));
  }

  /**
   * Lists the namespaces; the layers' databases that do not exist yet are named (a write creates
   * them).
   */
  private Finding listed(LakehouseConfig config, String description) {
    Catalog catalog = ReadOnlyCatalog.open(config);
    try {
      Set<String> namespaces =
          catalog instanceof SupportsNamespaces supports
              ? supports.listNamespaces().stream()
                  .map(Namespace::toString)
                  .collect(Collectors.toSet())
              : Set.of();
      List<String> missing = new ArrayList<>();
      for (Layer layer : Layer.values()) {
        if (!namespaces.contains(config.database(layer))) {
          missing.add(config.database(layer));
        }
      }
      opened = catalog;
      return Finding.ok(
          name(),
          description
              + " answers: "
              + namespaces.size()
              + " namespace(s)"
              + (missing.isEmpty()
                  ? ""
                  : "; created on first write: " + String.join(", ", missing)));
    } catch (RuntimeException e) {
      closeQuietly(catalog);
      throw e;
    }
  }

  static Path sqliteFile(String uri) {
    String location = uri.substring("jdbc:sqlite:".length());
    int parameters = location.indexOf('?');
    if (parameters >= 0) {
      location = location.substring(0, parameters);
    }
    if (location.startsWith("file:")) {
      location = location.substring("file:".length());
    }
    return Path.of(location).toAbsolutePath().normalize();
  }

  static Path existingAncestor(Path path) {
    Path existing = path;
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    return existing;
  }

  private static String sqlState(Throwable error) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (cause instanceof SQLException sql && sql.getSQLState() != null) {
        return sql.getSQLState();
      }
    }
    return "";
  }

  private static boolean missingCatalogTables(Throwable error) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      String message = String.valueOf(cause.getMessage());
      if (message.contains("iceberg_tables")
          || message.contains("iceberg_namespace_properties")
          || message.contains("no such table")) {
        return true;
      }
    }
    return false;
  }

  private static void closeQuietly(Catalog catalog) {
    if (catalog instanceof Closeable closeable) {
      try {
        closeable.close();
      } catch (IOException | RuntimeException e) {
        // a client that failed to connect has nothing to release that matters
      }
    }
  }

  @Override
  public void close() {
    if (opened != null) {
      closeQuietly(opened);
    }
  }
}
