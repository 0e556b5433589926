/**
 * Launches the Hive Metastore 2.3 of module {@code servers/hive-metastore} (the Hive client version
 * Spark uses) in a JVM of its own on 127.0.0.1, backed by PostgreSQL; its libraries clash with
 * Spark's, so it never runs in the pipeline's JVM.
 */
package dev.movielake.infra.hive;
