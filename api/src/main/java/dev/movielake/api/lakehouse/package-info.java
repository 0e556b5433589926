/**
 * What the API shows operators about the lakehouse (tables, statistics, snapshots, history,
 * maintenance state), read from Iceberg metadata through lakehouse-catalog, never from data files
 * and without Spark. {@code LakehouseView} is the narrow interface the endpoints and metrics use,
 * so tests give them a fake instead of a catalog.
 */
package dev.movielake.api.lakehouse;
