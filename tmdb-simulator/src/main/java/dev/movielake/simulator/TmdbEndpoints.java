package dev.movielake.simulator;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The TMDB v3 endpoints: maps a path below /3 and its query parameters to a response. Knows nothing
 * of HTTP transport, authentication or faults.
 */
final class TmdbEndpoints {
  static final String UNKNOWN = "unknown";
  private static final int TOP_RATED_MINIMUM_VOTES = 200;
  private static final int MAX_APPENDS = 20;
  private static final long MAX_CHANGES_WINDOW_DAYS = 14;

  private final SimulatedCatalog catalog;
  private final TmdbResponses responses;
  private final long seed;

  TmdbEndpoints(SimulatedCatalog catalog, long seed) {
    this.catalog = catalog;
    this.responses = new TmdbResponses(catalog);
    this.seed = seed;
  }

  /**
   * The endpoint template for a path below /3 (e.g. "movie/{id}"), used for routing and statistics.
   */
  static String templateOf(String path) {
    String[] s =
        Arrays.stream(path.split("/")).filter(part -> !part.isEmpty()).toArray(String[]::new);
    if (s.length == 2
        && s[0].equals("movie")
        && Set.of("popular", "top_rated", "now_playing", "upcoming", "changes").contains(s[1]))
      return "movie/" + s[1];
    if (s.length == 2 && s[0].equals("movie")) return "movie/{id}";
    if (s.length == 3
        && s[0].equals("movie")
        && Set.of("reviews", "credits", "keywords").contains(s[2])) return "movie/{id}/" + s[2];
    if (s.length == 3 && s[0].equals("trending") && (s[1].equals("movie") || s[1].equals("person")))
      return "trending/" + s[1] + "/{time_window}";
    if (s.length == 2 && s[0].equals("discover") && s[1].equals("movie")) return "discover/movie";
    if (s.length == 2 && s[0].equals("person")) return "person/{id}";
    if (s.length == 3 && s[0].equals("person") && s[2].equals("movie_credits"))
      return "person/{id}/movie_credits";
    if (s.length == 3 && s[0].equals("genre") && s[1].equals("movie") && s[2].equals("list"))
      return "genre/movie/list";
    if (s.length == 2 && s[0].equals("search") && (s[1].equals("movie") || s[1].equals("person")))
      return "search/" + s[1];
    return UNKNOWN;
  }

  SimulatedResponse answer(String path, Function<String, String> query, Instant now) {
    String template = templateOf(path);
    String[] segments =
        Arrays.stream(path.split("/")).filter(part -> !part.isEmpty()).toArray(String[]::new);
    if (template.equals("genre/movie/list")) return SimulatedResponse.ok(TmdbResponses.genreList());
    if (template.equals(UNKNOWN)) return SimulatedResponse.error(TmdbError.NOT_FOUND);

    Optional<Integer> page = page(query.apply("page"));
    if (page.isEmpty()) return SimulatedResponse.error(TmdbError.INVALID_PAGE);
    int pageNumber = page.get();

    return switch (template) {
      case "movie/popular" -> movieList(pageNumber, "popular", byPopularity(), movie -> true, true);
      case "movie/top_rated" ->
          movieList(
              pageNumber,
              "top_rated",
              Comparator.comparingDouble(SimulatedMovie::voteAverage)
                  .reversed()
                  .thenComparing(SimulatedMovie::id),
              movie -> movie.voteCount() >= TOP_RATED_MINIMUM_VOTES,
              false);
      case "movie/now_playing" ->
          datedList(pageNumber, catalog.today().minusDays(40), catalog.today());
      case "movie/upcoming" ->
          datedList(pageNumber, catalog.today().plusDays(1), catalog.today().plusDays(60));
      case "movie/changes" -> changes(pageNumber, query, now);
      case "movie/{id}" ->
          withMovie(segments[1], movie -> movieDetails(movie, query.apply("append_to_response")));
      case "movie/{id}/reviews" ->
          withMovie(
              segments[1],
              movie -> SimulatedResponse.ok(responses.reviews(movie.id(), pageNumber, true)));
      case "movie/{id}/credits" ->
          withMovie(
              segments[1], movie -> SimulatedResponse.ok(responses.credits(movie.id(), true)));
      case "movie/{id}/keywords" ->
          withMovie(segments[1], movie -> SimulatedResponse.ok(responses.keywords(movie, true)));
      case "trending/movie/{time_window}" -> trendingMovies(segments[2], pageNumber);
      case "trending/person/{time_window}" -> trendingPeople(segments[2], pageNumber);
      case "discover/movie" -> discover(pageNumber, query);
      case "person/{id}" ->
          withPerson(segments[1], person -> SimulatedResponse.ok(responses.personDetails(person)));
      case "person/{id}/movie_credits" ->
          withPerson(
              segments[1], person -> SimulatedResponse.ok(responses.personMovieCredits(person)));
      case "search/movie" -> searchMovies(pageNumber, query.apply("query"));
      case "search/person" -> searchPeople(pageNumber, query.apply("query"));
      default -> SimulatedResponse.error(TmdbError.NOT_FOUND);
    };
  }

