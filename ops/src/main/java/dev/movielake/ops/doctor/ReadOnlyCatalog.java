package dev.movielake.ops.doctor;

import dev.movielake.config.CatalogType;
import dev.movielake.config.LakehouseConfig;
import dev.movielake.lakehouse.LakehouseCatalog;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.CatalogUtil;
import org.apache.iceberg.catalog.Catalog;

/**
 * The configured Iceberg catalog, built from the properties Spark gets, with what would change
 * things switched off and short timeouts: unlike {@code LakehouseCatalog.open} it creates no bucket
 * and no JDBC catalog tables, and a dead metastore fails within seconds instead of retrying.
 */
final class ReadOnlyCatalog {
  private ReadOnlyCatalog() {}

  static Catalog open(LakehouseConfig config) {
    LakehouseCatalog.NativeSettings settings = LakehouseCatalog.nativeSettings(config);
    Map<String, String> properties = settings.properties();
    Configuration hadoop = settings.hadoop();
    CatalogType type = config.catalog().type();
    if (type == CatalogType.JDBC) {
      properties.put("jdbc.init-catalog-tables", "false");
      if (config.catalog().uri().startsWith("jdbc:postgresql:")) {
        // PostgreSQL's driver reads these (seconds); Iceberg passes jdbc.* properties to it.
        properties.put("jdbc.connectTimeout", "5");
        properties.put("jdbc.loginTimeout", "5");
        properties.put("jdbc.socketTimeout", "10");
      }
    } else if (type == CatalogType.HIVE) {
      hadoop.set("hive.metastore.connect.retries", "1");
      hadoop.set("hive.metastore.client.connect.retry.delay", "1s");
      hadoop.set("hive.metastore.client.socket.timeout", "5s");
      hadoop.set("hive.metastore.failure.retries", "0");
    } else if (type == CatalogType.REST) {
      properties.put("rest.client.connection-timeout-ms", "5000");
      properties.put("rest.client.socket-timeout-ms", "5000");
    }
    return CatalogUtil.buildIcebergCatalog(config.catalog().name(), properties, hadoop);
  }
}
