/**
 * Bringing a local folder of Parquet files into a layer's Iceberg table ({@code pipeline migrate}):
 * in place by Iceberg's {@code snapshot}, {@code migrate} or {@code add_files} procedures, or by
 * rewriting the rows through the storage manager; with a dry run that changes nothing, and
 * validation that compares the row count and an order-independent checksum of the folder and the
 * table.
 */
package dev.movielake.lakehouse.migration;
