/**
 * Bronze -> silver: one query per silver table, reading its bronze table through Iceberg's
 * streaming source. Each micro-batch is cleaned, scored for sentiment (reviews), checked against
 * the contract's expectations (a failed {@code FAIL} expectation holds the whole batch), and split:
 * rows failing a {@code DROP} expectation go whole to {@code silver.quarantine}, the rest are
 * upserted by natural key with the latest observation winning; idempotent per batch. Credits and
 * reviews of a quarantined movie are held with it in the quarantine and released with it ({@code
 * MovieHold}). Cleaners, the expectations' evaluation and the sentiment scorer are in the
 * sub-packages.
 */
package dev.movielake.stream.silver;