  private static Optional<Integer> page(String value) {
    if (value == null || value.isBlank()) return Optional.of(1);
    try {
      int page = Integer.parseInt(value.trim());
      return page >= 1 && page <= TmdbResponses.MAX_PAGE ? Optional.of(page) : Optional.empty();
    } catch (NumberFormatException notANumber) {
      return Optional.empty();
    }
  }

  private SimulatedResponse movieList(
      int page,
      String listName,
      Comparator<SimulatedMovie> order,
      Predicate<SimulatedMovie> filter,
      boolean shifting) {
    List<SimulatedMovie> sorted = catalog.movies().stream().filter(filter).sorted(order).toList();
    if (shifting) sorted = withPagingShifts(sorted, listName);
    return SimulatedResponse.ok(
        TmdbResponses.page(page, sorted, TmdbResponses.PAGE_SIZE, responses::movieListEntry));
  }

  /**
   * Live TMDB lists re-rank while a client pages, so the last entry of one page sometimes reappears
   * first on the next. Simulated by repeating that entry at about one page boundary in five (chosen
   * by the seed); nothing is lost.
   */
  private <T> List<T> withPagingShifts(List<T> sorted, String listName) {
    List<T> shifted = new ArrayList<>(sorted.size() + sorted.size() / 50);
    for (int i = 0; i < sorted.size(); i++) {
      if (i > 0
          && shifted.size() % TmdbResponses.PAGE_SIZE == 0
          && new SplittableRandom(seed * 31 + listName.hashCode() * 17L + shifted.size()).nextInt(5)
              == 0) {
        shifted.add(sorted.get(i - 1));
      }
      shifted.add(sorted.get(i));
    }
    return shifted;
  }

  private SimulatedResponse datedList(int page, LocalDate minimum, LocalDate maximum) {
    List<SimulatedMovie> movies =
        catalog.movies().stream()
            .filter(movie -> !movie.releaseDate().isEmpty())
            .filter(
                movie -> {
                  LocalDate released = LocalDate.parse(movie.releaseDate());
                  return !released.isBefore(minimum) && !released.isAfter(maximum);
                })
            .sorted(byPopularity())
            .toList();
    return SimulatedResponse.ok(
        TmdbResponses.withDates(
            TmdbResponses.page(page, movies, TmdbResponses.PAGE_SIZE, responses::movieListEntry),
            minimum,
            maximum));
  }

  private SimulatedResponse trendingMovies(String timeWindow, int page) {
    if (!timeWindow.equals("day") && !timeWindow.equals("week"))
      return SimulatedResponse.error(TmdbError.NOT_FOUND);
    Comparator<SimulatedMovie> score =
        timeWindow.equals("day")
            ? Comparator.comparingDouble(SimulatedMovie::trendingDayScore)
            : Comparator.comparingDouble(SimulatedMovie::trendingWeekScore);
    List<SimulatedMovie> sorted =
        catalog.movies().stream()
            .sorted(score.reversed().thenComparing(SimulatedMovie::id))
            .toList();
    return SimulatedResponse.ok(
        TmdbResponses.page(
            page,
            withPagingShifts(sorted, "trending/movie/" + timeWindow),
            TmdbResponses.PAGE_SIZE,
            responses::trendingMovieEntry));
  }

