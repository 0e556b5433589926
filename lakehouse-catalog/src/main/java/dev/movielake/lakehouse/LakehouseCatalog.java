package dev.movielake.lakehouse;

import dev.movielake.config.LakehouseConfig;
import dev.movielake.lakehouse.storage.ObjectStorageCheck;
import dev.movielake.model.Layer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.CatalogUtil;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.AlreadyExistsException;
import org.apache.iceberg.exceptions.NoSuchNamespaceException;
import org.apache.iceberg.exceptions.NoSuchTableException;

/**
 * The layers' tables in the configured Iceberg catalog: names, namespaces, loading, listing. Works
 * on Iceberg's core library alone, so a process that only reads metadata (the API, the doctor)
 * needs no Spark session; {@link SparkLakehouseCatalog} is the same catalog as Spark sees it, for
 * writes and maintenance.
 */
public class LakehouseCatalog {
  private final LakehouseConfig config;
  private final Supplier<Catalog> iceberg;

  /**
   * @param iceberg the Iceberg catalog, asked for on every use: Spark's catalog is looked up in the
   *     session each time, as Spark itself does
   */
  protected LakehouseCatalog(LakehouseConfig config, Supplier<Catalog> iceberg) {
    this.config = config;
    this.iceberg = iceberg;
  }

  /** Builds the catalog Spark is configured with from the same properties, without Spark. */
  public static LakehouseCatalog open(LakehouseConfig config) {
    if (config.warehouseOnS3()) {
      ObjectStorageCheck.run(config);
    }
    NativeSettings settings = nativeSettings(config);
    return on(
        config,
        CatalogUtil.buildIcebergCatalog(
            config.catalog().name(), settings.properties(), settings.hadoop()));
  }

  /** The layers' tables in an Iceberg catalog built elsewhere, e.g. the doctor's read-only one. */
  public static LakehouseCatalog on(LakehouseConfig config, Catalog iceberg) {
    return new LakehouseCatalog(config, () -> iceberg);
  }

  /**
   * The Iceberg catalog properties and Hadoop settings of the Spark catalog, to build it without
   * Spark.
   */
  public record NativeSettings(Map<String, String> properties, Configuration hadoop) {}

  /** What the Spark catalog is configured with, minus Spark's prefixes and Spark's table cache. */
  public static NativeSettings nativeSettings(LakehouseConfig config) {
    String prefix = "spark.sql.catalog." + config.catalog().name() + ".";
    Map<String, String> properties = new HashMap<>();
    Configuration hadoop = new Configuration();
    SparkCatalogProperties.of(config)
        .forEach(
            (key, value) -> {
              if (key.startsWith(prefix)) {
                properties.put(key.substring(prefix.length()), value);
              } else if (key.startsWith("spark.hadoop.")) {
                hadoop.set(key.substring("spark.hadoop.".length()), value);
              }
            });
    properties.remove("cache-enabled");
    return new NativeSettings(properties, hadoop);
  }

  public LakehouseConfig config() {
    return config;
  }

  /** The Iceberg catalog of the configured name. */
  public Catalog iceberg() {
    return iceberg.get();
  }

  /** A validated name for a table of a layer. */
  public TableName table(Layer layer, String table) {
    return new TableName(config.catalog().name(), layer, config.database(layer), table);
  }

  public boolean tableExists(TableName table) {
    return iceberg().tableExists(table.identifier());
  }

  /** Loads the table's current metadata; a missing table is a {@link TableNotFoundException}. */
  public Table loadTable(TableName table) {
    try {
      return iceberg().loadTable(table.identifier());
    } catch (NoSuchTableException e) {
      throw new TableNotFoundException(table);
    }
  }

  /** Creates the layer's database when it does not exist yet. */
  public void ensureNamespace(Layer layer) {
    if (iceberg() instanceof SupportsNamespaces namespaces) {
      Namespace namespace = Namespace.of(config.database(layer));
      if (!namespaces.namespaceExists(namespace)) {
        try {
          namespaces.createNamespace(namespace);
        } catch (AlreadyExistsException e) {
          // another process created it first: what we wanted
        } catch (RuntimeException e) {
          // A JDBC catalog reports a concurrent create as a failed INSERT, not as AlreadyExists.
          if (!namespaces.namespaceExists(namespace)) {
            throw e;
          }
        }
      }
    }
  }

  /** The tables of one layer, sorted by name; an absent database has none. */
  public List<TableName> listTables(Layer layer) {
    List<TableName> tables = new ArrayList<>();
    try {
      for (TableIdentifier identifier :
          iceberg().listTables(Namespace.of(config.database(layer)))) {
        tables.add(table(layer, identifier.name()));
      }
    } catch (NoSuchNamespaceException e) {
      return List.of();
    }
    tables.sort(Comparator.comparing(TableName::table));
    return tables;
  }

  /** The tables of every layer, bronze first. */
  public List<TableName> listAllTables() {
    List<TableName> tables = new ArrayList<>();
    for (Layer layer : Layer.values()) {
      tables.addAll(listTables(layer));
    }
    return tables;
  }
}
