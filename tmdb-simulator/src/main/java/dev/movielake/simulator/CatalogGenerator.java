package dev.movielake.simulator;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Builds a catalog from one seeded random, consumed in a fixed order, so (seed, size, date) always
 * gives the same content. Dates are relative to {@code today} so that "now playing", "upcoming" and
 * the changes feed stay current.
 */
final class CatalogGenerator {
  private static final String[] DEPARTMENTS = {
    "Directing",
    "Writing",
    "Production",
    "Sound",
    "Camera",
    "Editing",
    "Art",
    "Costume & Make-Up",
    "Visual Effects",
    "Crew",
    "Lighting"
  };
  private static final Map<String, List<String>> JOBS =
      Map.ofEntries(
          Map.entry("Directing", List.of("Director", "First Assistant Director")),
          Map.entry("Writing", List.of("Screenplay", "Writer", "Novel", "Story")),
          Map.entry("Production", List.of("Producer", "Executive Producer", "Casting")),
          Map.entry("Sound", List.of("Original Music Composer", "Sound Designer")),
          Map.entry("Camera", List.of("Director of Photography", "Camera Operator")),
          Map.entry("Editing", List.of("Editor")),
          Map.entry("Art", List.of("Production Design", "Art Direction")),
          Map.entry("Costume & Make-Up", List.of("Costume Design", "Makeup Artist")),
          Map.entry("Visual Effects", List.of("Visual Effects Supervisor")),
          Map.entry("Crew", List.of("Stunt Coordinator")),
          Map.entry("Lighting", List.of("Gaffer")));
  private static final String ALPHANUMERIC =
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

  private final SplittableRandom random;
  private final LocalDate today;

  CatalogGenerator(long seed, LocalDate today) {
    this.random = new SplittableRandom(seed);
    this.today = today;
  }

  SimulatedCatalog generate(int movieCount) {
    List<SimulatedPerson> people = new ArrayList<>();
    for (long id : distinctIds(Math.max(50, movieCount * 2), 1_000, 5_000_000))
      people.add(person(id));
    List<SimulatedMovie> movies = new ArrayList<>();
    for (long id : distinctIds(movieCount, 2, 1_500_000)) movies.add(movie(id));
    List<SimulatedCredit> credits = new ArrayList<>();
    List<SimulatedReview> reviews = new ArrayList<>();
    for (SimulatedMovie movie : movies) {
      credits.addAll(credits(movie, people));
      reviews.addAll(reviews(movie));
    }
    return new SimulatedCatalog(movies, people, credits, reviews, changes(movies), today);
  }

  private List<Long> distinctIds(int count, long from, long to) {
    Set<Long> ids = new LinkedHashSet<>();
    while (ids.size() < count) ids.add(from + random.nextLong(to - from));
    return List.copyOf(ids);
  }

