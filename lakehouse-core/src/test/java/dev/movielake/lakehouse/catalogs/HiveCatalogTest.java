package dev.movielake.lakehouse.catalogs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.movielake.infra.hive.HiveMetastoreServer;
import dev.movielake.infra.postgres.PostgresServer;
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
import java.util.Map;
import org.apache.iceberg.Table;
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
