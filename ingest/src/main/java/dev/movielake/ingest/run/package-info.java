/**
 * The ingestion runs from TMDB into Kafka: batch (the lists, then each movie once with credits,
 * reviews and keywords, then its leading cast and directors), continuous (batch cycles until
 * stopped) and incremental (the movies TMDB's changes feed names, window by window), and TMDB JSON
 * turned into each record type's messages. What survives an interruption is on disk: the batch
 * checkpoint holds what Kafka acknowledged and the sync cursor the day incremental sync reached, so
 * a rerun resumes without a second copy of a key on the compacted topics.
 */
package dev.movielake.ingest.run;
