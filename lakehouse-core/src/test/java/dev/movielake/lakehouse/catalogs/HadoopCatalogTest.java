package dev.movielake.lakehouse.catalogs;

import dev.movielake.lakehouse.testing.SharedSpark;
import java.util.Map;

/** The Hadoop catalog: metadata in the warehouse folder itself, no server. */
class HadoopCatalogTest extends CatalogContract {
  @Override
  protected Map<String, String> catalogVariables() {
    return Map.of(
        "ICEBERG_CATALOG_TYPE", "hadoop",
        "ICEBERG_CATALOG_NAME", "hadoop_catalog",
        "ICEBERG_WAREHOUSE_PATH", SharedSpark.home().resolve("hadoop-warehouse").toString());
  }
}
