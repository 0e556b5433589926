package dev.movielake.simulator;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * The simulator's content: movies, people, credits, reviews and the changes feed, deterministic for
 * a seed, a size and the UTC date it was built on. Tests use it to know what the API must have
 * served.
 */
public final class SimulatedCatalog {

  record Change(long movieId, Instant at) {}

  private final List<Long> movieIds;
  private final List<Long> personIds;
  // Movies are replaced (never mutated) when touched, so readers always see a consistent movie.
  private final Map<Long, SimulatedMovie> movies = new ConcurrentHashMap<>();
  private final Map<Long, SimulatedPerson> people;
  private final Map<Long, List<SimulatedCredit>> creditsByMovie;
  private final Map<Long, List<SimulatedCredit>> creditsByPerson;
  private final Map<Long, List<SimulatedReview>> reviewsByMovie;
  private final List<Change> changes;
  private final AtomicInteger touches = new AtomicInteger();
  private final LocalDate today;

  SimulatedCatalog(
      List<SimulatedMovie> movieList,
      List<SimulatedPerson> personList,
      List<SimulatedCredit> credits,
      List<SimulatedReview> reviews,
      List<Change> baseChanges,
      LocalDate today) {
    this.today = today;
    this.movieIds = movieList.stream().map(SimulatedMovie::id).toList();
    movieList.forEach(movie -> movies.put(movie.id(), movie));
    Map<Long, SimulatedPerson> personMap = new LinkedHashMap<>();
    personList.forEach(person -> personMap.put(person.id(), person));
    this.people = Collections.unmodifiableMap(personMap);
    this.personIds = List.copyOf(personMap.keySet());
    this.creditsByMovie =
        credits.stream()
            .collect(
                Collectors.groupingBy(SimulatedCredit::movieId, Collectors.toUnmodifiableList()));
    this.creditsByPerson =
        credits.stream()
            .collect(
                Collectors.groupingBy(SimulatedCredit::personId, Collectors.toUnmodifiableList()));
    this.reviewsByMovie =
        reviews.stream()
            .collect(
                Collectors.groupingBy(SimulatedReview::movieId, Collectors.toUnmodifiableList()));
    this.changes = Collections.synchronizedList(new ArrayList<>(baseChanges));
  }

  /** A catalog for the current UTC date. */
  public static SimulatedCatalog generate(long seed, int movies) {
    return generate(seed, movies, LocalDate.now(ZoneOffset.UTC));
  }

  static SimulatedCatalog generate(long seed, int movies, LocalDate today) {
    return new CatalogGenerator(seed, today).generate(movies);
  }

  /** The UTC date the catalog's relative dates (now playing, upcoming, changes) are anchored on. */
  public LocalDate today() {
    return today;
  }

  /** All movie ids, deleted ones included, in generation order. */
  public List<Long> movieIds() {
    return movieIds;
  }

  public List<Long> personIds() {
    return personIds;
  }

  /**
   * Ids that appear in lists but answer 404 (status_code 34) on details, as TMDB does for removed
   * movies.
   */
  public Set<Long> deletedMovieIds() {
    return movies.values().stream()
        .filter(SimulatedMovie::deleted)
        .map(SimulatedMovie::id)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  /** TMDB review ids (24 hex digits) of a movie, in the order its review pages list them. */
  public List<String> reviewIdsOf(long movieId) {
    return reviewsOf(movieId).stream().map(SimulatedReview::id).toList();
  }

  public int reviewCount(long movieId) {
    return reviewsOf(movieId).size();
  }

  public int castSize(long movieId) {
    return (int) creditsOf(movieId).stream().filter(SimulatedCredit::cast).count();
  }

  public int crewSize(long movieId) {
    return (int) creditsOf(movieId).stream().filter(credit -> !credit.cast()).count();
  }

  public String titleOf(long movieId) {
    return requireMovie(movieId).title();
  }

  public String releaseDateOf(long movieId) {
    return requireMovie(movieId).releaseDate();
  }

  /**
   * Records a change at {@code at} for the changes feed and alters the movie's popularity and vote
   * count.
   */
  public void touch(long movieId, Instant at) {
    int touchNumber = touches.incrementAndGet();
    movies.compute(
        movieId,
        (id, movie) -> {
          if (movie == null)
            throw new IllegalArgumentException("no movie " + movieId + " in the catalog");
          return movie.touched(touchNumber);
        });
    changes.add(new Change(movieId, at));
  }

  /** Movies changed on any day from {@code start} to {@code end}, both inclusive, in UTC. */
  public Set<Long> changedBetween(LocalDate start, LocalDate end) {
    return changedBetween(
        start.atStartOfDay(ZoneOffset.UTC).toInstant(),
        end.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
  }

  /** Movies changed at or after {@code from} and before {@code until}. */
  public Set<Long> changedBetween(Instant from, Instant until) {
    synchronized (changes) {
      return changes.stream()
          .filter(change -> !change.at().isBefore(from) && change.at().isBefore(until))
          .map(Change::movieId)
          .collect(Collectors.toCollection(TreeSet::new));
    }
  }

  Optional<SimulatedMovie> movie(long movieId) {
    return Optional.ofNullable(movies.get(movieId));
  }

  /** Movies in generation order, as they are now (touches included). */
  List<SimulatedMovie> movies() {
    return movieIds.stream().map(movies::get).toList();
  }

  Optional<SimulatedPerson> person(long personId) {
    return Optional.ofNullable(people.get(personId));
  }

  List<SimulatedPerson> people() {
    return List.copyOf(people.values());
  }

  List<SimulatedCredit> creditsOf(long movieId) {
    return creditsByMovie.getOrDefault(movieId, List.of());
  }

  List<SimulatedCredit> creditsOfPerson(long personId) {
    return creditsByPerson.getOrDefault(personId, List.of());
  }

  List<SimulatedReview> reviewsOf(long movieId) {
    return reviewsByMovie.getOrDefault(movieId, List.of());
  }

  private SimulatedMovie requireMovie(long movieId) {
    return movie(movieId)
        .orElseThrow(() -> new IllegalArgumentException("no movie " + movieId + " in the catalog"));
  }
}