  private SimulatedResponse trendingPeople(String timeWindow, int page) {
    if (!timeWindow.equals("day") && !timeWindow.equals("week"))
      return SimulatedResponse.error(TmdbError.NOT_FOUND);
    Comparator<SimulatedPerson> score =
        timeWindow.equals("day")
            ? Comparator.comparingDouble(SimulatedPerson::trendingDayScore)
            : Comparator.comparingDouble(SimulatedPerson::trendingWeekScore);
    List<SimulatedPerson> sorted =
        catalog.people().stream()
            .sorted(score.reversed().thenComparing(SimulatedPerson::id))
            .toList();
    return SimulatedResponse.ok(
        TmdbResponses.page(
            page,
            withPagingShifts(sorted, "trending/person/" + timeWindow),
            TmdbResponses.PAGE_SIZE,
            person -> responses.personListEntry(person, true)));
  }

  private SimulatedResponse discover(int page, Function<String, String> query) {
    Predicate<SimulatedMovie> filter = movie -> true;
    LocalDate from = date(query.apply("primary_release_date.gte"));
    LocalDate to = date(query.apply("primary_release_date.lte"));
    if (from != null || to != null) {
      filter =
          filter.and(
              movie ->
                  !movie.releaseDate().isEmpty()
                      && (from == null || !LocalDate.parse(movie.releaseDate()).isBefore(from))
                      && (to == null || !LocalDate.parse(movie.releaseDate()).isAfter(to)));
    }
    String minimumVotes = query.apply("vote_count.gte");
    if (minimumVotes != null && minimumVotes.matches("\\d+")) {
      int votes = Integer.parseInt(minimumVotes);
      filter = filter.and(movie -> movie.voteCount() >= votes);
    }
    String genres = query.apply("with_genres");
    if (genres != null && !genres.isBlank()) {
      // TMDB: comma means all of the genres, pipe means any of them.
      boolean any = genres.contains("|");
      List<Integer> wanted =
          Arrays.stream(genres.split("[,|]"))
              .map(String::trim)
              .filter(id -> id.matches("\\d+"))
              .map(Integer::valueOf)
              .toList();
      filter =
          filter.and(
              movie ->
                  any
                      ? wanted.stream().anyMatch(movie.genreIds()::contains)
                      : movie.genreIds().containsAll(wanted));
    }
    List<SimulatedMovie> movies =
        catalog.movies().stream()
            .filter(filter)
            .sorted(discoverOrder(query.apply("sort_by")))
            .toList();
    return SimulatedResponse.ok(
        TmdbResponses.page(page, movies, TmdbResponses.PAGE_SIZE, responses::movieListEntry));
  }

  private static Comparator<SimulatedMovie> discoverOrder(String sortBy) {
    String value = sortBy == null ? "popularity.desc" : sortBy;
    boolean ascending = value.endsWith(".asc");
    Comparator<SimulatedMovie> order =
        switch (value.replaceFirst("\\.(asc|desc)$", "")) {
          case "vote_average" -> Comparator.comparingDouble(SimulatedMovie::voteAverage);
          case "vote_count" -> Comparator.comparingInt(SimulatedMovie::voteCount);
          // Unknown release dates ("") sort as the earliest.
          case "primary_release_date" -> Comparator.comparing(SimulatedMovie::releaseDate);
          default -> Comparator.comparingDouble(SimulatedMovie::popularity);
        };
    return (ascending ? order : order.reversed()).thenComparing(SimulatedMovie::id);
  }

