/**
 * The doctor: read-only checks of the configuration, the catalog, the warehouse storage, the
 * feature flags, every table's metadata, Kafka, MongoDB and the TMDB key, each with a time limit,
 * and what each found with its fix. Nothing is created and no Spark or embedded server is started.
 * The {@code doctor} command prints the findings.
 */
package dev.movielake.ops.doctor;
