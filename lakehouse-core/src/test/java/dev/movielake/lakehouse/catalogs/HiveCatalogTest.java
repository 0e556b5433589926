package dev.movielake.lakehouse.catalogs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.movielake.infra.hive.HiveMetastoreServer;
import dev.movielake.infra.postgres.PostgresServer;
import dev.movielake.infra.rest.RestCatalogServer;
import dev.movielake.lakehouse.IcebergStorageManager;
import dev.movielake.lakehouse.LakehouseCatalog;
import dev.movielake.lakehouse.table.WriteOptions;
import dev.movielake.lakehouse.testing.MovieRows;
import dev.movielake.lakehouse.testing.SharedSpark;
import dev.movielake.model.Layer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.exceptions.ForbiddenException;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.rest.RESTCatalog;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed's production catalog: a Hive Metastore 2.3 (own JVM) on PostgreSQL, with commits under
 * Hive's table locks; the warehouse is a local folder.
 */
class HiveCatalogTest extends CatalogContract {
  @TempDir static Path folder;
  private static PostgresServer postgres;
  private static HiveMetastoreServer metastore;

  @BeforeAll
  static void startServers() {
    postgres = PostgresServer.start(folder.resolve("postgres"), 0);
    postgres.createDatabase("metastore");
    metastore =
        HiveMetastoreServer.start(
            new HiveMetastoreServer.Settings(
                postgres.jdbcUrl("metastore"),
                postgres.user(),
                postgres.password(),
                warehouse().toUri().toString(),
                0,
                Map.of()),
            folder.resolve("logs/hive-metastore.log"));
  }

  @AfterAll
  static void stopServers() {
    if (metastore != null) {
      metastore.close();
    }
    if (postgres != null) {
      postgres.close();
    }
  }

  /**
   * Iceberg's default MetastoreLock, not the lock-free path: each commit takes and releases a Hive
   * lock (in the transaction tables the metastore creates).
   */
  @Test
  void commitsTakeAndReleaseHiveTableLocks() throws SQLException {
    long before = metastoreNumber("SELECT nl_next FROM next_lock_id");
    IcebergStorageManager storage = SharedSpark.storage("hive_locks", catalogVariables());
    storage.writeToLayer(
        Layer.BRONZE,
        "locked",
        MovieRows.range(storage.spark(), 1, 10, 2000, 1),
        WriteOptions.append());
    storage.writeToLayer(
        Layer.BRONZE,
        "locked",
        MovieRows.range(storage.spark(), 11, 10, 2001, 1),
        WriteOptions.append());

    assertThat(metastoreNumber("SELECT nl_next FROM next_lock_id"))
        .isGreaterThanOrEqualTo(before + 2);
    assertThat(metastoreNumber("SELECT count(*) FROM hive_locks")).isZero();
    assertThat(storage.readFromLayer(Layer.BRONZE, "locked").count()).isEqualTo(20);
    // The API reads the same metastore without Spark.
    Table table =
        LakehouseCatalog.open(storage.config()).loadTable(storage.table(Layer.BRONZE, "locked"));
    assertThat(table.currentSnapshot().snapshotId())
        .isEqualTo(storage.loadTable(Layer.BRONZE, "locked").currentSnapshot().snapshotId());
  }

  /**
   * What {@code pipeline catalog serve} does on a Hive catalog: the project's REST catalog server
   * over the same metastore, read-only, and Iceberg's REST client reads the rows without Spark.
   */
  @Test
  void otherEnginesReadTheTablesThroughTheRestCatalogServer() throws Exception {
    IcebergStorageManager storage = SharedSpark.storage("hive_served", catalogVariables());
    storage.writeToLayer(
        Layer.SILVER,
        "movies_clean",
        MovieRows.range(storage.spark(), 1, 6, 2010, 2),
        WriteOptions.append());
    Map<String, String> backend =
        new HashMap<>(LakehouseCatalog.nativeSettings(storage.config()).properties());
    backend.put(RestCatalogServer.CATALOG_NAME, storage.config().catalog().name());
    String silver = storage.config().database(Layer.SILVER);
    try (RestCatalogServer server =
            RestCatalogServer.start(
                backend,
                "127.0.0.1",
                0,
                new RestCatalogServer.Access(true, Set.of()),
                folder.resolve("logs/rest-catalog.log"));
        RESTCatalog client = new RESTCatalog()) {
      client.setConf(new Configuration());
      client.initialize("served", Map.of("uri", server.uri()));
      Table table = client.loadTable(TableIdentifier.of(silver, "movies_clean"));
      List<Object> ids = new ArrayList<>();
      try (CloseableIterable<Record> rows = IcebergGenerics.read(table).build()) {
        rows.forEach(row -> ids.add(row.getField("movie_id")));
      }
      assertThat(ids).containsExactlyInAnyOrder(1L, 2L, 3L, 4L, 5L, 6L);
      assertThatThrownBy(() -> client.dropTable(TableIdentifier.of(silver, "movies_clean")))
          .isInstanceOf(ForbiddenException.class);
    }
  }

  private static long metastoreNumber(String query) throws SQLException {
    try (Connection connection =
            DriverManager.getConnection(
                postgres.jdbcUrl("metastore"), postgres.user(), postgres.password());
        Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery(query)) {
      result.next();
      return result.getLong(1);
    }
  }

  private static Path warehouse() {
    return folder.resolve("warehouse");
  }

  @Override
  protected Map<String, String> catalogVariables() {
    return Map.of(
        "ICEBERG_CATALOG_TYPE",
        "hive",
        "ICEBERG_CATALOG_NAME",
        "hive_catalog",
        "HIVE_METASTORE_URI",
        metastore.thriftUri(),
        "ICEBERG_WAREHOUSE_PATH",
        warehouse().toString());
  }
}
