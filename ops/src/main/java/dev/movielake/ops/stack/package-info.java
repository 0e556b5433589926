/**
 * The local production-like stack without Docker: PostgreSQL, a Hive Metastore on it, an S3 server,
 * Kafka and a MongoDB-compatible server under one folder, owned by one supervisor process, and the
 * files through which the commands see it ({@code stack.json}: its state; {@code stack.env}: the
 * variables that point the pipeline at it). The {@code stack} command and {@code demo --stack} use
 * it.
 */
package dev.movielake.ops.stack;
