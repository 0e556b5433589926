package dev.movielake.bench;

import dev.movielake.config.LakehouseConfig;
import dev.movielake.lakehouse.IcebergStorageManager;
import dev.movielake.model.Layer;
import java.util.EnumMap;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/** A benchmark's own databases, one per layer, emptied before it starts. */
final class BenchmarkStorage {
  private BenchmarkStorage() {}

  /** Databases {@code <prefix>_bronze}, {@code _silver} and {@code _gold}, without a table. */
  static IcebergStorageManager empty(SparkSession spark, LakehouseConfig config, String prefix) {
    Map<Layer, String> databases = new EnumMap<>(Layer.class);
    for (Layer layer : Layer.values()) {
      databases.put(layer, prefix + "_" + layer.id());
    }
    IcebergStorageManager storage =
        new IcebergStorageManager(spark, config.withDatabases(databases));
    storage.createDatabases();
    for (Layer layer : Layer.values()) {
      storage.listTables(layer).forEach(table -> storage.dropTable(layer, table.table(), true));
    }
    return storage;
  }
}
