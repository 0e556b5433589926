package dev.movielake.config;

import dev.movielake.model.Layer;
import dev.movielake.model.RecordType;
import java.util.Collections;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Every environment variable the pipeline reads, in one place, so deployment files (the compose
 * file, the Kubernetes ConfigMap and Secret) can be checked against it: a variable set there but
 * read nowhere is a typo that would otherwise be silently ignored.
 */
public final class ConfigurationVariables {
  /**
   * JVM options of the launchers ({@code ./pipeline} and the container image), not of the JVM
   * itself.
   */
  public static final String JAVA_OPTIONS = "PIPELINE_JAVA_OPTS";

  /** Read by the command line: {@code 1} prints stack traces. */
  public static final String DEBUG = "PIPELINE_DEBUG";

  /** The {@code .env} file {@link EnvironmentSource#load()} reads. */
  public static final String ENV_FILE = "PIPELINE_ENV_FILE";

  /** Read by {@code pipeline stack} and {@code demo --stack}: the local stack's folder. */
  public static final String STACK_HOME = "LAKEHOUSE_STACK_HOME";

  /** Built once: {@link VariableReader} looks every name it reads up here. */
  private static final SortedSet<String> NAMES = list();

  private ConfigurationVariables() {}

  /** The names, sorted. */
  public static SortedSet<String> names() {
    return NAMES;
  }

