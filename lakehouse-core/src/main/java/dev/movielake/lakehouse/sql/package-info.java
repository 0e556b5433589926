/**
 * SQL on the lakehouse's catalog, for the command line's {@code sql} command and shell: a script
 * split into statements ({@link dev.movielake.lakehouse.sql.SqlScript}), what a parsed statement
 * does and whether it only reads ({@link dev.movielake.lakehouse.sql.StatementKind}), running one
 * with its rows, count and time, cancellable from another thread ({@link
 * dev.movielake.lakehouse.sql.SqlEngine}), its errors in one line, and the catalog's names for
 * completion. Printing the results is the command line's.
 */
package dev.movielake.lakehouse.sql;
