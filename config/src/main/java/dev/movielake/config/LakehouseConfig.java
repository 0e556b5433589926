package dev.movielake.config;

import dev.movielake.model.Layer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Everything the lakehouse needs to know, read from environment variables (names as in the seed's
 * "Environment Variables" section). Unset variables mean the embedded default: a JDBC catalog on a
 * SQLite file and a warehouse folder, both under {@code ./lakehouse/}.
 */
public record LakehouseConfig(
    Path home,
    CatalogConfig catalog,
    String warehousePath,
    S3Config s3,
    TableFormatConfig tableFormat,
    Map<Layer, String> databases,
    FeatureFlags features,
    MaintenancePolicy maintenance,
    SparkConfig spark) {

  public static final String HOME = "LAKEHOUSE_HOME";
  public static final String CATALOG_TYPE = "ICEBERG_CATALOG_TYPE";
  public static final String CATALOG_NAME = "ICEBERG_CATALOG_NAME";
  public static final String WAREHOUSE_PATH = "ICEBERG_WAREHOUSE_PATH";
  public static final String HIVE_METASTORE_URI = "HIVE_METASTORE_URI";
  public static final String REST_CATALOG_URI = "ICEBERG_REST_CATALOG_URI";
  public static final String JDBC_URI = "ICEBERG_JDBC_URI";
  public static final String JDBC_USER = "ICEBERG_JDBC_USER";
  public static final String JDBC_PASSWORD = "ICEBERG_JDBC_PASSWORD";
  public static final String S3_ENDPOINT = "ICEBERG_S3_ENDPOINT";
  public static final String S3_ACCESS_KEY = "ICEBERG_S3_ACCESS_KEY";
  public static final String S3_SECRET_KEY = "ICEBERG_S3_SECRET_KEY";
  public static final String S3_PATH_STYLE_ACCESS = "ICEBERG_S3_PATH_STYLE_ACCESS";
  public static final String S3_REGION = "ICEBERG_S3_REGION";
  public static final String FILE_FORMAT = "ICEBERG_DEFAULT_FILE_FORMAT";
  public static final String COMPRESSION_CODEC = "ICEBERG_COMPRESSION_CODEC";
  public static final String TARGET_FILE_SIZE_BYTES = "ICEBERG_TARGET_FILE_SIZE_BYTES";
  public static final String DELETE_MODE = "ICEBERG_DELETE_MODE";
  public static final String METADATA_DELETE_AFTER_COMMIT =
      "ICEBERG_METADATA_DELETE_AFTER_COMMIT_ENABLED";
  public static final String METADATA_PREVIOUS_VERSIONS_MAX =
      "ICEBERG_METADATA_PREVIOUS_VERSIONS_MAX";
  public static final String COMMIT_RETRIES = "ICEBERG_COMMIT_RETRIES";
  public static final String WRITE_CONFLICT_RETRIES = "ICEBERG_WRITE_CONFLICT_RETRIES";
  public static final String SNAPSHOT_RETENTION_DAYS = "ICEBERG_SNAPSHOT_RETENTION_DAYS";
  public static final String ORPHAN_FILE_AGE_DAYS = "ICEBERG_ORPHAN_FILE_AGE_DAYS";
  public static final String SMALL_FILE_RATIO = "ICEBERG_SMALL_FILE_RATIO";
  public static final String HOT_PARTITION_MINUTES = "ICEBERG_COMPACTION_HOT_PARTITION_MINUTES";
  public static final String SPARK_MASTER = "SPARK_MASTER";
  public static final String SPARK_SHUFFLE_PARTITIONS = "SPARK_SHUFFLE_PARTITIONS";

  public static String databaseVariable(Layer layer) {
    return "ICEBERG_" + layer.name() + "_DATABASE";
  }

  public static String retentionVariable(Layer layer) {
    return "ICEBERG_" + layer.name() + "_RETENTION_DAYS";
  }

  private static final Map<String, Set<String>> CODECS =
      Map.of(
          "parquet", Set.of("snappy", "gzip", "zstd", "lz4", "brotli", "uncompressed"),
          "orc", Set.of("snappy", "zlib", "zstd", "lz4", "none"),
          "avro", Set.of("snappy", "gzip", "zstd", "uncompressed"));

  public LakehouseConfig {
    databases = Map.copyOf(databases);
  }

  /** Reads the process environment over an optional {@code .env} file. */
  public static LakehouseConfig fromEnvironment() {
    return from(EnvironmentSource.load());
  }

  /** Reads and validates a configuration; throws {@link ConfigException} on the first bad value. */
  public static LakehouseConfig from(Map<String, String> variables) {
    return from(new VariableReader(variables));
  }

  static LakehouseConfig from(VariableReader reader) {
    Path home = Path.of(reader.string(HOME, "lakehouse")).toAbsolutePath().normalize();

    CatalogType type = CatalogType.parse(CATALOG_TYPE, reader.string(CATALOG_TYPE, "jdbc"));
    String catalogName = reader.identifier(CATALOG_NAME, "movie_catalog");
    String warehouse = warehouse(reader, home, type);
    String uri =
        switch (type) {
          case HIVE ->
              uri(reader, HIVE_METASTORE_URI, "thrift://hive-metastore:9083", Set.of("thrift"));
          case REST ->
              uri(reader, REST_CATALOG_URI, "http://iceberg-rest:8181", Set.of("http", "https"));
          case JDBC -> jdbcUri(reader, home);
          case HADOOP -> warehouse;
        };
    CatalogConfig catalog =
        new CatalogConfig(
            type, catalogName, uri, reader.optional(JDBC_USER), reader.optional(JDBC_PASSWORD));

    S3Config s3 =
        new S3Config(
            reader.optional(S3_ENDPOINT).map(endpoint -> endpoint(endpoint)),
            reader.optional(S3_ACCESS_KEY),
            reader.optional(S3_SECRET_KEY),
            reader.bool(S3_PATH_STYLE_ACCESS, true),
            reader.string(S3_REGION, "us-east-1"));
    if (s3.accessKey().isPresent() != s3.secretKey().isPresent()) {
      throw new ConfigException(
          s3.accessKey().isPresent() ? S3_SECRET_KEY : S3_ACCESS_KEY,
          "set both "
              + S3_ACCESS_KEY
              + " and "
              + S3_SECRET_KEY
              + ", or neither (AWS default credentials)");
    }

    String format = reader.choice(FILE_FORMAT, "parquet", CODECS.keySet());
    TableFormatConfig tableFormat =
        new TableFormatConfig(
            format,
            reader.choice(COMPRESSION_CODEC, "snappy", CODECS.get(format)),
            reader.positiveLong(TARGET_FILE_SIZE_BYTES, 134_217_728L),
            reader.choice(DELETE_MODE, "merge-on-read", Set.of("merge-on-read", "copy-on-write")),
            reader.bool(METADATA_DELETE_AFTER_COMMIT, true),
            reader.positiveInt(METADATA_PREVIOUS_VERSIONS_MAX, 100),
            reader.positiveInt(COMMIT_RETRIES, 10),
            reader.nonNegativeInt(WRITE_CONFLICT_RETRIES, 8));

    Map<Layer, String> databases = new EnumMap<>(Layer.class);
    for (Layer layer : Layer.values()) {
      databases.put(layer, reader.identifier(databaseVariable(layer), layer.id()));
    }
    if (databases.values().stream().distinct().count() != databases.size()) {
      throw new ConfigException(
          databaseVariable(Layer.BRONZE),
          "bronze, silver and gold need three different databases, got " + databases);
    }

    int defaultRetention = reader.positiveInt(SNAPSHOT_RETENTION_DAYS, 7);
    Map<Layer, Integer> retention = new EnumMap<>(Layer.class);
    retention.put(Layer.BRONZE, reader.positiveInt(retentionVariable(Layer.BRONZE), 3));
    retention.put(
        Layer.SILVER, reader.positiveInt(retentionVariable(Layer.SILVER), defaultRetention));
    retention.put(Layer.GOLD, reader.positiveInt(retentionVariable(Layer.GOLD), 30));
    Map<Layer, MaintenanceTriggers> triggers = new EnumMap<>(Layer.class);
    for (Layer layer : Layer.values()) {
      triggers.put(layer, MaintenanceTriggers.read(reader, layer));
    }
    MaintenancePolicy maintenance =
        new MaintenancePolicy(
            retention,
            reader.positiveInt(ORPHAN_FILE_AGE_DAYS, 3),
            Duration.ofHours(reader.positiveInt(MaintenancePolicy.ORPHAN_GRACE_HOURS, 48)),
            reader.fraction(SMALL_FILE_RATIO, 0.75),
            "0".equals(reader.string(HOT_PARTITION_MINUTES, "60"))
                ? 0
                : reader.positiveInt(HOT_PARTITION_MINUTES, 60),
            reader.positiveLong(MaintenancePolicy.MAX_METADATA_MB, 16) * 1024 * 1024,
            triggers,
            AutoMaintenanceConfig.read(reader));

    FeatureFlags features =
        new FeatureFlags(
            reader.bool(FeatureFlags.TIME_TRAVEL, true),
            reader.bool(FeatureFlags.SCHEMA_EVOLUTION, true),
            reader.bool(FeatureFlags.PARTITION_EVOLUTION, true));

    SparkConfig spark =
        new SparkConfig(
            reader.optional(SPARK_MASTER),
            reader.positiveInt(SPARK_SHUFFLE_PARTITIONS, 8),
            reader.string("SPARK_APP_NAME", "movie-lakehouse"));

    return new LakehouseConfig(
        home, catalog, warehouse, s3, tableFormat, databases, features, maintenance, spark);
  }

  /** The same configuration on other databases (benchmarks and tests keep to their own). */
  public LakehouseConfig withDatabases(Map<Layer, String> otherDatabases) {
    return new LakehouseConfig(
        home,
        catalog,
        warehousePath,
        s3,
        tableFormat,
        otherDatabases,
        features,
        maintenance,
        spark);
  }

  public String database(Layer layer) {
    return databases.get(layer);
  }

  /** True when the warehouse lives on S3-compatible storage (s3:// or s3a://). */
  public boolean warehouseOnS3() {
    return isS3(warehousePath);
  }

  /**
   * True when S3 storage is configured: the warehouse is on S3, or an endpoint or keys are given.
   * Spark's own {@code s3a://} paths (checkpoints, Parquet sources) then use these settings.
   */
  public boolean s3Configured() {
    return warehouseOnS3() || s3.endpoint().isPresent() || s3.accessKey().isPresent();
  }

  static boolean isS3(String path) {
    String lower = path.toLowerCase(Locale.ROOT);
    return lower.startsWith("s3://") || lower.startsWith("s3a://") || lower.startsWith("s3n://");
  }

  private static String warehouse(VariableReader reader, Path home, CatalogType type) {
    String value = reader.string(WAREHOUSE_PATH, home.resolve("warehouse").toString());
    if (isS3(value)) {
      if (type == CatalogType.HADOOP) {
        throw new ConfigException(
            WAREHOUSE_PATH,
            "the hadoop catalog needs atomic renames, which S3 lacks; use "
                + CATALOG_TYPE
                + "=hive, jdbc or rest with an S3 warehouse, or a local/HDFS path");
      }
      String bucket = value.substring(value.indexOf("://") + 3).split("/", 2)[0];
      if (!bucket.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")) {
        throw new ConfigException(
            WAREHOUSE_PATH, "'" + value + "' names no bucket; expected s3a://<bucket>[/prefix]");
      }
      return value;
    }
    if (value.startsWith("hdfs://")) {
      return value;
    }
    if (value.matches("^[A-Za-z][A-Za-z0-9+.-]*://.*") && !value.startsWith("file:")) {
      throw new ConfigException(
          WAREHOUSE_PATH,
          "'"
              + value
              + "' uses a scheme the catalog cannot use; accepted: a local folder, "
              + "file:/..., s3a://bucket/prefix, s3://bucket/prefix or hdfs://...");
    }
    Path path =
        Path.of(value.startsWith("file:") ? URI.create(value).getPath() : value)
            .toAbsolutePath()
            .normalize();
    if (Files.exists(path) && !Files.isDirectory(path)) {
      throw new ConfigException(
          WAREHOUSE_PATH, "'" + path + "' exists and is not a folder; point it at a folder");
    }
    Path existing = path;
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing == null || !Files.isWritable(existing)) {
      throw new ConfigException(
          WAREHOUSE_PATH, "'" + path + "' cannot be created or written; choose a writable folder");
    }
    return path.toString();
  }

  private static String uri(
      VariableReader reader, String variable, String defaultValue, Set<String> schemes) {
    String value = reader.string(variable, defaultValue);
    try {
      URI uri = URI.create(value);
      if (uri.getScheme() != null
          && schemes.contains(uri.getScheme().toLowerCase(Locale.ROOT))
          && uri.getHost() != null) {
        return value;
      }
    } catch (IllegalArgumentException e) {
      // reported below
    }
    throw new ConfigException(
        variable, "'" + value + "' is not a valid URI; expected for example " + defaultValue);
  }

  private static String jdbcUri(VariableReader reader, Path home) {
    String value = reader.string(JDBC_URI, "jdbc:sqlite:" + home.resolve("catalog.db"));
    if (!value.startsWith("jdbc:")) {
      throw new ConfigException(
          JDBC_URI,
          "'"
              + value
              + "' is not a JDBC URI; expected jdbc:sqlite:<file> or "
              + "jdbc:postgresql://host:port/database");
    }
    return value;
  }

  private static String endpoint(String value) {
    try {
      URI uri = URI.create(value);
      if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
          && uri.getHost() != null) {
        return value;
      }
    } catch (IllegalArgumentException e) {
      // reported below
    }
    throw new ConfigException(
        S3_ENDPOINT,
        "'" + value + "' is not an http(s) endpoint; expected for example http://minio:9000");
  }
}
