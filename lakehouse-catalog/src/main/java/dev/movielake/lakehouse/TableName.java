package dev.movielake.lakehouse;

import dev.movielake.model.Layer;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;

/**
 * A validated table of one layer: catalog, the layer's database and the table name. Every form it
 * renders is safe to put into SQL.
 */
public record TableName(String catalog, Layer layer, String database, String table) {
  public TableName {
    Identifiers.require("catalog", catalog);
    Identifiers.require("database", database);
    Identifiers.require("table", table);
  }

  /** The catalog-relative identifier used by the Iceberg Java API. */
  public TableIdentifier identifier() {
    return TableIdentifier.of(Namespace.of(database), table);
  }

  /** Fully qualified and quoted for Spark SQL: {@code `movie_catalog`.`silver`.`movies`}. */
  public String sql() {
    return "`" + catalog + "`.`" + database + "`.`" + table + "`";
  }

  /** Fully qualified, unquoted: what Spark's reader and Iceberg's procedures take. */
  public String qualified() {
    return catalog + "." + database + "." + table;
  }

  @Override
  public String toString() {
    return database + "." + table;
  }
}
