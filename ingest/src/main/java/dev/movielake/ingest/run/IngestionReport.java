package dev.movielake.ingest.run;

import dev.movielake.ingest.tmdb.TmdbCounters;
import java.time.Duration;
import java.util.Map;

/**
 * What a run did: requests and retries, records acknowledged per topic, items skipped and why.
 *
 * @param movies movies delivered by this run
 * @param resumedMovies movies an interrupted earlier run had already delivered
 */
public record IngestionReport(
    String mode,
    Duration duration,
    long movies,
    long people,
    long resumedMovies,
    TmdbCounters.Snapshot requests,
    Map<String, Long> recordsPerTopic,
    boolean interrupted) {

  public long records() {
    return recordsPerTopic.values().stream().mapToLong(Long::longValue).sum();
  }
}
