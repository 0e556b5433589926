package dev.movielake.lakehouse.maintenance;

import dev.movielake.lakehouse.LakehouseCatalog;
import dev.movielake.lakehouse.TableName;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.iceberg.Table;

/**
 * Every table of the catalog, each loaded once: what orphan removal compares a table's location
 * with, since a location another table uses is refused (apache/iceberg#4265). A maintenance run
 * reads them once for all the tables it cleans, instead of every table again for each one; a table
 * whose metadata cannot be loaded is kept with its error, so it fails its own cleaning and is named
 * in the others' results instead of failing the removal for every table.
 */
public final class TableLocations {
  private final Map<TableName, Table> tables;
  private final Map<TableName, String> unreadable;

  private TableLocations(Map<TableName, Table> tables, Map<TableName, String> unreadable) {
    this.tables = tables;
    this.unreadable = unreadable;
  }

  /** Lists the catalog's tables and loads each one; only the listing itself can fail. */
  public static TableLocations load(LakehouseCatalog catalog) {
    Map<TableName, Table> tables = new LinkedHashMap<>();
    Map<TableName, String> unreadable = new LinkedHashMap<>();
    for (TableName name : catalog.listAllTables()) {
      try {
        tables.put(name, catalog.loadTable(name));
      } catch (RuntimeException e) {
        unreadable.put(
            name, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
      }
    }
    return new TableLocations(tables, unreadable);
  }

  /** The table as loaded, when it was listed and its metadata could be read. */
  public Optional<Table> table(TableName name) {
    return Optional.ofNullable(tables.get(name));
  }

  /** Why the table's metadata could not be loaded, when it could not. */
  public Optional<String> error(TableName name) {
    return Optional.ofNullable(unreadable.get(name));
  }

  /** The tables whose metadata could not be loaded, with the error. */
  public Map<TableName, String> unreadable() {
    return Collections.unmodifiableMap(unreadable);
  }

  /** Another table whose location is this location, inside it, or around it. */
  public Optional<TableName> overlapping(TableName table, String location) {
    String own = normalize(location);
    for (Map.Entry<TableName, Table> other : tables.entrySet()) {
      if (other.getKey().equals(table)) {
        continue;
      }
      String theirs = normalize(other.getValue().location());
      if (own.equals(theirs) || own.startsWith(theirs + "/") || theirs.startsWith(own + "/")) {
        return Optional.of(other.getKey());
      }
    }
    return Optional.empty();
  }

  private static String normalize(String location) {
    String value = location.replaceFirst("^file:(//)?", "").replaceFirst("^s3[an]?://", "s3://");
    while (value.endsWith("/")) {
      value = value.substring(0, value.length() - 1);
    }
    return value;
  }
}
