package dev.movielake.servers.hive;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Hive's transaction and lock tables (TXNS, HIVE_LOCKS, NEXT_LOCK_ID, ...). DataNucleus creates
 * only the catalog's own tables; the lock API that Iceberg's HiveCatalog commits through (its
 * MetastoreLock) reads and writes these with plain SQL, so they are created here, before the
 * metastore starts. Every statement is idempotent: applying it to an existing schema changes
 * nothing.
 */
final class TransactionSchema {
  private static final String POSTGRES = "hive-txn-schema-postgres.sql";

  private final String url;
  private final String user;
  private final String password;

  TransactionSchema(String url, String user, String password) {
    this.url = url;
    this.user = user;
    this.password = password;
  }

  void apply() {
    if (!url.startsWith("jdbc:postgresql:")) {
      throw new IllegalArgumentException(
          "the metastore's transaction tables are kept for PostgreSQL only; "
              + "point javax.jdo.option.ConnectionURL at a jdbc:postgresql:// database");
    }
    try (Connection connection = DriverManager.getConnection(url, user, password);
        Statement statement = connection.createStatement()) {
      for (String sql : script().split(";")) {
        if (!sql.isBlank()) {
          statement.execute(sql);
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(
          "cannot create the lock tables in the metastore database "
              + url
              + ": "
              + e.getMessage()
              + "; check javax.jdo.option.ConnectionURL, ConnectionUserName and ConnectionPassword",
          e);
    }
  }

  private static String script() {
    try (InputStream in = TransactionSchema.class.getResourceAsStream(POSTGRES)) {
      if (in == null) {
        throw new IllegalStateException(POSTGRES + " is missing from the server's jar; rebuild it");
      }
      StringBuilder sql = new StringBuilder();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (!line.strip().startsWith("--")) {
          sql.append(line).append('\n');
        }
      }
      return sql.toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
