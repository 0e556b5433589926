/**
 * Silver -> gold. The business aggregates (by year and genre, the genre summary, by year and
 * language, director and actor filmographies) are recomputed from the current silver state, each
 * table replaced in one commit that records the silver snapshots it came from, and skipped when
 * those have not changed. The two event-time tables ({@code gold.trending_movies}, {@code
 * gold.sentiment_trends}) are streaming sliding-window aggregations over bronze observations
 * cleaned as silver cleans them, bounded by a watermark.
 */
package dev.movielake.stream.gold;
