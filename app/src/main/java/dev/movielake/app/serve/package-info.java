/**
 * {@code pipeline publish} and {@code pipeline serve}: silver and gold into the MongoDB serving
 * collections through module publish, and the REST API, dashboard and metrics of module api over
 * the database ops wiring chooses ({@code MONGODB_URI}, else the embedded server). {@code
 * ServingStack} starts the API with its metrics and lakehouse view in one way, for {@code serve}
 * and for the demo.
 */
package dev.movielake.app.serve;
