/**
 * The benchmarks that {@code pipeline bench NAME} runs: the Iceberg table against plain Parquet
 * (lakehouse), the TMDB simulator into Kafka (ingest), Kafka into bronze and silver with exactly
 * once across killed pipeline JVMs (stream), and the REST API under a load generator in a JVM of
 * its own (serve); the whole pipeline killed anywhere (bronze, silver, a gold refresh, a publish)
 * and compared table by table and collection by collection with an uninterrupted run (crashes, part
 * of concurrency); their synthetic data, and the report each writes as {@code NAME.md} and {@code
 * NAME.json}.
 */
package dev.movielake.bench;
