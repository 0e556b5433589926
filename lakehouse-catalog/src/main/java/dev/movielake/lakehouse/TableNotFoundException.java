package dev.movielake.lakehouse;

/** A table that does not exist in the catalog. */
public final class TableNotFoundException extends LakehouseException {
  public TableNotFoundException(TableName table) {
    super("table " + table + " does not exist; list the tables with './pipeline tables list'");
  }
}
