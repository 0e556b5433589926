/**
 * {@code pipeline sql}: the command that runs statements from an argument, a file or standard
 * input, the interactive shell (JLine: history under LAKEHOUSE_HOME, multi-line statements,
 * completion, Ctrl-C cancelling the running statement), and the printing of results as a table,
 * JSON lines or CSV. Splitting, checking and running statements is lakehouse-core's ({@code
 * dev.movielake.lakehouse.sql}).
 */
package dev.movielake.app.sql;