  private static SortedSet<String> list() {
    SortedSet<String> names = new TreeSet<>();
    names.add(JAVA_OPTIONS);
    names.add(DEBUG);
    names.add(ENV_FILE);
    names.add(STACK_HOME);

    names.add(LakehouseConfig.HOME);
    names.add(LakehouseConfig.CATALOG_TYPE);
    names.add(LakehouseConfig.CATALOG_NAME);
    names.add(LakehouseConfig.WAREHOUSE_PATH);
    names.add(LakehouseConfig.HIVE_METASTORE_URI);
    names.add(LakehouseConfig.REST_CATALOG_URI);
    names.add(LakehouseConfig.JDBC_URI);
    names.add(LakehouseConfig.JDBC_USER);
    names.add(LakehouseConfig.JDBC_PASSWORD);
    names.add(LakehouseConfig.S3_ENDPOINT);
    names.add(LakehouseConfig.S3_ACCESS_KEY);
    names.add(LakehouseConfig.S3_SECRET_KEY);
    names.add(LakehouseConfig.S3_PATH_STYLE_ACCESS);
    names.add(LakehouseConfig.S3_REGION);
    names.add(LakehouseConfig.FILE_FORMAT);
    names.add(LakehouseConfig.COMPRESSION_CODEC);
    names.add(LakehouseConfig.TARGET_FILE_SIZE_BYTES);
    names.add(LakehouseConfig.DELETE_MODE);
    names.add(LakehouseConfig.METADATA_DELETE_AFTER_COMMIT);
    names.add(LakehouseConfig.METADATA_PREVIOUS_VERSIONS_MAX);
    names.add(LakehouseConfig.COMMIT_RETRIES);
    names.add(LakehouseConfig.WRITE_CONFLICT_RETRIES);
    names.add(LakehouseConfig.SNAPSHOT_RETENTION_DAYS);
    names.add(LakehouseConfig.ORPHAN_FILE_AGE_DAYS);
    names.add(LakehouseConfig.SMALL_FILE_RATIO);
    names.add(LakehouseConfig.HOT_PARTITION_MINUTES);
    names.add(MaintenancePolicy.ORPHAN_GRACE_HOURS);
    names.add(MaintenancePolicy.MAX_METADATA_MB);
    for (String suffix : MaintenanceTriggers.SUFFIXES) {
      names.add(MaintenanceTriggers.variable(suffix));
      for (Layer layer : Layer.values()) {
        names.add(MaintenanceTriggers.variable(layer, suffix));
      }
    }
    names.add(AutoMaintenanceConfig.IN_STREAM);
    names.add(AutoMaintenanceConfig.CHECK_SECONDS);
    names.add(AutoMaintenanceConfig.MIN_INTERVAL_SECONDS);
    names.add(AutoMaintenanceConfig.ORPHAN_INTERVAL_HOURS);
    names.add(LakehouseConfig.SPARK_MASTER);
    names.add(LakehouseConfig.SPARK_SHUFFLE_PARTITIONS);
    names.add("SPARK_APP_NAME");
    for (Layer layer : Layer.values()) {
      names.add(LakehouseConfig.databaseVariable(layer));
      names.add(LakehouseConfig.retentionVariable(layer));
    }
    names.add(FeatureFlags.TIME_TRAVEL);
    names.add(FeatureFlags.SCHEMA_EVOLUTION);
    names.add(FeatureFlags.PARTITION_EVOLUTION);

    for (ScheduleConfig.Job job : ScheduleConfig.Job.values()) {
      names.add(job.cronVariable());
      names.add(job.retriesVariable());
      names.add(job.timeoutVariable());
    }
    names.add(ScheduleConfig.RETRY_DELAY_SECONDS);
    names.add(ScheduleConfig.TIME_ZONE);

    names.add(TmdbConfig.API_KEY);
    names.add(TmdbConfig.READ_TOKEN);
    names.add(TmdbConfig.BASE_URL);
    names.add("TMDB_REQUESTS_PER_SECOND");
    names.add("TMDB_CONCURRENCY");
    names.add("TMDB_MAX_RETRIES");
    names.add("TMDB_TIMEOUT_SECONDS");
    names.add("TMDB_LIST_PAGES");
    names.add("TMDB_SIMULATOR_MOVIES");
    names.add("TMDB_SIMULATOR_SEED");

    names.add(KafkaConfig.BOOTSTRAP_SERVERS);
    for (RecordType recordType : RecordType.values()) {
      names.add(KafkaConfig.topicVariable(recordType.recordType()));
    }
    names.add("KAFKA_COMPRESSION");
    names.add("KAFKA_LINGER_MS");
    names.add("KAFKA_BATCH_SIZE");
    names.add(IngestConfig.CHECKPOINT_DIR);
    names.add(IngestConfig.METRICS_PORT);

    names.add(ServeConfig.MONGODB_URI);
    names.add(ServeConfig.MONGODB_DATABASE);
    names.add(ServeConfig.API_HOST);
    names.add(ServeConfig.API_PORT);
    names.add(ServeConfig.API_CORS_ORIGINS);
    names.add(ServeConfig.API_KEYS);
    names.add(ServeConfig.API_RATE_LIMIT);
    names.add(ServeConfig.API_MAX_PAGE_SIZE);
    names.add(ServeConfig.EMBEDDED_CACHE_MB);

    names.add(QualityConfig.ALERT_WEBHOOK_URL);
    names.add(QualityConfig.ALERT_THRESHOLD);
    names.add(QualityConfig.FRESHNESS_HOURS);
    names.add(QualityConfig.VOLUME_MIN_CHANGE);
    names.add(QualityConfig.VOLUME_MAX_CHANGE);
    names.add(QualityConfig.HELD_BATCH);
    names.add(QualityConfig.HELD_BATCH_POLL_SECONDS);
    names.add(QualityConfig.MIN_BATCH_ROWS);
    names.add(QualityConfig.MAX_NULL_SHARE);
    names.add(QualityConfig.MAX_DUPLICATE_SHARE);
    names.add(QualityConfig.MAX_OUT_OF_RANGE_SHARE);
    names.add(QualityConfig.MIN_AVERAGE_RATING);
    names.add(QualityConfig.ROW_COUNT_MIN_RATIO);
    names.add(QualityConfig.ROW_COUNT_MAX_RATIO);
    names.add(QualityConfig.RECENT_BATCHES);
    names.add(QualityConfig.MAX_MISSING_REFERENCE_SHARE);
    names.add(QualityConfig.BATCH_FRESHNESS_HOURS);
    return Collections.unmodifiableSortedSet(names);
  }
}
