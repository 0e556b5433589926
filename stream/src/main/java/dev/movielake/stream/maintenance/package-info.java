/**
 * The maintenance service on the pipeline's tables: its log is the contract's {@code
 * silver.maintenance_log}, and it runs beside the streaming queries (in {@code pipeline stream}) or
 * on its own ({@code pipeline maintain auto}).
 */
package dev.movielake.stream.maintenance;
