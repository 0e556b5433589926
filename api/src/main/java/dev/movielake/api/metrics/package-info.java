/**
 * The pipeline's state as Prometheus gauges at {@code /metrics}: rows and files per table, rows per
 * layer, the age of each table's last commit, dead letters and quarantined rows. They are read from
 * Iceberg metadata on a schedule, not per scrape, so a scrape never reads every table's manifests.
 */
package dev.movielake.api.metrics;
