package dev.movielake.app.cli;

import dev.movielake.cli.SecretMasker;
import dev.movielake.config.CatalogConfig;
import dev.movielake.config.EnvironmentSource;
import dev.movielake.config.IngestConfig;
import dev.movielake.config.LakehouseConfig;
import dev.movielake.config.QualityConfig;
import dev.movielake.config.ScheduleConfig;
import dev.movielake.config.ServeConfig;
import dev.movielake.lakehouse.IcebergStorageManager;
import dev.movielake.lakehouse.LakehouseSession;
import dev.movielake.lakehouse.TableName;
import dev.movielake.lakehouse.maintenance.MaintenanceManager;
import dev.movielake.model.PipelineTable;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.spark.sql.SparkSession;

/**
 * What commands work with: configuration, Spark session and storage manager, each created on first
 * use. Starting Spark takes seconds, so {@code --help}, usage errors and commands that fail
 * validation never pay for it. Closing stops the Spark session this context started, never one it
 * was given.
 */
public final class LakehouseContext implements AutoCloseable {
  private final Supplier<Map<String, String>> variablesSource;
  private Map<String, String> variables;
  private LakehouseConfig config;
  private IngestConfig ingestConfig;
  private ServeConfig serveConfig;
  private ScheduleConfig scheduleConfig;
  private QualityConfig qualityConfig;
  private SparkSession startedSpark;
  private IcebergStorageManager storage;

  /**
   * @param variables the configuration variables, read when a command first needs them
   */
  public LakehouseContext(Supplier<Map<String, String>> variables) {
    this.variablesSource = Objects.requireNonNull(variables);
  }

  /** Works on an existing storage manager and its Spark session (tests, embedding). */
  public LakehouseContext(IcebergStorageManager storage) {
    this.variablesSource = Map::of;
    this.config = storage.config();
    this.storage = storage;
  }

  /** Works on an existing storage manager, with these variables for everything else (tests). */
  public LakehouseContext(IcebergStorageManager storage, Map<String, String> variables) {
    this.variablesSource = () -> variables;
    this.config = storage.config();
    this.storage = storage;
  }

  /** The process environment over an optional {@code .env} file. */
  public static LakehouseContext fromEnvironment() {
    return new LakehouseContext(EnvironmentSource::load);
  }

  public synchronized LakehouseConfig config() {
    if (config == null) {
      config = LakehouseConfig.from(variables());
    }
    return config;
  }

  /** Ingestion's configuration (TMDB, Kafka), from the same variables. */
  public synchronized IngestConfig ingestConfig() {
    if (ingestConfig == null) {
      ingestConfig = IngestConfig.from(variables());
    }
    return ingestConfig;
  }

  /** Serving's configuration (MongoDB, the API), from the same variables. */
  public synchronized ServeConfig serveConfig() {
    if (serveConfig == null) {
      serveConfig = ServeConfig.from(variables());
    }
    return serveConfig;
  }

  /** The built-in scheduler's configuration, from the same variables. */
  public synchronized ScheduleConfig scheduleConfig() {
    if (scheduleConfig == null) {
      scheduleConfig = ScheduleConfig.from(variables());
    }
    return scheduleConfig;
  }

  /** Quality monitoring's configuration (alert webhook, threshold, freshness and volume bounds). */
  public synchronized QualityConfig qualityConfig() {
    if (qualityConfig == null) {
      qualityConfig = QualityConfig.from(variables());
    }
    return qualityConfig;
  }

  public synchronized IcebergStorageManager storage() {
    if (storage == null) {
      LakehouseConfig configuration = config();
      startedSpark = LakehouseSession.create(configuration);
      storage = new IcebergStorageManager(startedSpark, configuration);
    }
    return storage;
  }

  public SparkSession spark() {
    return storage().spark();
  }

  /** Maintenance with orphan removal's two phases planned, their marks in the contract's table. */
  public MaintenanceManager maintenance() {
    return new MaintenanceManager(storage().catalog()).withOrphanMarks(orphanMarks());
  }

  /** Where orphan removal's first phase keeps its marks: {@code silver.orphan_files}. */
  public TableName orphanMarks() {
    return storage()
        .table(PipelineTable.ORPHAN_FILES.layer(), PipelineTable.ORPHAN_FILES.tableName());
  }

  /** True once a command asked for the storage manager (and so for Spark). */
  public synchronized boolean isStorageInUse() {
    return storage != null;
  }

  /**
   * The catalog of a configuration a command has read; empty before that or when it was invalid.
   */
  public synchronized Optional<CatalogConfig> catalogInUse() {
    return Optional.ofNullable(config).map(LakehouseConfig::catalog);
  }

  /** Masks the secrets of the configuration in anything printed, also when it failed to load. */
  public synchronized SecretMasker secrets() {
    SecretMasker masker = config == null ? SecretMasker.none() : SecretMasker.of(config);
    try {
      return masker.and(SecretMasker.of(variables()));
    } catch (RuntimeException e) {
      // An unreadable .env file still leaves the URI and parameter patterns.
      return masker;
    }
  }

  /**
   * The configuration variables (environment over {@code .env}), e.g. for commands run in JVMs of
   * their own.
   */
  public synchronized Map<String, String> variables() {
    if (variables == null) {
      variables = Map.copyOf(variablesSource.get());
    }
    return variables;
  }

  @Override
  public synchronized void close() {
    if (startedSpark != null) {
      startedSpark.stop();
      startedSpark = null;
    }
  }
}
