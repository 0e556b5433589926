package dev.movielake.config;

import java.util.Optional;

/**
 * Which Iceberg catalog holds the tables, and how to reach it.
 *
 * @param uri the Hive Metastore Thrift URI, the REST catalog URI or the JDBC URI, by type
 */
public record CatalogConfig(
    CatalogType type,
    String name,
    String uri,
    Optional<String> jdbcUser,
    Optional<String> jdbcPassword) {

  /** The default catalog: JDBC on a SQLite file of this machine, with no server to reach. */
  public boolean embeddedSqlite() {
    return type == CatalogType.JDBC && uri.startsWith("jdbc:sqlite:");
  }

  @Override
  public String toString() {
    // The JDBC password is a secret: never printed.
    return "CatalogConfig[type="
        + type.id()
        + ", name="
        + name
        + ", uri="
        + uri
        + ", jdbcUser="
        + jdbcUser.orElse("-")
        + ", jdbcPassword="
        + (jdbcPassword.isPresent() ? "****" : "-")
        + "]";
  }
}
