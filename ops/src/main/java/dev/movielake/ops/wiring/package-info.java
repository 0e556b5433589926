/**
 * The embedded-or-real choice, made in this one place for the commands and the benchmarks: the
 * Kafka cluster at {@code KAFKA_BOOTSTRAP_SERVERS} or an embedded broker under the lakehouse
 * folder, the MongoDB at {@code MONGODB_URI} or the embedded server on the lakehouse folder's file,
 * the TMDB API with a key or the TMDB simulator. Ingestion, publishing and the API receive only
 * what this package hands them (a bootstrap address, a database, a TMDB base URL and key), so they
 * run unchanged against the real systems; closing stops only what was started here. The embedded
 * broker and MongoDB are shared by the pipeline processes on one LAKEHOUSE_HOME ({@code
 * SharedServerFolder}).
 */
package dev.movielake.ops.wiring;
