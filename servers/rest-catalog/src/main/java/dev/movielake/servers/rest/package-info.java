/**
 * The Iceberg REST catalog server that {@code dev.movielake.infra.rest} launches in a JVM of its
 * own: Iceberg's reference REST implementation on Jetty, over a catalog built from Iceberg
 * properties (a JdbcCatalog on SQLite or PostgreSQL) read from a file. Its unshaded Iceberg core
 * and Jetty 11 would clash with Spark's Iceberg runtime, hence a module and a JVM of its own.
 */
package dev.movielake.servers.rest;
