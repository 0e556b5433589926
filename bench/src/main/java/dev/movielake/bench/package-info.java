/**
 * The benchmarks that {@code pipeline bench NAME} runs: the Iceberg table against plain Parquet
 * (lakehouse), the TMDB simulator into Kafka (ingest), Kafka into bronze and silver with exactly
 * once across killed pipeline JVMs (stream), the REST API under a load generator in a JVM of its
 * own (serve), and reliability (concurrency): eight writer JVMs on one table on the PostgreSQL and
 * Hive catalogs, and the whole pipeline killed anywhere (bronze, silver, a gold refresh, a publish)
 * and compared table by table and collection by collection with an uninterrupted run; their
 * synthetic data, and the report each writes as {@code NAME.md} and {@code NAME.json}.
 */
package dev.movielake.bench;
