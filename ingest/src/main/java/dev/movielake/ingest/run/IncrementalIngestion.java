package dev.movielake.ingest.run;

import dev.movielake.config.KafkaConfig;
import dev.movielake.ingest.kafka.RecordPublisher;
import dev.movielake.ingest.tmdb.TmdbClient;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Re-fetches only the movies TMDB reports as changed, window by window (at most 14 days each, as
 * the changes endpoint allows), and moves the cursor after each window is delivered to Kafka.
 */
public final class IncrementalIngestion {
  private final TmdbClient client;
  private final RecordPublisher publisher;
  private final KafkaConfig kafka;
  private final int concurrency;
  private final IngestionProgress progress;

  public IncrementalIngestion(
      TmdbClient client,
      RecordPublisher publisher,
      KafkaConfig kafka,
      int concurrency,
      IngestionProgress progress) {
    this.client = client;
    this.publisher = publisher;
    this.kafka = kafka;
    this.concurrency = concurrency;
    this.progress = progress;
  }

  /**
   * @param since where to start; without it, the cursor; without a cursor, yesterday
   * @param today the last day to sync (the cursor ends here, so the next run re-reads today)
   */
  public IngestionReport run(Optional<LocalDate> since, SyncCursor cursor, LocalDate today) {
    long started = System.nanoTime();
    LocalDate start = since.or(cursor::read).orElse(today.minusDays(1));
    if (start.isAfter(today)) {
      throw new IllegalArgumentException(
          "--since " + start + " is in the future (today is " + today + ")");
    }
    Publishing publishing = new Publishing(publisher, kafka);
    MovieIngestion movieIngestion = new MovieIngestion(client, new TopicMessages(Instant.now()));
    ParallelFetch fetch =
        new ParallelFetch(concurrency, client.counters(), progress, new AtomicBoolean());
    long movies = 0;
    // Every window of one run fetches the current state: a movie changed in two windows comes once.
    Set<Long> fetched = new HashSet<>();
    LocalDate windowStart = start;
    while (true) {
      LocalDate windowEnd = windowStart.plusDays(TmdbClient.MAX_CHANGES_DAYS - 1L);
      if (windowEnd.isAfter(today)) {
        windowEnd = today;
      }
      LocalDate from = windowStart;
      LocalDate to = windowEnd;
      Set<Long> changed = new LinkedHashSet<>();
      client
          .allPages(page -> client.movieChanges(from, to, page), TmdbClient.MAX_PAGE)
          .forEach(entry -> changed.add(entry.path("id").asLong()));
      changed.removeAll(fetched);
      fetched.addAll(changed);
      progress.stage("changes " + from + " to " + to, changed.size());
      movies +=
          publishing.deliver(
              () ->
                  fetch.run(
                      changed,
                      id -> {
                        Optional<MovieIngestion.Result> result = movieIngestion.fetch(id);
                        result.ifPresent(movie -> publishing.send(movie.messages(), () -> {}));
                        return result.isPresent();
                      }));
      cursor.write(windowEnd); // only after Kafka acknowledged the window
      if (!windowEnd.isBefore(today)) {
        break;
      }
      windowStart = windowEnd.plusDays(1);
    }
    return new IngestionReport(
        "incremental",
        Duration.ofNanos(System.nanoTime() - started),
        movies,
        0,
        0,
        client.counters().snapshot(),
        publisher.acknowledged(),
        false);
  }
}
