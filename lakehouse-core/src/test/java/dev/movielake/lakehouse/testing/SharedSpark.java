package dev.movielake.lakehouse.testing;

import dev.movielake.config.LakehouseConfig;
import dev.movielake.lakehouse.IcebergStorageManager;
import dev.movielake.lakehouse.LakehouseSession;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.sql.SparkSession;

/**
 * One real Spark session with a real Iceberg JDBC (SQLite) catalog per test JVM: starting Spark
 * costs seconds, so every test class shares it and isolates itself with databases of its own.
 */
public final class SharedSpark {
  private static final AtomicInteger COUNTER = new AtomicInteger();
  private static Path home;
  private static SparkSession spark;

  private SharedSpark() {}

  public static synchronized SparkSession session() {
    if (spark == null) {
      try {
        home = Files.createTempDirectory("movielake-test-");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      spark = LakehouseSession.create(LakehouseConfig.from(variables("shared", Map.of())));
      Runtime.getRuntime().addShutdownHook(new Thread(spark::stop));
    }
    return spark;
  }

  public static Path home() {
    session();
    return home;
  }

  /**
   * A storage manager whose bronze, silver and gold databases belong to the caller alone.
   *
   * @param overrides further variables, e.g. feature flags, or an S3 server's {@code ICEBERG_S3_*}
   *     settings for Spark's own s3a:// paths
   */
  public static IcebergStorageManager storage(String prefix, Map<String, String> overrides) {
    SparkSession session = session();
    String unique = prefix + "_" + COUNTER.incrementAndGet();
    LakehouseConfig config = LakehouseConfig.from(variables(unique, overrides));
    LakehouseSession.registerCatalog(session, config);
    return new IcebergStorageManager(session, config);
  }

  public static IcebergStorageManager storage(String prefix) {
    return storage(prefix, Map.of());
  }

  private static Map<String, String> variables(String prefix, Map<String, String> overrides) {
    Map<String, String> variables = new HashMap<>();
    variables.put("LAKEHOUSE_HOME", home.toString());
    variables.put("SPARK_MASTER", "local[2]");
    variables.put("SPARK_SHUFFLE_PARTITIONS", "4");
    variables.put("ICEBERG_BRONZE_DATABASE", prefix + "_bronze");
    variables.put("ICEBERG_SILVER_DATABASE", prefix + "_silver");
    variables.put("ICEBERG_GOLD_DATABASE", prefix + "_gold");
    // Tests write and compact within seconds: no partition is left to a stream unless a test says
    // so.
    variables.put("ICEBERG_COMPACTION_HOT_PARTITION_MINUTES", "0");
    variables.putAll(overrides);
    return variables;
  }
}
