package dev.movielake.lakehouse.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.movielake.config.LakehouseConfig;
import dev.movielake.infra.FreePort;
import dev.movielake.infra.s3.S3Server;
import dev.movielake.lakehouse.LakehouseCatalog;
import dev.movielake.lakehouse.LakehouseException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bucket check against a real S3 server: what a wrong key, a wrong port and a new bucket do.
 */
class ObjectStorageCheckTest {
  private static final String ACCESS_KEY = "check-access-key";
  private static final String SECRET_KEY = "check-secret-key-1234";

  @TempDir static Path folder;
  private static S3Server server;

  @BeforeAll
  static void startServer() {
    server =
        S3Server.start(
            folder.resolve("s3"), 0, ACCESS_KEY, SECRET_KEY, folder.resolve("logs/s3.log"));
  }

  @AfterAll
  static void stopServer() {
    if (server != null) {
      server.close();
    }
  }

  private static LakehouseConfig config(String warehouse, String endpoint, String secretKey) {
    Map<String, String> variables = new HashMap<>();
    variables.put("LAKEHOUSE_HOME", folder.resolve("home").toString());
    variables.put("ICEBERG_JDBC_URI", "jdbc:sqlite:" + folder.resolve("home/catalog.db"));
    variables.put("ICEBERG_WAREHOUSE_PATH", warehouse);
    variables.put("ICEBERG_S3_ENDPOINT", endpoint);
    variables.put("ICEBERG_S3_ACCESS_KEY", ACCESS_KEY);
    variables.put("ICEBERG_S3_SECRET_KEY", secretKey);
    return LakehouseConfig.from(variables);
  }

  private static String printed(Throwable error) {
    StringWriter text = new StringWriter();
    error.printStackTrace(new PrintWriter(text));
    return text.toString();
  }

  @Test
  void aMissingBucketIsCreatedOnceForS3AndS3aWarehouses() {
    assertThat(server.dataDirectory().resolve("new-bucket")).doesNotExist();

    assertThat(
            ObjectStorageCheck.run(
                config("s3://new-bucket/warehouse", server.endpoint(), SECRET_KEY)))
        .isEqualTo(ObjectStorageCheck.Outcome.BUCKET_CREATED);
    assertThat(server.dataDirectory().resolve("new-bucket")).isDirectory();
    assertThat(
            ObjectStorageCheck.run(
                config("s3a://new-bucket/warehouse", server.endpoint(), SECRET_KEY)))
        .isEqualTo(ObjectStorageCheck.Outcome.BUCKET_EXISTS);
    assertThat(ObjectStorageCheck.run(config("s3a://other-bucket", server.endpoint(), SECRET_KEY)))
        .isEqualTo(ObjectStorageCheck.Outcome.BUCKET_CREATED);
  }

  @Test
  void verifyingReportsAMissingBucketWithoutCreatingIt() {
    assertThat(
            ObjectStorageCheck.verify(
                config("s3://unmade-bucket/warehouse", server.endpoint(), SECRET_KEY)))
        .isEqualTo(ObjectStorageCheck.Outcome.BUCKET_MISSING);
    assertThat(server.dataDirectory().resolve("unmade-bucket")).doesNotExist();

    ObjectStorageCheck.run(config("s3://unmade-bucket/warehouse", server.endpoint(), SECRET_KEY));
    assertThat(
            ObjectStorageCheck.verify(config("s3a://unmade-bucket", server.endpoint(), SECRET_KEY)))
        .isEqualTo(ObjectStorageCheck.Outcome.BUCKET_EXISTS);
    assertThatThrownBy(
            () ->
                ObjectStorageCheck.verify(
                    config("s3://unmade-bucket", server.endpoint(), "not-the-secret-key")))
        .isInstanceOf(LakehouseException.class)
        .hasMessageStartingWith("S3 rejected the credentials for bucket unmade-bucket");
  }

  @Test
  void aWrongSecretKeyNamesTheKeyVariablesAndPrintsNoKey() {
    LakehouseConfig wrong =
        config("s3://keys-bucket/warehouse", server.endpoint(), "not-the-secret-key");

    assertThatThrownBy(() -> ObjectStorageCheck.run(wrong))
        .isInstanceOf(LakehouseException.class)
        .hasMessageStartingWith(
            "S3 rejected the credentials for bucket keys-bucket at " + server.endpoint())
        .hasMessageContaining("check ICEBERG_S3_ACCESS_KEY and ICEBERG_S3_SECRET_KEY")
        .satisfies(
            error ->
                assertThat(printed(error))
                    .doesNotContain(ACCESS_KEY)
                    .doesNotContain(SECRET_KEY)
                    .doesNotContain("not-the-secret-key"));
    assertThat(server.dataDirectory().resolve("keys-bucket")).doesNotExist();
  }

  @Test
  void aPortWithoutServerFailsFastNamingTheEndpointVariable() {
    String nobody = "http://127.0.0.1:" + FreePort.find();
    long started = System.nanoTime();

    assertThatThrownBy(
            () -> ObjectStorageCheck.run(config("s3://any-bucket/warehouse", nobody, SECRET_KEY)))
        .isInstanceOf(LakehouseException.class)
        .hasMessage(
            "cannot reach the S3 endpoint "
                + nobody
                + " (connection refused) for bucket any-bucket: "
                + "is MinIO/the S3 server running? check ICEBERG_S3_ENDPOINT")
        .satisfies(
            error ->
                assertThat(printed(error)).doesNotContain(ACCESS_KEY).doesNotContain(SECRET_KEY));
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void theMetadataOnlyCatalogChecksTheStorageFirst() {
    LakehouseConfig wrong =
        config("s3://api-bucket/warehouse", server.endpoint(), "not-the-secret-key");

    assertThatThrownBy(() -> LakehouseCatalog.open(wrong))
        .isInstanceOf(LakehouseException.class)
        .hasMessageContaining("S3 rejected the credentials for bucket api-bucket");
  }
}
