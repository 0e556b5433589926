/**
 * The pipeline's contract: what every layer agrees on, defined once. The record types that flow
 * from TMDB through Kafka into the lakehouse (their topic, key fields and JSON shape, and their
 * bronze and silver tables), the catalogue of every pipeline table with its layer and the tables it
 * is computed from, what each table's rows are expected to meet (with what a failure does: {@code
 * expectation}), and the MongoDB collections the API serves. Ingestion, streaming, publishing, the
 * API and operations read names from here; none of them spells a topic, table or collection.
 *
 * <p>Engine-neutral on purpose: partitioning is written as Iceberg transform expressions and record
 * shapes as Spark SQL DDL text, which the engines parse, so this module depends on nothing (the
 * layers are defined here too).
 */
package dev.movielake.model;
