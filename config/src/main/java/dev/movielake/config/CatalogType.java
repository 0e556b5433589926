package dev.movielake.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The Iceberg catalog implementations the pipeline can use (ICEBERG_CATALOG_TYPE). */
public enum CatalogType {
  /** Iceberg's JDBC catalog: SQLite file by default, PostgreSQL with a JDBC URI. */
  JDBC,
  /** Hive Metastore over Thrift (the seed's production catalog). */
  HIVE,
  /** An Iceberg REST catalog server. */
  REST,
  /** Metadata in the warehouse folder itself; needs atomic rename, so not on S3. */
  HADOOP;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  static CatalogType parse(String variable, String value) {
    for (CatalogType type : values()) {
      if (type.id().equalsIgnoreCase(value.strip())) {
        return type;
      }
    }
    throw new ConfigException(
        variable, "'" + value + "' is not a catalog type; accepted values: " + accepted());
  }

  static String accepted() {
    return Arrays.stream(values()).map(CatalogType::id).collect(Collectors.joining(", "));
  }
}
