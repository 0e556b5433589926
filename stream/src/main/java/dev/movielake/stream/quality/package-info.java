/**
 * The quality monitor over whole tables ({@code pipeline quality} and the scheduled quality job):
 * per table, scores for schema, freshness, volume, completeness and validity, the last two with the
 * contract's expectations over every row; the score's level, the table {@code
 * silver.quality_scores} with every run, and the webhook alert below the threshold. The per-batch
 * checks stay with the streams in {@code dev.movielake.stream.silver.quality}; low scores are a
 * result, never a failed run.
 */
package dev.movielake.stream.quality;
