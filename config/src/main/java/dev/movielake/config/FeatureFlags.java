package dev.movielake.config;

/**
 * Capabilities an operator can switch off. Each one is enforced by the storage manager: a disabled
 * feature is refused with an error naming the variable, not silently ignored.
 */
public record FeatureFlags(
    boolean timeTravel, boolean schemaEvolution, boolean partitionEvolution) {

  public static final String TIME_TRAVEL = "ICEBERG_ENABLE_TIME_TRAVEL";
  public static final String SCHEMA_EVOLUTION = "ICEBERG_ENABLE_SCHEMA_EVOLUTION";
  public static final String PARTITION_EVOLUTION = "ICEBERG_ENABLE_PARTITION_EVOLUTION";
}
