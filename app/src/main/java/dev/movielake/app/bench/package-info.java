/**
 * {@code pipeline bench NAME}: picks the benchmark by name, prints its comparison table and where
 * the report was written. The benchmarks, their synthetic data and load generator are in module
 * bench.
 */
package dev.movielake.app.bench;
