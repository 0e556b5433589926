/**
 * The {@code pipeline} command line's entry point: {@code PipelineCommand} registers one picocli
 * class per verb (in the sub-packages, grouped by the module they drive), passes {@code --help},
 * {@code --version} and {@code --verbose} on to all of them and hands them one lakehouse context.
 * Commands parse arguments and print what the modules return; the work itself is done in
 * lakehouse-core, ingest, stream, publish, api, ops and bench, and the printing framework is in
 * module cli.
 */
package dev.movielake.app;
