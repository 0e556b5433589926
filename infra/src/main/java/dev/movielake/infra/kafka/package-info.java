/**
 * The embedded Kafka broker: a real broker and controller in KRaft combined mode in this JVM, on
 * 127.0.0.1, with its log folder kept across restarts. The pipeline uses it when {@code
 * KAFKA_BOOTSTRAP_SERVERS} is unset; clients see an ordinary Kafka cluster.
 */
package dev.movielake.infra.kafka;
