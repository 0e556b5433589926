package dev.movielake.lakehouse;

import dev.movielake.config.LakehouseConfig;
import dev.movielake.lakehouse.storage.ObjectStorageCheck;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * Builds the Spark session with the configured Iceberg catalog. Runs on {@code local[*]} unless
 * SPARK_MASTER or {@code spark-submit} chose a cluster, so the same jobs run in both places.
 */
public final class LakehouseSession {
  private LakehouseSession() {}

  public static SparkSession create(LakehouseConfig config) {
    prepareLocalFolders(config);
    if (config.warehouseOnS3()) {
      // A wrong endpoint or key fails here in seconds, not in a Spark task under retries.
      ObjectStorageCheck.run(config);
    }
    SparkConf submitted = new SparkConf(); // picks up spark.* set by spark-submit or -D
    SparkSession.Builder builder = SparkSession.builder().appName(config.spark().appName());
    String master = config.spark().master().orElse(submitted.get("spark.master", "local[*]"));
    builder.master(master);
    if (master.startsWith("local")) {
      // Nothing of a local run listens beyond the loopback interface.
      builder
          .config("spark.driver.host", "127.0.0.1")
          .config("spark.driver.bindAddress", "127.0.0.1");
    }
    builder
        .config(
            "spark.sql.shuffle.partitions", Integer.toString(config.spark().shufflePartitions()))
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.ui.enabled", submitted.get("spark.ui.enabled", "false"))
        .config("spark.ui.showConsoleProgress", "false")
        // Streams, maintenance and everything else in pools of their own (fairscheduler.xml, see
        // SchedulerPool), so a compaction does not hold a micro-batch or a query behind its tasks.
        .config("spark.scheduler.mode", submitted.get("spark.scheduler.mode", "FAIR"))
        // Wide movie rows would otherwise log a truncation warning for every plan.
        .config("spark.sql.debug.maxToStringFields", "500")
        // Spark's own session catalog (used for the temporary table of a Parquet snapshot) keeps
        // its
        // folder under the lakehouse, not in the working directory.
        .config(
            "spark.sql.warehouse.dir",
            submitted.get(
                "spark.sql.warehouse.dir",
                config.home().resolve("spark-warehouse").toUri().toString()));
    for (Map.Entry<String, String> property : SparkCatalogProperties.of(config).entrySet()) {
      builder.config(property.getKey(), property.getValue());
    }
    return builder.getOrCreate();
  }

  /**
   * Adds this configuration's catalog to a running session, unless it is there already: Spark loads
   * catalogs by name on first use, so one session reads and writes several lakehouses (a
   * benchmark's beside the user's, a test's Hive Metastore beside the shared catalog).
   */
  public static void registerCatalog(SparkSession session, LakehouseConfig config) {
    // S3 settings (an S3 server's endpoint and keys) reach Spark's own s3a:// paths (checkpoints,
    // Parquet sources), as a session created with this configuration would have them from start.
    SparkCatalogProperties.s3a(config)
        .forEach((key, value) -> session.sparkContext().hadoopConfiguration().set(key, value));
    String prefix = "spark.sql.catalog." + config.catalog().name();
    if (session.conf().contains(prefix)) {
      return;
    }
    SparkCatalogProperties.of(config)
        .forEach(
            (key, value) -> {
              if (key.equals(prefix) || key.startsWith(prefix + ".")) {
                session.conf().set(key, value);
              }
            });
  }

  private static void prepareLocalFolders(LakehouseConfig config) {
    try {
      Files.createDirectories(config.home());
      if (config.catalog().embeddedSqlite()) {
        Path database = Path.of(config.catalog().uri().substring("jdbc:sqlite:".length()));
        if (database.getParent() != null) {
          Files.createDirectories(database.toAbsolutePath().getParent());
        }
      }
      if (!config.warehouseOnS3() && !config.warehousePath().contains("://")) {
        Files.createDirectories(Path.of(config.warehousePath()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot create the lakehouse folders under " + config.home(), e);
    }
  }
}
