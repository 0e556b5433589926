/**
 * Launches the Iceberg REST catalog server of module {@code servers/rest-catalog} in a JVM of its
 * own on 127.0.0.1, serving a catalog such as a JdbcCatalog; its unshaded Iceberg core and Jetty 11
 * would clash with Spark's Iceberg runtime.
 */
package dev.movielake.infra.rest;