  private SimulatedMovie movie(long id) {
    String language = "en";
    String title;
    String originalTitle;
    if (chance(0.2)) {
      String[] foreign = pick(SampleText.FOREIGN_TITLES);
      language = foreign[0];
      originalTitle = foreign[1];
      // Many foreign films keep their original title on TMDB, the rest show a translation.
      title = chance(0.5) ? foreign[1] : foreign[2];
    } else {
      title = englishTitle();
      originalTitle = title;
    }

    String releaseDate;
    String status = "Released";
    double roll = random.nextDouble();
    if (roll < 0.02) {
      releaseDate = "";
      status = chance(0.5) ? "Rumored" : "Planned";
    } else if (roll < 0.06) {
      releaseDate = today.plusDays(1 + random.nextInt(60)).toString();
      status = pick(List.of("Post Production", "In Production", "Planned"));
    } else if (roll < 0.10) {
      releaseDate = today.minusDays(random.nextInt(40)).toString();
    } else {
      double age = Math.pow(random.nextDouble(), 2) * 75 * 365;
      releaseDate = today.minusDays(41 + (long) age).toString();
    }
    boolean released = "Released".equals(status);

    double popularity =
        round(0.6 + 400 * Math.pow(random.nextDouble(), 5) + random.nextDouble() * 10, 3);
    int voteCount = released ? (int) (popularity * (2 + random.nextDouble() * 80)) : 0;
    double voteAverage =
        voteCount == 0
            ? 0.0
            : round(Math.min(10, Math.max(1, 6.3 + random.nextGaussian() * 1.1)), 3);

    long budget = chance(0.35) ? 0 : (100 + random.nextInt(250_000)) * 1_000L;
    long revenue =
        !released || chance(0.4)
            ? 0
            : (long) (Math.max(budget, 500_000) * (0.1 + random.nextDouble() * 5));
    Integer runtime = chance(0.03) ? null : chance(0.03) ? 0 : 75 + random.nextInt(116);

    String overview;
    double overviewRoll = random.nextDouble();
    if (overviewRoll < 0.02) overview = "";
    else if (overviewRoll < 0.05) overview = sentences(26 + random.nextInt(10));
    else overview = sentences(2 + random.nextInt(3));

    String tagline = chance(0.1) ? null : chance(0.1) ? "" : pick(SampleText.TAGLINES);
    String homepage = chance(0.45) ? "" : "https://www.example-studio.test/movies/" + id;
    String imdbId =
        chance(0.05)
            ? null
            : String.format(Locale.ROOT, "tt%07d", 100_000 + random.nextInt(9_000_000));
    SimulatedMovie.Collection collection =
        chance(0.12)
            ? new SimulatedMovie.Collection(
                id * 10 + 7, title + " Collection", imagePath(0.1), imagePath(0.2))
            : null;

    List<SimulatedMovie.Company> companies = new ArrayList<>();
    for (int i = 0, n = random.nextInt(4); i < n; i++) {
      int index = random.nextInt(SampleText.COMPANIES.size());
      companies.add(
          new SimulatedMovie.Company(
              1_000 + index * 37L,
              SampleText.COMPANIES.get(index),
              imagePath(0.4),
              SampleText.COUNTRY_CODES.get(index % SampleText.COUNTRY_CODES.size())));
    }
    Set<String> countries = new LinkedHashSet<>();
    countries.add("en".equals(language) ? pick(List.of("US", "GB", "CA")) : countryOf(language));
    if (chance(0.2)) countries.add(pick(SampleText.COUNTRY_CODES));
    Set<String> languages = new LinkedHashSet<>();
    languages.add(language);
    if (chance(0.25)) languages.add(pick(SampleText.LANGUAGES)[0]);

    Set<Integer> genres = new LinkedHashSet<>();
    TmdbGenre[] allGenres = TmdbGenre.values();
    for (int i = 0, n = 1 + random.nextInt(3); i < n; i++)
      genres.add(allGenres[random.nextInt(allGenres.length)].id);
    Set<SimulatedMovie.Keyword> keywords = new LinkedHashSet<>();
    for (int i = 0, n = random.nextInt(9); i < n; i++) {
      int index = random.nextInt(SampleText.KEYWORDS.size());
      keywords.add(new SimulatedMovie.Keyword(9_000 + index * 13L, SampleText.KEYWORDS.get(index)));
    }

    return new SimulatedMovie(
        id,
        title,
        originalTitle,
        language,
        overview,
        releaseDate,
        List.copyOf(genres),
        false,
        imagePath(0.03),
        imagePath(0.08),
        popularity,
        voteAverage,
        voteCount,
        chance(0.02),
        budget,
        revenue,
        runtime,
        homepage,
        imdbId,
        tagline,
        status,
        collection,
        List.copyOf(companies),
        List.copyOf(countries),
        List.copyOf(languages),
        List.copyOf(keywords),
        chance(0.01),
        round(popularity * (0.2 + random.nextDouble() * 1.6), 3),
        round(popularity * (0.5 + random.nextDouble()), 3));
  }

