package dev.movielake.lakehouse.catalogs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.movielake.config.LakehouseConfig;
import dev.movielake.infra.s3.S3Server;
import dev.movielake.lakehouse.storage.ObjectStorageCheck;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * The warehouse on a real S3 server (s3proxy in MinIO's place), through Iceberg's S3FileIO, with
 * the JDBC catalog on SQLite. The bucket does not exist beforehand: the storage check creates it.
 */
class S3StorageTest extends CatalogContract {
  private static final String BUCKET = "contract-warehouse";

  @TempDir static Path folder;
  private static S3Server server;
  private static Map<String, String> variables;

  @BeforeAll
  static void startStorage() {
    server =
        S3Server.start(
            folder.resolve("s3"),
            0,
            "contract-access",
            "contract-secret",
            folder.resolve("s3.log"));
    Map<String, String> values = new HashMap<>();
    values.put("ICEBERG_CATALOG_TYPE", "jdbc");
    values.put("ICEBERG_CATALOG_NAME", "s3_catalog");
    values.put("ICEBERG_JDBC_URI", "jdbc:sqlite:" + folder.resolve("s3-catalog.db"));
    values.put("ICEBERG_WAREHOUSE_PATH", "s3://" + BUCKET + "/warehouse");
    values.put("ICEBERG_S3_ENDPOINT", server.endpoint());
    values.put("ICEBERG_S3_ACCESS_KEY", "contract-access");
    values.put("ICEBERG_S3_SECRET_KEY", "contract-secret");
    values.put("ICEBERG_S3_PATH_STYLE_ACCESS", "true");
    variables = Map.copyOf(values);
    assertThat(server.dataDirectory().resolve(BUCKET)).doesNotExist();
    assertThat(ObjectStorageCheck.run(LakehouseConfig.from(variables)))
        .isEqualTo(ObjectStorageCheck.Outcome.BUCKET_CREATED);
  }

  @AfterAll
  static void stopStorage() {
    if (server != null) {
      server.close();
    }
  }

  @Override
  protected Map<String, String> catalogVariables() {
    return variables;
  }

  /** s3://bucket/key is the file key under the bucket's folder of the server. */
  @Override
  protected Path localFile(String location) {
    URI uri = URI.create(location);
    assertThat(uri.getScheme()).isEqualTo("s3");
    return server.objectFile(uri.getHost(), uri.getPath().substring(1));
  }
}