  private SimulatedResponse changes(int page, Function<String, String> query, Instant now) {
    Set<Long> changed;
    String start = query.apply("start_date");
    String end = query.apply("end_date");
    if (start == null && end == null) {
      changed = catalog.changedBetween(now.minus(1, ChronoUnit.DAYS), now.plusMillis(1));
    } else {
      LocalDate startDate = date(start);
      LocalDate endDate = date(end);
      if ((start != null && startDate == null) || (end != null && endDate == null))
        return SimulatedResponse.error(TmdbError.INVALID_DATE);
      if (endDate == null) endDate = now.atZone(ZoneOffset.UTC).toLocalDate();
      if (startDate == null) startDate = endDate.minusDays(1);
      if (startDate.isAfter(endDate)) return SimulatedResponse.error(TmdbError.INVALID_DATE);
      if (ChronoUnit.DAYS.between(startDate, endDate) > MAX_CHANGES_WINDOW_DAYS)
        return SimulatedResponse.error(TmdbError.INVALID_DATE_RANGE);
      changed = catalog.changedBetween(startDate, endDate);
    }
    List<SimulatedMovie> movies =
        changed.stream().map(catalog::movie).flatMap(Optional::stream).toList();
    return SimulatedResponse.ok(
        TmdbResponses.page(
            page, movies, TmdbResponses.CHANGES_PAGE_SIZE, TmdbResponses::changeEntry));
  }

  private SimulatedResponse movieDetails(SimulatedMovie movie, String appendToResponse) {
    List<String> appends =
        appendToResponse == null
            ? List.of()
            : Arrays.stream(appendToResponse.split(","))
                .map(String::trim)
                .filter(item -> !item.isEmpty())
                .toList();
    if (appends.size() > MAX_APPENDS) return SimulatedResponse.error(TmdbError.TOO_MANY_APPENDS);
    return SimulatedResponse.ok(responses.movieDetails(movie, appends));
  }

  private SimulatedResponse searchMovies(int page, String text) {
    if (text == null || text.isBlank())
      return SimulatedResponse.ok(
          TmdbResponses.page(page, List.of(), TmdbResponses.PAGE_SIZE, movie -> movie));
    String needle = text.trim().toLowerCase(Locale.ROOT);
    List<SimulatedMovie> found =
        catalog.movies().stream()
            .filter(
                movie ->
                    movie.title().toLowerCase(Locale.ROOT).contains(needle)
                        || movie.originalTitle().toLowerCase(Locale.ROOT).contains(needle))
            .sorted(byPopularity())
            .toList();
    return SimulatedResponse.ok(
        TmdbResponses.page(page, found, TmdbResponses.PAGE_SIZE, responses::movieListEntry));
  }

  private SimulatedResponse searchPeople(int page, String text) {
    if (text == null || text.isBlank())
      return SimulatedResponse.ok(
          TmdbResponses.page(page, List.of(), TmdbResponses.PAGE_SIZE, person -> person));
    String needle = text.trim().toLowerCase(Locale.ROOT);
    List<SimulatedPerson> found =
        catalog.people().stream()
            .filter(person -> person.name().toLowerCase(Locale.ROOT).contains(needle))
            .sorted(
                Comparator.comparingDouble(SimulatedPerson::popularity)
                    .reversed()
                    .thenComparing(SimulatedPerson::id))
            .toList();
    return SimulatedResponse.ok(
        TmdbResponses.page(
            page,
            found,
            TmdbResponses.PAGE_SIZE,
            person -> responses.personListEntry(person, false)));
  }

  private SimulatedResponse withMovie(
      String id, Function<SimulatedMovie, SimulatedResponse> answer) {
    return parseId(id)
        .flatMap(catalog::movie)
        .filter(movie -> !movie.deleted())
        .map(answer)
        .orElseGet(() -> SimulatedResponse.error(TmdbError.NOT_FOUND));
  }

  private SimulatedResponse withPerson(
      String id, Function<SimulatedPerson, SimulatedResponse> answer) {
    return parseId(id)
        .flatMap(catalog::person)
        .map(answer)
        .orElseGet(() -> SimulatedResponse.error(TmdbError.NOT_FOUND));
  }

  private static Optional<Long> parseId(String id) {
    // TMDB accepts slugs like "550-fight-club"; only the leading number counts.
    String digits = id.split("-", 2)[0];
    return digits.matches("\\d{1,18}") ? Optional.of(Long.parseLong(digits)) : Optional.empty();
  }

  private static LocalDate date(String value) {
    if (value == null || value.isBlank()) return null;
    try {
      return LocalDate.parse(value.trim());
    } catch (DateTimeParseException invalid) {
      return null;
    }
  }

  private static Comparator<SimulatedMovie> byPopularity() {
    return Comparator.comparingDouble(SimulatedMovie::popularity)
        .reversed()
        .thenComparing(SimulatedMovie::id);
  }
}
