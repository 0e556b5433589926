/**
 * {@code pipeline catalog serve}: the configured Iceberg catalog served over Iceberg's REST catalog
 * protocol to other engines (Trino, DuckDB, PyIceberg, another Spark), through ops' {@code
 * CatalogService}; in the foreground until Ctrl-C or SIGTERM.
 */
package dev.movielake.app.catalog;
