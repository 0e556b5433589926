package dev.movielake.cli;

import dev.movielake.config.CatalogConfig;
import dev.movielake.config.CatalogType;
import dev.movielake.config.LakehouseConfig;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The configured catalog cannot be reached, worded with its fix (which server to start, which
 * variable to correct): shared by the doctor and by every command's error line, so a command fails
 * with the same hint the doctor gives instead of a client's exception name.
 */
public final class CatalogUnreachable {
  private static final String STACK = "pipeline stack up";

  private CatalogUnreachable() {}

  /** "cannot connect to the Hive Metastore at thrift://... (connection refused)". */
  public static String problem(CatalogConfig catalog, String reason) {
    return switch (catalog.type()) {
      case HIVE -> "cannot connect to the Hive Metastore at " + catalog.uri() + " (" + reason + ")";
      case REST -> "cannot reach the REST catalog at " + catalog.uri() + " (" + reason + ")";
      default -> "cannot connect to the catalog database at " + catalog.uri() + " (" + reason + ")";
    };
  }

  /** What to do about it. */
  public static String fix(CatalogType type) {
    return switch (type) {
      case HIVE ->
          "is it running? start it ("
              + STACK
              + " / docker compose up hive-metastore) or fix "
              + LakehouseConfig.HIVE_METASTORE_URI;
      case REST -> "is it running? start it or fix " + LakehouseConfig.REST_CATALOG_URI;
      default ->
          "is PostgreSQL running? start it ("
              + STACK
              + " / docker compose up postgres-metastore) or fix "
              + LakehouseConfig.JDBC_URI;
    };
  }

  /**
   * The error line for a failure that is the catalog's network failure: a network error in the
   * chain of an error raised by that catalog's client. Empty for anything else (and for the
   * embedded SQLite and Hadoop catalogs, which have no server).
   */
  public static Optional<String> describe(Throwable error, CatalogConfig catalog) {
    boolean server = catalog.type() != CatalogType.HADOOP && !catalog.embeddedSqlite();
    if (!server || !raisedByClient(error, catalog.type())) {
      return Optional.empty();
    }
    return ConnectionFailure.network(error)
        .map(
            failure ->
                problem(catalog, failure.reason())
                    + ": "
                    + fix(catalog.type())
                    + "; 'pipeline doctor' checks every service");
  }

  private static boolean raisedByClient(Throwable error, CatalogType type) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      String name = cause.getClass().getName();
      boolean client =
          switch (type) {
            case HIVE ->
                name.startsWith("org.apache.hadoop.hive.")
                    || name.startsWith("org.apache.thrift.")
                    || String.valueOf(cause.getMessage()).contains("Hive Metastore");
            case REST ->
                name.startsWith("org.apache.iceberg.rest.")
                    || name.equals("org.apache.iceberg.exceptions.RESTException");
            default ->
                cause instanceof SQLException
                    || name.equals("org.apache.iceberg.jdbc.UncheckedSQLException");
          };
      if (client) {
        return true;
      }
    }
    return false;
  }
}
