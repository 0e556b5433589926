package dev.movielake.lakehouse.catalogs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.movielake.infra.rest.RestCatalogServer;
import dev.movielake.lakehouse.IcebergStorageManager;
import dev.movielake.lakehouse.LakehouseCatalog;
import dev.movielake.lakehouse.table.WriteOptions;
import dev.movielake.lakehouse.testing.MovieRows;
import dev.movielake.lakehouse.testing.SharedSpark;
import dev.movielake.model.Layer;
import java.nio.file.Path;
import java.util.Map;
import org.apache.iceberg.rest.RESTCatalog;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An Iceberg REST catalog server (its own JVM) over a JDBC catalog on SQLite, with a local
 * warehouse folder: the server writes table metadata there, Spark writes the data files.
 */
class RestCatalogTest extends CatalogContract {
  private static Path warehouse;
  private static RestCatalogServer server;

  @BeforeAll
  static void startServer() {
    Path home = SharedSpark.home().resolve("rest-catalog");
    warehouse = home.resolve("warehouse");
    server =
        RestCatalogServer.start(
            Map.of(
                "catalog-impl",
                "org.apache.iceberg.jdbc.JdbcCatalog",
                "uri",
                "jdbc:sqlite:" + home.resolve("catalog.db"),
                "jdbc.schema-version",
                "V1",
                "warehouse",
                warehouse.toString()),
            0,
            home.resolve("rest-catalog.log"));
  }

  @AfterAll
  static void stopServer() {
    if (server != null) {
      server.close();
    }
  }

  @Override
  protected Map<String, String> catalogVariables() {
    return Map.of(
        "ICEBERG_CATALOG_TYPE",
        "rest",
        "ICEBERG_CATALOG_NAME",
        "rest_catalog",
        "ICEBERG_REST_CATALOG_URI",
        server.uri(),
        "ICEBERG_WAREHOUSE_PATH",
        warehouse.toString());
  }

  @Test
  void theApiReadsTheSameTablesWithoutSpark() {
    IcebergStorageManager storage = SharedSpark.storage("resttest", catalogVariables());
    storage.writeToLayer(
        Layer.SILVER,
        "movies",
        MovieRows.range(storage.spark(), 1, 5, 2001, 1),
        WriteOptions.append());

    LakehouseCatalog catalog = LakehouseCatalog.open(storage.config());

    assertThat(catalog.iceberg()).isInstanceOf(RESTCatalog.class);
    assertThat(catalog.listTables(Layer.SILVER))
        .extracting(name -> name.table())
        .containsExactly("movies");
    assertThat(catalog.loadTable(catalog.table(Layer.SILVER, "movies")).currentSnapshot().summary())
        .containsEntry("total-records", "5");
    assertThat(catalog.loadTable(catalog.table(Layer.SILVER, "movies")).location())
        .startsWith(warehouse.toString());
  }
}