  private SimulatedPerson person(long id) {
    String name = pick(SampleText.FIRST_NAMES) + " " + pick(SampleText.LAST_NAMES);
    List<String> alsoKnownAs = new ArrayList<>();
    if (chance(0.3)) alsoKnownAs.add(pick(SampleText.NATIVE_NAMES));
    if (chance(0.2)) alsoKnownAs.add(name.toUpperCase(Locale.ROOT));
    String department = chance(0.65) ? "Acting" : DEPARTMENTS[random.nextInt(DEPARTMENTS.length)];
    LocalDate born = LocalDate.of(1920, 1, 1).plusDays(random.nextInt(85 * 365));
    String birthday = chance(0.15) ? null : born.toString();
    String deathday =
        born.getYear() < 1960 && chance(0.5)
            ? born.plusYears(50 + random.nextInt(40)).toString()
            : null;
    if (deathday != null && LocalDate.parse(deathday).isAfter(today)) deathday = null;
    String placeOfBirth = chance(0.2) ? null : pick(SampleText.BIRTH_PLACES);
    String biography =
        chance(0.3)
            ? ""
            : name
                + " is known for work in "
                + department.toLowerCase(Locale.ROOT)
                + (placeOfBirth == null ? "." : " and was born in " + placeOfBirth + ".")
                + (chance(0.5) ? "\n\n" + sentences(2) : "");
    int genderRoll = random.nextInt(100);
    int gender = genderRoll < 10 ? 0 : genderRoll < 50 ? 1 : genderRoll < 95 ? 2 : 3;
    double popularity = round(0.1 + 80 * Math.pow(random.nextDouble(), 4), 3);
    return new SimulatedPerson(
        id,
        name,
        List.copyOf(alsoKnownAs),
        biography,
        birthday,
        deathday,
        placeOfBirth,
        gender,
        department,
        popularity,
        imagePath(0.25),
        chance(0.1) ? null : String.format(Locale.ROOT, "nm%07d", random.nextInt(9_999_999)),
        chance(0.9) ? null : "https://www.example-person.test/" + id,
        round(popularity * (0.2 + random.nextDouble() * 1.6), 3),
        round(popularity * (0.5 + random.nextDouble()), 3));
  }

  private List<SimulatedCredit> credits(SimulatedMovie movie, List<SimulatedPerson> people) {
    List<SimulatedCredit> credits = new ArrayList<>();
    if (chance(0.02)) return credits; // some obscure movies have no credits at all
    Set<Long> castMembers = new HashSet<>();
    int castSize = 3 + random.nextInt(33);
    for (int order = 0; castMembers.size() < castSize; ) {
      SimulatedPerson person = people.get(random.nextInt(people.size()));
      if (!castMembers.add(person.id())) continue;
      String character =
          chance(0.04)
              ? ""
              : chance(0.03)
                  ? "Himself"
                  : pick(SampleText.FIRST_NAMES)
                      + (chance(0.6) ? " " + pick(SampleText.LAST_NAMES) : "")
                      + (movie.genreIds().contains(TmdbGenre.ANIMATION.id) ? " (voice)" : "");
      credits.add(
          new SimulatedCredit(
              movie.id(),
              person.id(),
              creditId(),
              true,
              character,
              order,
              order + 1 + random.nextInt(3),
              null,
              null));
      order++;
    }
    int crewSize = 2 + random.nextInt(24);
    for (int i = 0; i < crewSize; i++) {
      SimulatedPerson person = people.get(random.nextInt(people.size()));
      String department =
          i == 0
              ? "Directing"
              : "Acting".equals(person.knownForDepartment())
                  ? DEPARTMENTS[random.nextInt(DEPARTMENTS.length)]
                  : person.knownForDepartment();
      String job = i == 0 ? "Director" : pick(JOBS.get(department));
      credits.add(
          new SimulatedCredit(
              movie.id(), person.id(), creditId(), false, null, 0, 0, department, job));
    }
    return credits;
  }

