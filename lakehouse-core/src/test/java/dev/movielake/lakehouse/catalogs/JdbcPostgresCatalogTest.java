package dev.movielake.lakehouse.catalogs;

import dev.movielake.infra.postgres.PostgresServer;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** Iceberg's JDBC catalog on a real PostgreSQL server, with a user and password. */
class JdbcPostgresCatalogTest extends CatalogContract {
  @TempDir static Path folder;
  private static PostgresServer postgres;

  @BeforeAll
  static void startPostgres() {
    postgres = PostgresServer.start(folder.resolve("postgres"), 0);
    postgres.createDatabase("iceberg_catalog");
  }

  @AfterAll
  static void stopPostgres() {
    if (postgres != null) {
      postgres.close();
    }
  }

  @Override
  protected Map<String, String> catalogVariables() {
    return Map.of(
        "ICEBERG_CATALOG_TYPE", "jdbc",
        "ICEBERG_CATALOG_NAME", "pg_catalog",
        "ICEBERG_JDBC_URI", postgres.jdbcUrl("iceberg_catalog"),
        "ICEBERG_JDBC_USER", postgres.user(),
        "ICEBERG_JDBC_PASSWORD", postgres.password(),
        "ICEBERG_WAREHOUSE_PATH", folder.resolve("warehouse").toString());
  }
}
