/**
 * The TMDB API v3 client: the movie lists, discover and search, movie details (with {@code
 * append_to_response}), credits, reviews, people and the changes feed, paged; and the transport's
 * rules: at most the configured requests per second with retries counted, 429 waiting for {@code
 * Retry-After}, 5xx and timeouts retried with backoff and jitter, 401 stopping the run, 404 a
 * counted and named empty result. It takes a base URL and a key; the simulator it runs against
 * without a key is module tmdb-simulator.
 */
package dev.movielake.ingest.tmdb;
