package dev.movielake.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The fixed input of the crash benchmark, the same every run: TMDB-shaped movies, a later version
 * of some of them (another popularity, observed later, so silver must keep the newer one), movies
 * without a title (silver quarantines them) and records bronze cannot parse (dead letters).
 *
 * <p>Every observation time lies within nine minutes of one instant: the windowed gold stream drops
 * observations more than 10 minutes behind the latest it has seen, so with a wider spread what it
 * drops would depend on how the records were split into micro-batches, and a crashed run could
 * rightly differ from an uninterrupted one.
 */
final class CrashInput {
  /** 2026-01-01T00:00:00Z, when every movie was first observed, give or take four minutes. */
  static final Instant OBSERVED_FROM = Instant.parse("2026-01-01T00:00:00Z");

  private static final long SPREAD_SECONDS = 240;
  private static final long UPDATE_DELAY_SECONDS = 300;
  private static final int INVALID_EVERY = 100;

  private CrashInput() {}

  /**
   * @param movies movies with a first version; a tenth get a second version, and about one in a
   *     hundred records is a movie without a title or a record bronze rejects
   */
  static List<MovieMessage> messages(long movies) {
    List<MovieMessage> messages = new ArrayList<>();
    long half = movies / 2;
    for (long id = 1; id <= movies; id++) {
      messages.add(MovieMessage.of(id, firstObservation(id)));
      // Second versions of the first half's movies arrive spread over the second half.
      if (id > half && (id - half) % 5 == 0) {
        messages.add(update(id - half));
      }
      if (id % INVALID_EVERY == 0) {
        messages.add(withoutTitle(movies + id / INVALID_EVERY));
      }
      if (id % INVALID_EVERY == INVALID_EVERY / 2) {
        messages.add(unreadable(id / INVALID_EVERY));
      }
    }
    return List.copyOf(messages);
  }

  private static double firstObservation(long id) {
    return OBSERVED_FROM.getEpochSecond() + id % SPREAD_SECONDS;
  }

  /** The same movie observed five minutes later with another popularity. */
  private static MovieMessage update(long id) {
    MovieMessage first = MovieMessage.of(id, firstObservation(id) + UPDATE_DELAY_SECONDS + id % 60);
    String popularity = String.format(Locale.ROOT, "%.3f", 1 + (id * 7 % 1990) / 10.0);
    return new MovieMessage(
        first.key(),
        first.value().replaceFirst("\"popularity\":[0-9.]+", "\"popularity\":" + popularity));
  }

  /** A movie whose title is empty: it fails silver's dropping expectation {@code title_present}. */
  private static MovieMessage withoutTitle(long id) {
    MovieMessage movie = MovieMessage.of(id, firstObservation(id));
    return new MovieMessage(
        movie.key(), movie.value().replaceFirst("\"title\":\"[^\"]*\"", "\"title\":\"\""));
  }

  /** Not JSON at all, or JSON without the movie id: bronze's dead letters. */
  private static MovieMessage unreadable(long number) {
    return number % 2 == 0
        ? new MovieMessage("unreadable-" + number, "movie " + number + " <html>not JSON</html>")
        : new MovieMessage(
            "unreadable-" + number, "{\"title\":\"Movie without an id " + number + "\"}");
  }
}
