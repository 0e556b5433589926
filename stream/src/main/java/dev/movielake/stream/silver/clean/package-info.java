/**
 * One cleaner per record type, turning bronze rows into silver rows: typed, trimmed of every kind
 * of whitespace, clamped, enriched (tiers, profit, lead roles), one row per natural key with the
 * version ingested last winning (ties broken by Kafka position, never by row order), and ending
 * with the provenance columns that trace a silver row to its bronze row. A new record type adds its
 * cleaner here.
 */
package dev.movielake.stream.silver.clean;
