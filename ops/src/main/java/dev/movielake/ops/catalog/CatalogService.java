package dev.movielake.ops.catalog;

import dev.movielake.config.CatalogType;
import dev.movielake.config.LakehouseConfig;
import dev.movielake.infra.rest.RestCatalogServer;
import dev.movielake.lakehouse.LakehouseCatalog;
import dev.movielake.lakehouse.storage.ObjectStorageCheck;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The configured catalog (JDBC on SQLite or PostgreSQL, Hive Metastore, Hadoop) served over
 * Iceberg's REST catalog protocol, so engines other than the pipeline's Spark (Trino, DuckDB,
 * PyIceberg, another Spark) read the same tables. The server is the project's REST catalog server,
 * the one tests and the stack run, in a JVM of its own; it is given the same Iceberg properties the
 * pipeline's Spark catalog has (catalog, warehouse, FileIO with the S3 endpoint and keys), so it
 * reads and writes metadata where the pipeline does.
 */
public final class CatalogService {
  private CatalogService() {}

  /**
   * Starts the server over the configured catalog and waits until it answers.
   *
   * @param host the interface to listen on (0.0.0.0 in a container)
   * @param port 0 takes a free one
   * @param log the server's output
   */
  public static RestCatalogServer start(
      LakehouseConfig config, String host, int port, RestCatalogServer.Access access, Path log) {
    Map<String, String> backend = backendProperties(config);
    if (config.warehouseOnS3()) {
      // A wrong endpoint or key is named now, not on a client's first table load; a HeadBucket
      // only: serving creates nothing.
      ObjectStorageCheck.verify(config);
    }
    return RestCatalogServer.start(backend, host, port, access, log);
  }

  /**
   * The Iceberg properties of the catalog to serve: those of the pipeline's Spark catalog, without
   * Spark.
   *
   * @throws IllegalArgumentException when the configured catalog cannot be served this way
   */
  public static Map<String, String> backendProperties(LakehouseConfig config) {
    CatalogType type = config.catalog().type();
    if (type == CatalogType.REST) {
      throw new IllegalArgumentException(
          "ICEBERG_CATALOG_TYPE=rest: the catalog is already served over the REST protocol, at "
              + config.catalog().uri()
              + "; point the other engines at that URI (README: 'Other engines'), or run this"
              + " command with the catalog behind it configured (jdbc or hive)");
    }
    Map<String, String> properties =
        new LinkedHashMap<>(LakehouseCatalog.nativeSettings(config).properties());
    // The JDBC catalog's rows carry the pipeline's catalog name: served under another, it is empty.
    properties.put(RestCatalogServer.CATALOG_NAME, config.catalog().name());
    return properties;
  }
}
