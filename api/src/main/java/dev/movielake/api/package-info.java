/**
 * The REST API on Javalin over the MongoDB serving collections (movies, people, reviews, trends,
 * analytics, quality scores, publish state) and the lakehouse's metadata for operators, with the
 * dashboard (static files under {@code dashboard/}) and health. The route table is the one source
 * of the registered routes and of {@code /openapi.json}; every request passes CORS, the rate limit
 * per client, the API key (kept as SHA-256 digests), parameter validation, the endpoint and the
 * JSON envelope. Searches by title or name use an in-memory index rather than an unanchored regular
 * expression, which cannot use a MongoDB index.
 *
 * <p>No Spark on its class path and no import of stream or publish: collection, table and field
 * names come from the contract in module model, and the lakehouse is read through Iceberg's catalog
 * (sub-package {@code lakehouse}). The database is handed in; whether it is the embedded server is
 * decided in ops wiring.
 */
package dev.movielake.api;
