/**
 * The Hive Metastore 2.3 server that {@code dev.movielake.infra.hive} launches in a JVM of its own,
 * because Hive 2.3, Thrift 0.14 and its old Jackson clash with Spark's: the metastore handler bound
 * to 127.0.0.1 only, configured from a properties file so the database password never shows in a
 * command line, and Hive's transaction and lock tables, which Iceberg's HiveCatalog commits through
 * and DataNucleus does not create.
 */
package dev.movielake.servers.hive;
