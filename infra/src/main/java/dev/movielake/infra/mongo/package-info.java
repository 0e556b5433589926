/**
 * The embedded MongoDB-compatible server (mongo-java-server, with an H2 file or in memory) on
 * 127.0.0.1, used when {@code MONGODB_URI} is unset. Clients use the official driver, so a real
 * MongoDB works unchanged; it lacks text search, transactions and change streams, which serving
 * does not use.
 */
package dev.movielake.infra.mongo;
