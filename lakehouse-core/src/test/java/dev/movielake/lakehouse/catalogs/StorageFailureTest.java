package dev.movielake.lakehouse.catalogs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.movielake.config.LakehouseConfig;
import dev.movielake.infra.s3.S3Server;
import dev.movielake.lakehouse.IcebergStorageManager;
import dev.movielake.lakehouse.LakehouseException;
import dev.movielake.lakehouse.storage.ObjectStorageCheck;
import dev.movielake.lakehouse.table.WriteOptions;
import dev.movielake.lakehouse.table.WriteResult;
import dev.movielake.lakehouse.testing.MovieRows;
import dev.movielake.lakehouse.testing.SharedSpark;
import dev.movielake.model.Layer;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.iceberg.Table;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The object storage dies in the middle of a write (SIGKILL of the S3 server once the write's first
 * data files are on its disk): the write fails with a clear error, the table stays at its last good
 * snapshot, and the same write succeeds once the storage is back. The warehouse is an s3a://
 * location, which Iceberg's S3FileIO serves like s3://.
 */
class StorageFailureTest {
  private static final String CATALOG = "s3_failure_catalog";
  private static final String ACCESS_KEY = "failure-access";
  private static final String SECRET_KEY = "failure-secret";

  @TempDir static Path folder;
  private static S3Server server;
  private static Map<String, String> variables;

  @BeforeAll
  static void startStorage() {
    server =
        S3Server.start(folder.resolve("s3"), 0, ACCESS_KEY, SECRET_KEY, folder.resolve("s3.log"));
    Map<String, String> values = new HashMap<>();
    values.put("ICEBERG_CATALOG_TYPE", "jdbc");
    values.put("ICEBERG_CATALOG_NAME", CATALOG);
    values.put("ICEBERG_JDBC_URI", "jdbc:sqlite:" + folder.resolve("failure-catalog.db"));
    values.put("ICEBERG_WAREHOUSE_PATH", "s3a://failure-warehouse/warehouse");
    values.put("ICEBERG_S3_ENDPOINT", server.endpoint());
    values.put("ICEBERG_S3_ACCESS_KEY", ACCESS_KEY);
    values.put("ICEBERG_S3_SECRET_KEY", SECRET_KEY);
    variables = Map.copyOf(values);
    ObjectStorageCheck.run(LakehouseConfig.from(variables));
    // Test only: S3FileIO retries 5 times over up to 20 s waits by default, which would stretch
    // the outage's failure over minutes. Set before the catalog's first use, which reads them.
    SparkSession spark = SharedSpark.session();
    String prefix = "spark.sql.catalog." + CATALOG + ".";
    spark.conf().set(prefix + "s3.retry.num-retries", "1");
    spark.conf().set(prefix + "s3.retry.min-wait-ms", "100");
    spark.conf().set(prefix + "s3.retry.max-wait-ms", "200");
    spark.conf().set(prefix + "http-client.apache.connection-timeout-ms", "2000");
  }

  @AfterAll
  static void stopStorage() {
    if (server != null) {
      server.close();
    }
  }

  /** The server's folder that holds the objects under an s3a://bucket/key prefix. */
  private static Path onDisk(String location) {
    URI uri = URI.create(location);
    return server.objectFile(uri.getHost(), uri.getPath().substring(1));
  }

  private static Set<Path> dataFiles(Path folder) throws IOException {
    if (!Files.exists(folder)) {
      return Set.of();
    }
    try (Stream<Path> files = Files.walk(folder)) {
      return files
          .filter(file -> file.getFileName().toString().endsWith(".parquet"))
          .collect(Collectors.toSet());
    }
  }

  @Test
  void aWriteCutOffByAStorageOutageLeavesTheLastGoodSnapshotAndSucceedsWhenRetried()
      throws Exception {
    SparkSession spark = SharedSpark.session();
    IcebergStorageManager storage = SharedSpark.storage("storagefailure", variables);
    WriteOptions byYear = WriteOptions.append().partitionedBy("years(release_date)");
    storage.writeToLayer(Layer.SILVER, "movies", MovieRows.range(spark, 1, 100, 2000, 10), byYear);
    Table good = storage.loadTable(Layer.SILVER, "movies");
    long goodSnapshot = good.currentSnapshot().snapshotId();
    assertThat(good.location()).startsWith("s3a://failure-warehouse/warehouse/");
    Path data = onDisk(good.location() + "/data");
    Set<Path> goodFiles = dataFiles(data);
    assertThat(goodFiles).isNotEmpty();

    // One file per year and task: about 60 uploads, one after another, so the kill lands mid-write.
    Dataset<Row> large =
        spark
            .range(1_000, 121_000)
            .selectExpr(
                "id AS movie_id",
                "concat('Movie ', id) AS title",
                "make_date(1900 + CAST(id % 60 AS INT), 3, 1) AS release_date",
                "(id % 100) / 10.0D AS vote_average",
                "id * 1000 AS revenue",
                "1L AS updated_at");
    assertThat(large.schema().simpleString()).isEqualTo(MovieRows.SCHEMA.simpleString());
    CompletableFuture<WriteResult> write =
        CompletableFuture.supplyAsync(
            () -> storage.writeToLayer(Layer.SILVER, "movies", large, byYear));
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    while (dataFiles(data).size() == goodFiles.size()) {
      if (write.isDone() || System.nanoTime() > deadline) {
        fail(
            "the write "
                + (write.isDone() ? "finished" : "wrote nothing in 120 s")
                + " before the outage");
      }
      Thread.sleep(20);
    }
    server.stop();

    Throwable failure = null;
    try {
      write.get(120, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      failure = e.getCause();
    }
    assertThat(failure).as("the write during the outage").isInstanceOf(LakehouseException.class);
    assertThat(failure.getMessage())
        .startsWith("append into storagefailure_")
        .contains("failed; the table stays at its last committed snapshot: ")
        .containsIgnoringCase("127.0.0.1:" + server.port())
        .doesNotContain(ACCESS_KEY)
        .doesNotContain(SECRET_KEY);

    server.restart();
    Table afterOutage = storage.loadTable(Layer.SILVER, "movies");
    assertThat(afterOutage.currentSnapshot().snapshotId()).isEqualTo(goodSnapshot);
    assertThat(storage.readFromLayer(Layer.SILVER, "movies").count()).isEqualTo(100);

    WriteResult retried = storage.writeToLayer(Layer.SILVER, "movies", large, byYear);
    assertThat(retried.snapshotId()).isPresent().get().isNotEqualTo(goodSnapshot);
    assertThat(storage.readFromLayer(Layer.SILVER, "movies").count()).isEqualTo(120_100);
    assertThat(storage.loadTable(Layer.SILVER, "movies").currentSnapshot().parentId())
        .isEqualTo(goodSnapshot);
  }
}
