package dev.movielake.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.movielake.model.Layer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LakehouseConfigTest {
  @TempDir Path home;

  private Map<String, String> base() {
    Map<String, String> variables = new HashMap<>();
    variables.put("LAKEHOUSE_HOME", home.toString());
    return variables;
  }

  @Test
  void defaultsAreTheEmbeddedLakehouse() {
    LakehouseConfig config = LakehouseConfig.from(base());

    assertThat(config.catalog().type()).isEqualTo(CatalogType.JDBC);
    assertThat(config.catalog().name()).isEqualTo("movie_catalog");
    assertThat(config.catalog().uri()).isEqualTo("jdbc:sqlite:" + home.resolve("catalog.db"));
    assertThat(config.catalog().embeddedSqlite()).isTrue();
    assertThat(config.warehousePath()).isEqualTo(home.resolve("warehouse").toString());
    assertThat(config.warehouseOnS3()).isFalse();
    assertThat(config.tableFormat())
        .isEqualTo(
            new TableFormatConfig(
                "parquet", "snappy", 134_217_728L, "merge-on-read", true, 100, 10, 8));
    assertThat(config.databases())
        .containsEntry(Layer.BRONZE, "bronze")
        .containsEntry(Layer.SILVER, "silver")
        .containsEntry(Layer.GOLD, "gold");
    assertThat(config.features()).isEqualTo(new FeatureFlags(true, true, true));
    assertThat(config.maintenance().retentionDays())
        .containsEntry(Layer.BRONZE, 3)
        .containsEntry(Layer.SILVER, 7)
        .containsEntry(Layer.GOLD, 30);
    assertThat(config.maintenance().orphanFileAgeDays()).isEqualTo(3);
    assertThat(config.maintenance().smallFileRatio()).isEqualTo(0.75);
    assertThat(config.maintenance().hotPartitionMinutes()).isEqualTo(60);
    assertThat(config.maintenance().orphanGrace()).isEqualTo(Duration.ofHours(48));
    assertThat(config.maintenance().maxMetadataBytes()).isEqualTo(16L * 1024 * 1024);
    for (Layer layer : Layer.values()) {
      assertThat(config.maintenance().triggers(layer))
          .isEqualTo(new MaintenanceTriggers(5, 50, Duration.ofMinutes(60), 10, 0.3, 20, 1000));
    }
    assertThat(config.maintenance().auto())
        .isEqualTo(
            new AutoMaintenanceConfig(
                true, Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofHours(24)));
    assertThat(config.s3().pathStyleAccess()).isTrue();
    assertThat(config.s3().endpoint()).isEmpty();
    assertThat(config.spark().master()).isEmpty();
  }

  @Test
  void everyVariableIsMapped() {
    Map<String, String> variables = base();
    variables.putAll(
        Map.ofEntries(
            Map.entry("ICEBERG_CATALOG_TYPE", "hive"),
            Map.entry("ICEBERG_CATALOG_NAME", "films"),
            Map.entry("ICEBERG_WAREHOUSE_PATH", "s3a://iceberg-warehouse/lake"),
            Map.entry("HIVE_METASTORE_URI", "thrift://127.0.0.1:9083"),
            Map.entry("ICEBERG_S3_ENDPOINT", "http://127.0.0.1:9000"),
            Map.entry("ICEBERG_S3_ACCESS_KEY", "minioadmin"),
            Map.entry("ICEBERG_S3_SECRET_KEY", "minio-secret"),
            Map.entry("ICEBERG_S3_PATH_STYLE_ACCESS", "false"),
            Map.entry("ICEBERG_S3_REGION", "eu-west-1"),
            Map.entry("ICEBERG_DEFAULT_FILE_FORMAT", "orc"),
            Map.entry("ICEBERG_COMPRESSION_CODEC", "zstd"),
            Map.entry("ICEBERG_TARGET_FILE_SIZE_BYTES", "268435456"),
            Map.entry("ICEBERG_DELETE_MODE", "copy-on-write"),
            Map.entry("ICEBERG_METADATA_DELETE_AFTER_COMMIT_ENABLED", "false"),
            Map.entry("ICEBERG_METADATA_PREVIOUS_VERSIONS_MAX", "20"),
            Map.entry("ICEBERG_COMMIT_RETRIES", "6"),
            Map.entry("ICEBERG_WRITE_CONFLICT_RETRIES", "3"),
            Map.entry("ICEBERG_SNAPSHOT_RETENTION_DAYS", "14"),
            Map.entry("ICEBERG_BRONZE_RETENTION_DAYS", "2"),
            Map.entry("ICEBERG_GOLD_RETENTION_DAYS", "90"),
            Map.entry("ICEBERG_BRONZE_DATABASE", "raw"),
            Map.entry("ICEBERG_SILVER_DATABASE", "clean"),
            Map.entry("ICEBERG_GOLD_DATABASE", "mart"),
            Map.entry("ICEBERG_ENABLE_TIME_TRAVEL", "false"),
            Map.entry("ICEBERG_ENABLE_SCHEMA_EVOLUTION", "no"),
            Map.entry("ICEBERG_ENABLE_PARTITION_EVOLUTION", "0"),
            Map.entry("ICEBERG_ORPHAN_FILE_AGE_DAYS", "5"),
            Map.entry("ICEBERG_SMALL_FILE_RATIO", "0.5"),
            Map.entry("ICEBERG_COMPACTION_MIN_SMALL_FILES", "12"),
            Map.entry("ICEBERG_COMPACTION_HOT_PARTITION_MINUTES", "15"),
            Map.entry("ICEBERG_MAX_MANIFESTS", "40"),
            Map.entry("ICEBERG_ORPHAN_GRACE_HOURS", "72"),
            Map.entry("ICEBERG_MAX_METADATA_MB", "8"),
            Map.entry("ICEBERG_COMPACTION_COMMITS", "30"),
            Map.entry("ICEBERG_COMPACTION_INTERVAL_MINUTES", "20"),
            Map.entry("ICEBERG_COMPACTION_DELETE_FILES", "4"),
            Map.entry("ICEBERG_COMPACTION_DELETE_RATIO", "0.2"),
            Map.entry("ICEBERG_MAX_SNAPSHOTS", "300"),
            Map.entry("ICEBERG_BRONZE_COMPACTION_MIN_SMALL_FILES", "20"),
            Map.entry("ICEBERG_GOLD_MAX_SNAPSHOTS", "100"),
            Map.entry("ICEBERG_GOLD_COMPACTION_DELETE_RATIO", "0.5"),
            Map.entry("MAINTENANCE_AUTO", "false"),
            Map.entry("MAINTENANCE_CHECK_SECONDS", "5"),
            Map.entry("MAINTENANCE_MIN_INTERVAL_SECONDS", "0"),
            Map.entry("MAINTENANCE_ORPHAN_INTERVAL_HOURS", "6"),
            Map.entry("SPARK_MASTER", "spark://127.0.0.1:7077"),
            Map.entry("SPARK_SHUFFLE_PARTITIONS", "4")));

    LakehouseConfig config = LakehouseConfig.from(variables);

    assertThat(config.catalog().type()).isEqualTo(CatalogType.HIVE);
    assertThat(config.catalog().name()).isEqualTo("films");
    assertThat(config.catalog().uri()).isEqualTo("thrift://127.0.0.1:9083");
    assertThat(config.catalog().embeddedSqlite()).isFalse();
    assertThat(config.warehousePath()).isEqualTo("s3a://iceberg-warehouse/lake");
    assertThat(config.warehouseOnS3()).isTrue();
    assertThat(config.s3().endpoint()).contains("http://127.0.0.1:9000");
    assertThat(config.s3().accessKey()).contains("minioadmin");
    assertThat(config.s3().secretKey()).contains("minio-secret");
    assertThat(config.s3().pathStyleAccess()).isFalse();
    assertThat(config.s3().region()).isEqualTo("eu-west-1");
    assertThat(config.tableFormat())
        .isEqualTo(
            new TableFormatConfig("orc", "zstd", 268_435_456L, "copy-on-write", false, 20, 6, 3));
    assertThat(config.maintenance().retentionDays())
        .containsEntry(Layer.BRONZE, 2)
        .containsEntry(Layer.SILVER, 14)
        .containsEntry(Layer.GOLD, 90);
    assertThat(config.databases())
        .containsEntry(Layer.BRONZE, "raw")
        .containsEntry(Layer.SILVER, "clean")
        .containsEntry(Layer.GOLD, "mart");
    assertThat(config.features()).isEqualTo(new FeatureFlags(false, false, false));
    assertThat(config.maintenance().orphanFileAgeDays()).isEqualTo(5);
    assertThat(config.maintenance().smallFileRatio()).isEqualTo(0.5);
    assertThat(config.maintenance().hotPartitionMinutes()).isEqualTo(15);
    assertThat(config.maintenance().orphanGrace()).isEqualTo(Duration.ofHours(72));
    assertThat(config.maintenance().maxMetadataBytes()).isEqualTo(8L * 1024 * 1024);
    assertThat(config.maintenance().triggers(Layer.SILVER))
        .isEqualTo(new MaintenanceTriggers(12, 30, Duration.ofMinutes(20), 4, 0.2, 40, 300));
    assertThat(config.maintenance().triggers(Layer.BRONZE))
        .isEqualTo(new MaintenanceTriggers(20, 30, Duration.ofMinutes(20), 4, 0.2, 40, 300));
    assertThat(config.maintenance().triggers(Layer.GOLD))
        .isEqualTo(new MaintenanceTriggers(12, 30, Duration.ofMinutes(20), 4, 0.5, 40, 100));
    assertThat(config.maintenance().auto())
        .isEqualTo(
            new AutoMaintenanceConfig(
                false, Duration.ofSeconds(5), Duration.ZERO, Duration.ofHours(6)));
    assertThat(config.spark().master()).contains("spark://127.0.0.1:7077");
    assertThat(config.spark().shufflePartitions()).isEqualTo(4);
  }

  @Test
  void restAndJdbcCatalogsTakeTheirUris() {
    Map<String, String> rest = base();
    rest.put("ICEBERG_CATALOG_TYPE", "REST");
    rest.put("ICEBERG_REST_CATALOG_URI", "http://127.0.0.1:8181");
    assertThat(LakehouseConfig.from(rest).catalog().uri()).isEqualTo("http://127.0.0.1:8181");

    Map<String, String> postgres = base();
    postgres.put("ICEBERG_JDBC_URI", "jdbc:postgresql://127.0.0.1:5432/iceberg");
    postgres.put("ICEBERG_JDBC_USER", "iceberg");
    postgres.put("ICEBERG_JDBC_PASSWORD", "s3cr3t");
    CatalogConfig catalog = LakehouseConfig.from(postgres).catalog();
    assertThat(catalog.uri()).isEqualTo("jdbc:postgresql://127.0.0.1:5432/iceberg");
    assertThat(catalog.jdbcPassword()).contains("s3cr3t");
    assertThat(catalog.toString()).doesNotContain("s3cr3t");
  }

  @Test
  void secretsNeverAppearInToString() {
    Map<String, String> variables = base();
    variables.put("ICEBERG_S3_ACCESS_KEY", "AKIAEXAMPLE");
    variables.put("ICEBERG_S3_SECRET_KEY", "wJalrXUtnFEMI");
    LakehouseConfig config = LakehouseConfig.from(variables);
    assertThat(config.toString()).doesNotContain("AKIAEXAMPLE").doesNotContain("wJalrXUtnFEMI");
  }

  @Test
  void unknownCatalogTypeNamesTheVariableAndTheAcceptedValues() {
    Map<String, String> variables = base();
    variables.put("ICEBERG_CATALOG_TYPE", "glue");
    assertThatThrownBy(() -> LakehouseConfig.from(variables))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("ICEBERG_CATALOG_TYPE")
        .hasMessageContaining("'glue'")
        .hasMessageContaining("jdbc, hive, rest, hadoop");
  }

  @Test
  void nonNumericSizeIsRefused() {
    Map<String, String> variables = base();
    variables.put("ICEBERG_TARGET_FILE_SIZE_BYTES", "128MB");
    assertThatThrownBy(() -> LakehouseConfig.from(variables))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("ICEBERG_TARGET_FILE_SIZE_BYTES")
        .hasMessageContaining("positive whole number");
  }

  @Test
  void codecMustSuitTheFileFormat() {
    Map<String, String> variables = base();
    variables.put("ICEBERG_DEFAULT_FILE_FORMAT", "orc");
    variables.put("ICEBERG_COMPRESSION_CODEC", "gzip");
    assertThatThrownBy(() -> LakehouseConfig.from(variables))
        .hasMessageContaining("ICEBERG_COMPRESSION_CODEC")
        .hasMessageContaining("zlib");
  }

  @Test
  void warehouseTheCatalogCannotUseIsRefused() throws Exception {
    Map<String, String> hadoopOnS3 = base();
    hadoopOnS3.put("ICEBERG_CATALOG_TYPE", "hadoop");
    hadoopOnS3.put("ICEBERG_WAREHOUSE_PATH", "s3a://bucket/warehouse");
    assertThatThrownBy(() -> LakehouseConfig.from(hadoopOnS3))
        .hasMessageContaining("ICEBERG_WAREHOUSE_PATH")
        .hasMessageContaining("atomic renames");

    Map<String, String> ftp = base();
    ftp.put("ICEBERG_WAREHOUSE_PATH", "ftp://host/warehouse");
    assertThatThrownBy(() -> LakehouseConfig.from(ftp)).hasMessageContaining("scheme");

    Path file = Files.writeString(home.resolve("not-a-folder"), "x");
    Map<String, String> onFile = base();
    onFile.put("ICEBERG_WAREHOUSE_PATH", file.toString());
    assertThatThrownBy(() -> LakehouseConfig.from(onFile)).hasMessageContaining("not a folder");

    Map<String, String> noBucket = base();
    noBucket.put("ICEBERG_WAREHOUSE_PATH", "s3a://");
    assertThatThrownBy(() -> LakehouseConfig.from(noBucket)).hasMessageContaining("bucket");
  }

  @Test
  void identifiersAreValidated() {
    Map<String, String> variables = base();
    variables.put("ICEBERG_SILVER_DATABASE", "silver; DROP TABLE x");
    assertThatThrownBy(() -> LakehouseConfig.from(variables))
        .hasMessageContaining("ICEBERG_SILVER_DATABASE")
        .hasMessageContaining("not a valid identifier");
  }

  @Test
  void badBooleanAndHalfCredentialsAreRefused() {
    Map<String, String> flag = base();
    flag.put("ICEBERG_ENABLE_TIME_TRAVEL", "maybe");
    assertThatThrownBy(() -> LakehouseConfig.from(flag))
        .hasMessageContaining("ICEBERG_ENABLE_TIME_TRAVEL")
        .hasMessageContaining("true, false");

    Map<String, String> half = base();
    half.put("ICEBERG_S3_ACCESS_KEY", "only-the-key");
    assertThatThrownBy(() -> LakehouseConfig.from(half))
        .hasMessageContaining("ICEBERG_S3_SECRET_KEY");

    Map<String, String> hive = base();
    hive.put("ICEBERG_CATALOG_TYPE", "hive");
    hive.put("HIVE_METASTORE_URI", "hive-metastore:9083");
    assertThatThrownBy(() -> LakehouseConfig.from(hive)).hasMessageContaining("HIVE_METASTORE_URI");
  }

  @Test
  void layerPropertiesFollowTheOriginal() {
    LakehouseConfig config = LakehouseConfig.from(base());
    assertThat(LayerTableProperties.forLayer(config, Layer.BRONZE))
        .containsEntry("format-version", "2")
        .containsEntry("write.format.default", "parquet")
        .containsEntry("write.parquet.compression-codec", "snappy")
        .containsEntry("write.target-file-size-bytes", "134217728")
        .containsEntry("write.delete.mode", "merge-on-read")
        .containsEntry("write.metadata.delete-after-commit.enabled", "true")
        .containsEntry("write.metadata.metrics.default", "full")
        .containsEntry("write.parquet.row-group-size-bytes", "134217728")
        .containsEntry("history.expire.max-snapshot-age-ms", Long.toString(3 * 86_400_000L))
        .containsEntry("write.distribution-mode", "none")
        .containsEntry("write.spark.fanout.enabled", "true")
        .containsEntry("write.delete.isolation-level", "snapshot");
    assertThat(LayerTableProperties.forLayer(config, Layer.SILVER))
        .doesNotContainKey("write.distribution-mode")
        .containsEntry("write.merge.isolation-level", "serializable")
        .containsEntry("write.metadata.metrics.default", "counts")
        .containsEntry("write.parquet.row-group-size-bytes", "268435456");
    assertThat(LayerTableProperties.forLayer(config, Layer.GOLD))
        .containsEntry("write.metadata.metrics.default", "truncate(16)")
        .containsEntry("write.parquet.row-group-size-bytes", "536870912")
        .containsEntry("commit.retry.num-retries", "10")
        .containsEntry("history.expire.max-snapshot-age-ms", Long.toString(30 * 86_400_000L));
  }
}
