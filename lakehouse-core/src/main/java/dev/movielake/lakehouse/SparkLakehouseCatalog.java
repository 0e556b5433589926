package dev.movielake.lakehouse;

import dev.movielake.config.LakehouseConfig;
import java.util.function.UnaryOperator;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.spark.Spark3Util;
import org.apache.spark.sql.SparkSession;

/**
 * The lakehouse catalog as Spark's catalog of the configured name, with the session that writes,
 * reads and maintains its tables: the Java API and SQL see the same tables.
 */
public final class SparkLakehouseCatalog extends LakehouseCatalog {
  private final SparkSession spark;

  public SparkLakehouseCatalog(SparkSession spark, LakehouseConfig config) {
    this(spark, config, UnaryOperator.identity());
  }

  /**
   * The same catalog, its Iceberg API calls going through {@code view}: a wrapper that records or
   * limits them (e.g. a test counting table loads). Spark's own SQL still uses the catalog itself.
   */
  public SparkLakehouseCatalog(
      SparkSession spark, LakehouseConfig config, UnaryOperator<Catalog> view) {
    super(config, () -> view.apply(Spark3Util.loadIcebergCatalog(spark, config.catalog().name())));
    this.spark = spark;
  }

  public SparkSession spark() {
    return spark;
  }
}
