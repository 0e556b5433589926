package dev.movielake.lakehouse;

import dev.movielake.config.LakehouseConfig;
import org.apache.iceberg.spark.Spark3Util;
import org.apache.spark.sql.SparkSession;

/**
 * The lakehouse catalog as Spark's catalog of the configured name, with the session that writes,
 * reads and maintains its tables: the Java API and SQL see the same tables.
 */
public final class SparkLakehouseCatalog extends LakehouseCatalog {
  private final SparkSession spark;

  public SparkLakehouseCatalog(SparkSession spark, LakehouseConfig config) {
    super(config, () -> Spark3Util.loadIcebergCatalog(spark, config.catalog().name()));
    this.spark = spark;
  }

  public SparkSession spark() {
    return spark;
  }
}
