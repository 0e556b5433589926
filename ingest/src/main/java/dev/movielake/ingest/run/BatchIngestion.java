package dev.movielake.ingest.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.movielake.config.KafkaConfig;
import dev.movielake.ingest.kafka.RecordPublisher;
import dev.movielake.ingest.tmdb.MovieList;
import dev.movielake.ingest.tmdb.TmdbClient;
import dev.movielake.ingest.tmdb.TmdbException;
import dev.movielake.ingest.tmdb.TmdbPage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntFunction;

/**
 * A batch run: lists, then each movie's details with credits and reviews, then the people who lead
 * or direct them. Each movie and person is fetched once per run, even when it appears in several
 * lists. Requests run with the configured concurrency under the client's rate limit.
 */
public final class BatchIngestion {
  /** The lists a batch reads, most useful first. */
  public static final List<MovieList> LISTS =
      List.of(
          MovieList.POPULAR,
          MovieList.TOP_RATED,
          MovieList.NOW_PLAYING,
          MovieList.UPCOMING,
          MovieList.TRENDING_DAY);

  private final TmdbClient client;
  private final RecordPublisher publisher;
  private final KafkaConfig kafka;
  private final int concurrency;
  private final IngestionProgress progress;
  private final AtomicBoolean stopped = new AtomicBoolean();

  public BatchIngestion(
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
   * Asks a running batch to stop after the items in flight; its checkpoint lets the next run
   * resume.
   */
  public void stop() {
    stopped.set(true);
    client.stopRetrying();
  }

  public IngestionReport run(int pages, BatchCheckpoint checkpoint) {
    long started = System.nanoTime();
    TopicMessages messages = new TopicMessages(Instant.now());
    Publishing publishing = new Publishing(publisher, kafka);
    MovieIngestion movieIngestion = new MovieIngestion(client, messages);

    progress.stage("lists", (long) (LISTS.size() + 1) * pages);
    Set<Long> movieIds = new LinkedHashSet<>();
    for (MovieList list : LISTS) {
      movieIds.addAll(ids(page -> client.movies(list, page), pages));
    }
    Set<Long> personIds = ConcurrentHashMap.newKeySet();
    personIds.addAll(ids(page -> client.trendingPeople(false, page), pages));
    long resumed = movieIds.stream().filter(checkpoint.movies()::contains).count();
    movieIds.removeAll(checkpoint.movies());

    ParallelFetch fetch = new ParallelFetch(concurrency, client.counters(), progress, stopped);
    progress.stage("movies", movieIds.size());
    long movies =
        publishing.deliver(
            () ->
                fetch.run(
                    movieIds,
                    id -> {
                      Optional<MovieIngestion.Result> result = movieIngestion.fetch(id);
                      if (result.isEmpty()) {
                        checkpoint.movieDone(
                            id); // gone from TMDB: counted as not found, not retried
                        return false;
                      }
                      personIds.addAll(result.get().people());
                      publishing.send(result.get().messages(), () -> checkpoint.movieDone(id));
                      return true;
                    }));

    personIds.removeAll(checkpoint.people());
    progress.stage("people", stopped.get() ? 0 : personIds.size());
    long people =
        stopped.get()
            ? 0
            : publishing.deliver(
                () ->
                    fetch.run(
                        personIds,
                        id -> {
                          Optional<ObjectNode> person = client.person(id);
                          if (person.isEmpty()) {
                            checkpoint.personDone(id);
                            return false;
                          }
                          publishing.send(
                              List.of(messages.person(person.get())),
                              () -> checkpoint.personDone(id));
                          return true;
                        }));
    if (!stopped.get()) {
      checkpoint.complete();
    }
    return new IngestionReport(
        "batch",
        Duration.ofNanos(System.nanoTime() - started),
        movies,
        people,
        resumed,
        client.counters().snapshot(),
        publisher.acknowledged(),
        stopped.get());
  }

  /** Ids of a list's pages 1 to {@code pages} (fewer when the list ends). */
  private List<Long> ids(IntFunction<TmdbPage> fetch, int pages) {
    List<Long> ids = new ArrayList<>();
    for (int page = 1; page <= pages && !stopped.get(); page++) {
      TmdbPage current;
      try {
        current = fetch.apply(page);
      } catch (TmdbException e) {
        if (stopped.get()) {
          break; // abandoned by the stop: the run ends with what it has, and the next one resumes
        }
        throw e;
      }
      current.results().forEach(entry -> ids.add(entry.path("id").asLong()));
      progress.advance();
      if (!current.hasNext()) {
        break;
      }
    }
    return ids;
  }
}
