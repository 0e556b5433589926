/**
 * The streaming pipeline as a whole: Kafka -> bronze -> silver -> gold as Structured Streaming
 * queries, one checkpoint each under one folder, with the gold aggregates refreshed on a timer; the
 * stream identity kept in a checkpoint, with which a replayed batch recognises what its earlier
 * attempt committed; and the status file through which {@code pipeline stream status} shows the
 * queries from another process. Each step is a sub-package; topic and table names come from the
 * contract in module model.
 */
package dev.movielake.stream;
