/**
 * The TMDB simulator: TMDB's v3 endpoints and response shapes served over real HTTP on 127.0.0.1,
 * from a movie catalogue generated deterministically for a seed, with a changes feed, TMDB's
 * authentication and rate limit, injected faults (429, 5xx, timeouts) and latency, data faults for
 * the quality gates (empty pages, null fields, duplicated keys, out-of-range values, schema drift
 * in good answers), and statistics of the requests it answered. Ingestion runs against it when no
 * TMDB key is configured, and {@code pipeline tmdb-sim} serves it on its own.
 */
package dev.movielake.simulator;
