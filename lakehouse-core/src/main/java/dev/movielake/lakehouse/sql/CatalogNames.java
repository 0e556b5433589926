package dev.movielake.lakehouse.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.connector.catalog.CatalogPlugin;
import org.apache.spark.sql.connector.catalog.Column;
import org.apache.spark.sql.connector.catalog.Identifier;
import org.apache.spark.sql.connector.catalog.SupportsNamespaces;
import org.apache.spark.sql.connector.catalog.TableCatalog;

/**
 * The names in the session's current catalog, for completion: its namespaces (the lakehouse's
 * layers), their tables and the tables' columns. Read from the catalog's metadata (one table load
 * each, no Spark job); a table that cannot be loaded contributes its name without columns.
 *
 * @param catalog the catalog's name
 * @param tables the tables by namespace, each with its column names in order
 */
public record CatalogNames(String catalog, Map<String, Map<String, List<String>>> tables) {
  /** Nothing known yet. */
  public static CatalogNames none(String catalog) {
    return new CatalogNames(catalog, Map.of());
  }

  /** Reads the names of the session's current catalog. */
  public static CatalogNames read(SparkSession spark) {
    CatalogPlugin plugin = spark.sessionState().catalogManager().currentCatalog();
    Map<String, Map<String, List<String>>> tables = new TreeMap<>();
    if (plugin instanceof SupportsNamespaces namespaces && plugin instanceof TableCatalog catalog) {
      try {
        for (String[] namespace : namespaces.listNamespaces()) {
          Map<String, List<String>> columns = new TreeMap<>();
          for (Identifier table : catalog.listTables(namespace)) {
            columns.put(table.name(), columnsOf(catalog, table));
          }
          tables.put(String.join(".", namespace), columns);
        }
      } catch (Exception e) {
        // Completion is a convenience: an unreachable catalog leaves it to keywords.
        return none(plugin.name());
      }
    }
    return new CatalogNames(plugin.name(), tables);
  }

  private static List<String> columnsOf(TableCatalog catalog, Identifier table) {
    try {
      List<String> names = new ArrayList<>();
      for (Column column : catalog.loadTable(table).columns()) {
        names.add(column.name());
      }
      return names;
    } catch (Exception e) {
      return List.of();
    }
  }

  /** Every column name of every table, once each. */
  public List<String> columns() {
    TreeSet<String> names = new TreeSet<>();
    tables.values().forEach(columns -> columns.values().forEach(names::addAll));
    return List.copyOf(names);
  }
}
