package dev.movielake.lakehouse;

import dev.movielake.config.CatalogConfig;
import dev.movielake.config.LakehouseConfig;
import dev.movielake.config.S3Config;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The Spark configuration that registers the configured Iceberg catalog. Kept apart from the
 * session so each catalog and storage combination can be checked without starting Spark.
 */
public final class SparkCatalogProperties {
  private SparkCatalogProperties() {}

  public static Map<String, String> of(LakehouseConfig config) {
    CatalogConfig catalog = config.catalog();
    String prefix = "spark.sql.catalog." + catalog.name();
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put(
        "spark.sql.extensions",
        "org.apache.iceberg.spark.extensions.IcebergSparkSessionExtensions");
    properties.put(prefix, "org.apache.iceberg.spark.SparkCatalog");
    properties.put("spark.sql.defaultCatalog", catalog.name());
    // Other processes (the streaming job, the scheduler) commit to the same tables: a cached table
    // would serve stale snapshots, so every query loads the current metadata.
    properties.put(prefix + ".cache-enabled", "false");
    properties.put(prefix + ".warehouse", config.warehousePath());
    switch (catalog.type()) {
      case JDBC -> {
        properties.put(prefix + ".catalog-impl", "org.apache.iceberg.jdbc.JdbcCatalog");
        properties.put(prefix + ".uri", catalog.uri());
        properties.put(prefix + ".jdbc.schema-version", "V1");
        catalog.jdbcUser().ifPresent(user -> properties.put(prefix + ".jdbc.user", user));
        catalog
            .jdbcPassword()
            .ifPresent(password -> properties.put(prefix + ".jdbc.password", password));
      }
      case HIVE -> {
        properties.put(prefix + ".type", "hive");
        properties.put(prefix + ".uri", catalog.uri());
      }
      case REST -> {
        properties.put(prefix + ".type", "rest");
        properties.put(prefix + ".uri", catalog.uri());
      }
      case HADOOP -> properties.put(prefix + ".type", "hadoop");
    }
    if (config.warehouseOnS3()) {
      S3Config s3 = config.s3();
      properties.put(prefix + ".io-impl", "org.apache.iceberg.aws.s3.S3FileIO");
      properties.put(prefix + ".s3.path-style-access", Boolean.toString(s3.pathStyleAccess()));
      properties.put(prefix + ".client.region", s3.region());
      s3.endpoint().ifPresent(endpoint -> properties.put(prefix + ".s3.endpoint", endpoint));
      s3.accessKey().ifPresent(key -> properties.put(prefix + ".s3.access-key-id", key));
      s3.secretKey().ifPresent(key -> properties.put(prefix + ".s3.secret-access-key", key));
    }
    // Spark's own s3a:// paths (Parquet migration sources, streaming checkpoints) use the same
    // storage as the warehouse, through Hadoop's S3A file system (hadoop-aws, in lakehouse-core);
    // Iceberg's tables do not use it.
    s3a(config).forEach((key, value) -> properties.put("spark.hadoop." + key, value));
    return properties;
  }

  /**
   * Hadoop's {@code fs.s3a.*} settings from the S3 storage configuration: the warehouse's endpoint,
   * keys, path-style access and region. Empty when no S3 storage is configured.
   */
  public static Map<String, String> s3a(LakehouseConfig config) {
    Map<String, String> properties = new LinkedHashMap<>();
    if (!config.s3Configured()) {
      return properties;
    }
    S3Config s3 = config.s3();
    String hadoop = "fs.s3a.";
    properties.put(hadoop + "path.style.access", Boolean.toString(s3.pathStyleAccess()));
    properties.put(hadoop + "endpoint.region", s3.region());
    s3.endpoint()
        .ifPresent(
            endpoint -> {
              properties.put(hadoop + "endpoint", endpoint);
              properties.put(
                  hadoop + "connection.ssl.enabled",
                  Boolean.toString(endpoint.toLowerCase(Locale.ROOT).startsWith("https://")));
            });
    if (s3.accessKey().isPresent() && s3.secretKey().isPresent()) {
      // Only the given keys: the default chain would try instance metadata and environment first.
      properties.put(
          hadoop + "aws.credentials.provider",
          "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider");
      properties.put(hadoop + "access.key", s3.accessKey().get());
      properties.put(hadoop + "secret.key", s3.secretKey().get());
    }
    return properties;
  }
}
