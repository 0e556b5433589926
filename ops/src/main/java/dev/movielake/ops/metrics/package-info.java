/**
 * The Prometheus endpoint of a long-running pipeline process that is not the API ({@code pipeline
 * stream}): a registry with the JVM's meters, served at {@code /metrics} by the JDK's own HTTP
 * server. The process's parts register their meters in it: the streaming queries ({@code
 * stream.metrics.StreamMetrics}) and the maintenance service.
 */
package dev.movielake.ops.metrics;
