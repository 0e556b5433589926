/**
 * Kafka -> bronze: one query per record type writing each micro-batch's valid records, with their
 * Kafka coordinates, the raw value and the parsed fields, into the type's raw table (partitioned by
 * the Kafka timestamp's day), and anything else into {@code bronze.dead_letter}, exactly once by
 * Kafka offset. No cleaning here: bronze keeps what Kafka held, so silver and the event-time gold
 * tables can be rebuilt from it. Also the repair of Kafka checkpoints hit by SPARK-55271.
 */
package dev.movielake.stream.bronze;