  private List<SimulatedReview> reviews(SimulatedMovie movie) {
    if (!"Released".equals(movie.status())) return List.of();
    int roll = random.nextInt(100);
    // Mostly few reviews, but 5% have more than a page (20) so clients must page.
    int count =
        roll < 55
            ? 0
            : roll < 85
                ? 1 + random.nextInt(5)
                : roll < 95 ? 6 + random.nextInt(15) : 21 + random.nextInt(45);
    LocalDate released = LocalDate.parse(movie.releaseDate());
    long daysSince = Math.max(1, released.until(today).toTotalMonths() * 30);
    List<SimulatedReview> reviews = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int sentiment = random.nextInt(3);
      String content =
          switch (sentiment) {
            case 0 ->
                pick(SampleText.POSITIVE_REVIEWS)
                    + (chance(0.3) ? "\r\n\r\n" + pick(SampleText.POSITIVE_REVIEWS) : "");
            case 1 ->
                pick(SampleText.NEGATIVE_REVIEWS)
                    + (chance(0.3) ? "\r\n\r\n" + pick(SampleText.NEGATIVE_REVIEWS) : "");
            default -> pick(SampleText.MIXED_REVIEWS);
          };
      Double rating =
          chance(0.2)
              ? null
              : switch (sentiment) {
                case 0 -> 8.0 + random.nextInt(3);
                case 1 -> 1.0 + random.nextInt(4);
                default -> 5.0 + random.nextInt(3);
              };
      String author = pick(SampleText.REVIEW_AUTHORS);
      Instant created =
          released
              .atStartOfDay(ZoneOffset.UTC)
              .toInstant()
              .plus(Duration.ofSeconds((long) (random.nextDouble() * daysSince * 86_400)))
              .plusMillis(random.nextInt(1000));
      Instant updated =
          chance(0.3) ? created.plus(Duration.ofHours(1 + random.nextInt(500))) : created;
      if (updated.isAfter(today.atStartOfDay(ZoneOffset.UTC).toInstant())) updated = created;
      reviews.add(
          new SimulatedReview(
              hexId(),
              movie.id(),
              author,
              chance(0.4) ? "" : author,
              author.toLowerCase(Locale.ROOT).replace(' ', '_'),
              imagePath(0.5),
              rating,
              content,
              created.toString(),
              updated.toString()));
    }
    return reviews;
  }

  /**
   * A few percent of the catalog changes each day over the last 30 days, before today (never in the
   * future).
   */
  private List<SimulatedCatalog.Change> changes(List<SimulatedMovie> movies) {
    List<SimulatedCatalog.Change> changes = new ArrayList<>();
    Instant midnight = today.atStartOfDay(ZoneOffset.UTC).toInstant();
    int perDay = Math.max(1, movies.size() * 3 / 100);
    for (int day = 1; day <= 30; day++) {
      Instant dayStart = midnight.minus(Duration.ofDays(day));
      for (int i = 0; i < perDay; i++) {
        SimulatedMovie movie = movies.get(random.nextInt(movies.size()));
        changes.add(
            new SimulatedCatalog.Change(movie.id(), dayStart.plusSeconds(random.nextInt(86_400))));
      }
    }
    return changes;
  }

  private String englishTitle() {
    String adjective = pick(SampleText.TITLE_ADJECTIVES);
    String noun = pick(SampleText.TITLE_NOUNS);
    return switch (random.nextInt(6)) {
      case 0 -> noun;
      case 1 -> adjective + " " + noun;
      case 2 -> noun + " of the " + pick(SampleText.TITLE_NOUNS);
      case 3 -> "The " + adjective + " " + noun + " " + (2 + random.nextInt(3));
      case 4 -> noun + ": " + adjective + " " + pick(SampleText.TITLE_NOUNS);
      default -> "The " + adjective + " " + noun;
    };
  }

  private String sentences(int count) {
    StringBuilder text = new StringBuilder();
    String previous = "";
    for (int i = 0; i < count; i++) {
      String sentence = pick(SampleText.OVERVIEW_SENTENCES);
      if (sentence.equals(previous)) sentence = pick(SampleText.OVERVIEW_SENTENCES);
      if (i > 0) text.append(' ');
      text.append(sentence);
      previous = sentence;
    }
    return text.toString();
  }

  private static String countryOf(String language) {
    Map<String, String> countries = new LinkedHashMap<>();
    countries.put("fr", "FR");
    countries.put("ja", "JP");
    countries.put("hi", "IN");
    countries.put("ko", "KR");
    countries.put("zh", "CN");
    countries.put("es", "ES");
    countries.put("de", "DE");
    countries.put("it", "IT");
    countries.put("pt", "BR");
    countries.put("sv", "SE");
    return countries.getOrDefault(language, "US");
  }

  private String imagePath(double nullShare) {
    if (chance(nullShare)) return null;
    StringBuilder path = new StringBuilder("/");
    for (int i = 0; i < 27; i++)
      path.append(ALPHANUMERIC.charAt(random.nextInt(ALPHANUMERIC.length())));
    return path.append(".jpg").toString();
  }

  /** TMDB credit and review ids are 24 hex digits (MongoDB object ids). */
  private String hexId() {
    return String.format(
        Locale.ROOT, "%08x%016x", random.nextInt() & 0xffffffffL, random.nextLong());
  }

  private String creditId() {
    return hexId();
  }

  private boolean chance(double share) {
    return random.nextDouble() < share;
  }

  private <T> T pick(List<T> values) {
    return values.get(random.nextInt(values.size()));
  }

  private static double round(double value, int decimals) {
    double scale = Math.pow(10, decimals);
    return Math.round(value * scale) / scale;
  }
}
