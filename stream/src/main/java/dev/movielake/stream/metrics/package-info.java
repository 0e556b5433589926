/**
 * The streaming queries on Prometheus: per query (named by layer and record type, e.g. {@code
 * bronze_movies}) the micro-batch duration, rows per second read and processed, rows read, Kafka
 * lag per topic and failures; the queries active; and per table the streaming commits that collided
 * with another writer's commit and were planned again. Recorded into a Micrometer registry the
 * process serves ({@code ops.metrics.MetricsServer} for {@code pipeline stream}).
 */
package dev.movielake.stream.metrics;
