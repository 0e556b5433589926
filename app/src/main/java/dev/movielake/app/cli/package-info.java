/**
 * The commands that work on the lakehouse's tables directly ({@code tables}, {@code schema}, {@code
 * partitions}, {@code maintain}, {@code migrate}, {@code quality}) and what every command shares:
 * {@code LakehouseCommand}, whose output goes through picocli's writers so stdout holds only the
 * result, and {@code LakehouseContext}, which creates the configuration, the Spark session and the
 * storage manager on first use, so {@code --help}, usage errors and failed validation never start
 * Spark. Progress goes to stderr; Spark rows become plain Java values before they are printed.
 *
 * <p>Not the framework: text tables, JSON, the {@code LAYER TABLE} arguments and error lines are in
 * module cli ({@code dev.movielake.cli}), which has no commands.
 */
package dev.movielake.app.cli;
