/**
 * Kafka for ingestion: each record type's topic as this deployment names it, with the policy the
 * contract gives it (partitions, cleanup, retention, message size), created when missing and
 * otherwise left as it is; and the publisher, idempotent with {@code acks=all} and compressed, that
 * re-throws the first lost delivery at flush so a run never reports records it lost. It takes a
 * bootstrap address: whether that is the embedded broker is decided in ops wiring.
 */
package dev.movielake.ingest.kafka;
