/**
 * {@code pipeline stream}, {@code pipeline stream status} and {@code pipeline batch}: the streaming
 * pipeline of module stream (Kafka -> bronze -> silver -> gold) run continuously or once over what
 * is available, with the same checkpoints so the two can alternate, publishing to MongoDB on an
 * interval while it runs, and a summary of what every layer holds afterwards. The record types and
 * layers to run are chosen by name from the contract.
 */
package dev.movielake.app.stream;
