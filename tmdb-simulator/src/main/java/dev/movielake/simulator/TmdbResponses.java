package dev.movielake.simulator;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * TMDB v3 JSON shapes, built as ordered maps so every body is byte-for-byte repeatable. Field names
 * and nesting follow the real API, including its quirks (genre_ids in lists, genres in details;
 * appended sub-responses without their own id).
 */
final class TmdbResponses {
  static final int PAGE_SIZE = 20;
  static final int CHANGES_PAGE_SIZE = 100;
  static final int MAX_PAGE = 500;

  private final SimulatedCatalog catalog;

  TmdbResponses(SimulatedCatalog catalog) {
    this.catalog = catalog;
  }

  static Map<String, Object> error(TmdbError error) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("success", false);
    body.put("status_code", error.statusCode);
    body.put("status_message", error.message);
    return body;
  }

  /** A page of {@code all}; pages beyond the end are empty, as TMDB answers them. */
  static <T> Map<String, Object> page(
      int page, List<T> all, int pageSize, Function<T, Object> shape) {
    int totalResults = all.size();
    int totalPages = Math.min(MAX_PAGE, (totalResults + pageSize - 1) / pageSize);
    List<Object> results = new ArrayList<>();
    int from = (page - 1) * pageSize;
    for (int i = from; i < Math.min(totalResults, from + pageSize); i++)
      results.add(shape.apply(all.get(i)));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("page", page);
    body.put("results", results);
    body.put("total_pages", totalPages);
    body.put("total_results", totalResults);
    return body;
  }

  Map<String, Object> movieListEntry(SimulatedMovie movie) {
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("adult", movie.adult());
    entry.put("backdrop_path", movie.backdropPath());
    entry.put("genre_ids", movie.genreIds());
    entry.put("id", movie.id());
    entry.put("original_language", movie.originalLanguage());
    entry.put("original_title", movie.originalTitle());
    entry.put("overview", movie.overview());
    entry.put("popularity", movie.popularity());
    entry.put("poster_path", movie.posterPath());
    entry.put("release_date", movie.releaseDate());
    entry.put("title", movie.title());
    entry.put("video", movie.video());
    entry.put("vote_average", movie.voteAverage());
    entry.put("vote_count", movie.voteCount());
    return entry;
  }

  /** Trending and multi-type lists tag each entry with its media type. */
  Map<String, Object> trendingMovieEntry(SimulatedMovie movie) {
    Map<String, Object> entry = movieListEntry(movie);
    entry.put("media_type", "movie");
    return entry;
  }

  Map<String, Object> movieDetails(SimulatedMovie movie, List<String> appends) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("adult", movie.adult());
    details.put("backdrop_path", movie.backdropPath());
    SimulatedMovie.Collection collection = movie.collection();
    details.put(
        "belongs_to_collection",
        collection == null
            ? null
            : ordered(
                "id",
                collection.id(),
                "name",
                collection.name(),
                "poster_path",
                collection.posterPath(),
                "backdrop_path",
                collection.backdropPath()));
    details.put("budget", movie.budget());
    details.put("genres", movie.genreIds().stream().map(TmdbResponses::genre).toList());
    details.put("homepage", movie.homepage());
    details.put("id", movie.id());
    details.put("imdb_id", movie.imdbId());
    details.put("origin_country", movie.countryCodes().subList(0, 1));
    details.put("original_language", movie.originalLanguage());
    details.put("original_title", movie.originalTitle());
    details.put("overview", movie.overview());
    details.put("popularity", movie.popularity());
    details.put("poster_path", movie.posterPath());
    details.put(
        "production_companies",
        movie.companies().stream()
            .map(
                company ->
                    ordered(
                        "id",
                        company.id(),
                        "logo_path",
                        company.logoPath(),
                        "name",
                        company.name(),
                        "origin_country",
                        company.originCountry()))
            .toList());
    details.put(
        "production_countries",
        movie.countryCodes().stream()
            .map(
                code ->
                    ordered(
                        "iso_3166_1",
                        code,
                        "name",
                        new Locale("", code).getDisplayCountry(Locale.ENGLISH)))
            .toList());
    details.put("release_date", movie.releaseDate());
    details.put("revenue", movie.revenue());
    details.put("runtime", movie.runtime());
    details.put(
        "spoken_languages",
        movie.languageCodes().stream().map(TmdbResponses::spokenLanguage).toList());
    details.put("status", movie.status());
    if (movie.tagline() != null) details.put("tagline", movie.tagline());
    details.put("title", movie.title());
    details.put("video", movie.video());
    details.put("vote_average", movie.voteAverage());
    details.put("vote_count", movie.voteCount());
    for (String append : appends) {
      switch (append) {
        case "credits" -> details.put("credits", credits(movie.id(), false));
        case "reviews" -> details.put("reviews", reviews(movie.id(), 1, false));
        case "keywords" -> details.put("keywords", keywords(movie, false));
        default -> {} // TMDB ignores append items it does not know
      }
    }
    return details;
  }

  Map<String, Object> credits(long movieId, boolean withId) {
    List<Object> cast = new ArrayList<>();
    List<Object> crew = new ArrayList<>();
    for (SimulatedCredit credit : catalog.creditsOf(movieId)) {
      SimulatedPerson person = catalog.person(credit.personId()).orElseThrow();
      Map<String, Object> member = new LinkedHashMap<>();
      member.put("adult", false);
      member.put("gender", person.gender());
      member.put("id", person.id());
      member.put("known_for_department", person.knownForDepartment());
      member.put("name", person.name());
      member.put("original_name", person.name());
      member.put("popularity", person.popularity());
      member.put("profile_path", person.profilePath());
      if (credit.cast()) {
        member.put("cast_id", credit.castId());
        member.put("character", credit.character());
        member.put("credit_id", credit.creditId());
        member.put("order", credit.order());
        cast.add(member);
      } else {
        member.put("credit_id", credit.creditId());
        member.put("department", credit.department());
        member.put("job", credit.job());
        crew.add(member);
      }
    }
    Map<String, Object> body = new LinkedHashMap<>();
    if (withId) body.put("id", movieId);
    body.put("cast", cast);
    body.put("crew", crew);
    return body;
  }

  Map<String, Object> reviews(long movieId, int page, boolean withId) {
    Map<String, Object> paged = page(page, catalog.reviewsOf(movieId), PAGE_SIZE, this::review);
    if (!withId) return paged;
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("id", movieId);
    body.putAll(paged);
    return body;
  }

  private Map<String, Object> review(SimulatedReview review) {
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("author", review.author());
    entry.put(
        "author_details",
        ordered(
            "name",
            review.authorName(),
            "username",
            review.username(),
            "avatar_path",
            review.avatarPath(),
            "rating",
            review.rating()));
    entry.put("content", review.content());
    entry.put("created_at", review.createdAt());
    entry.put("id", review.id());
    entry.put("updated_at", review.updatedAt());
    entry.put("url", "https://www.themoviedb.org/review/" + review.id());
    return entry;
  }

  Map<String, Object> keywords(SimulatedMovie movie, boolean withId) {
    Map<String, Object> body = new LinkedHashMap<>();
    if (withId) body.put("id", movie.id());
    body.put(
        "keywords",
        movie.keywords().stream()
            .map(keyword -> ordered("id", keyword.id(), "name", keyword.name()))
            .toList());
    return body;
  }

  Map<String, Object> personListEntry(SimulatedPerson person, boolean trending) {
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("adult", false);
    entry.put("gender", person.gender());
    entry.put("id", person.id());
    entry.put("known_for_department", person.knownForDepartment());
    entry.put("name", person.name());
    entry.put("original_name", person.name());
    if (trending) entry.put("media_type", "person");
    entry.put("popularity", person.popularity());
    entry.put("profile_path", person.profilePath());
    entry.put(
        "known_for",
        catalog.creditsOfPerson(person.id()).stream()
            .map(SimulatedCredit::movieId)
            .distinct()
            .map(catalog::movie)
            .flatMap(Optional::stream)
            .filter(movie -> !movie.deleted())
            .sorted(
                Comparator.comparingDouble(SimulatedMovie::popularity)
                    .reversed()
                    .thenComparing(SimulatedMovie::id))
            .limit(3)
            .map(this::trendingMovieEntry)
            .toList());
    return entry;
  }

  Map<String, Object> personDetails(SimulatedPerson person) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("adult", false);
    details.put("also_known_as", person.alsoKnownAs());
    details.put("biography", person.biography());
    details.put("birthday", person.birthday());
    details.put("deathday", person.deathday());
    details.put("gender", person.gender());
    details.put("homepage", person.homepage());
    details.put("id", person.id());
    details.put("imdb_id", person.imdbId());
    details.put("known_for_department", person.knownForDepartment());
    details.put("name", person.name());
    details.put("place_of_birth", person.placeOfBirth());
    details.put("popularity", person.popularity());
    details.put("profile_path", person.profilePath());
    return details;
  }

  Map<String, Object> personMovieCredits(SimulatedPerson person) {
    List<Object> cast = new ArrayList<>();
    List<Object> crew = new ArrayList<>();
    for (SimulatedCredit credit : catalog.creditsOfPerson(person.id())) {
      SimulatedMovie movie = catalog.movie(credit.movieId()).orElseThrow();
      if (movie.deleted()) continue; // removed movies disappear from filmographies
      Map<String, Object> entry = movieListEntry(movie);
      entry.put("credit_id", credit.creditId());
      if (credit.cast()) {
        entry.put("character", credit.character());
        entry.put("order", credit.order());
        cast.add(entry);
      } else {
        entry.put("department", credit.department());
        entry.put("job", credit.job());
        crew.add(entry);
      }
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("cast", cast);
    body.put("crew", crew);
    body.put("id", person.id());
    return body;
  }

  static Map<String, Object> genreList() {
    List<Object> genres = new ArrayList<>();
    for (TmdbGenre genre : TmdbGenre.values())
      genres.add(ordered("id", genre.id, "name", genre.label));
    return ordered("genres", genres);
  }

  /** now_playing and upcoming carry the date window they cover. */
  static Map<String, Object> withDates(
      Map<String, Object> page, LocalDate minimum, LocalDate maximum) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("dates", ordered("maximum", maximum.toString(), "minimum", minimum.toString()));
    body.putAll(page);
    return body;
  }

  static Map<String, Object> changeEntry(SimulatedMovie movie) {
    return ordered("id", movie.id(), "adult", movie.adult());
  }

  private static Map<String, Object> genre(int id) {
    for (TmdbGenre genre : TmdbGenre.values())
      if (genre.id == id) return ordered("id", genre.id, "name", genre.label);
    throw new IllegalArgumentException("unknown genre " + id);
  }

  private static Map<String, Object> spokenLanguage(String code) {
    for (String[] language : SampleText.LANGUAGES) {
      if (language[0].equals(code))
        return ordered("english_name", language[1], "iso_639_1", language[0], "name", language[2]);
    }
    return ordered("english_name", code, "iso_639_1", code, "name", "");
  }

  /** An ordered map from alternating keys and values; values may be null, unlike Map.of. */
  private static Map<String, Object> ordered(Object... keysAndValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2)
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    return map;
  }
}
