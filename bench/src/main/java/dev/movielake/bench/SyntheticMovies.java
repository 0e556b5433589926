package dev.movielake.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.bson.Document;

/**
 * Movies in the serving collections' shape ({@code movies} and {@code movie_metrics}, as the
 * publisher writes them), computed from the id alone so every run loads the same documents. Ids run
 * from 1 to the number of movies, so a load generator can pick existing ones at random.
 */
final class SyntheticMovies {
  /** Every title is made of these words (and the id), so each is a search that finds movies. */
  static final List<String> TITLE_WORDS =
      List.of(
          "Silent",
          "Harbor",
          "Midnight",
          "Crimson",
          "Garden",
          "Echo",
          "Frontier",
          "Glass",
          "River",
          "Empire",
          "Winter",
          "Signal",
          "Hollow",
          "Golden",
          "Machine",
          "Shadow",
          "Orchard",
          "Storm",
          "Paper",
          "Voyage");

  static final String[] SENTENCES = {
    "A retired detective is pulled back into one last case when an old friend disappears without a"
        + " trace.",
    "Two estranged sisters travel across the country to settle their late father's affairs.",
    "In a city where it never stops raining, a young engineer uncovers a conspiracy at the heart of"
        + " the power grid.",
    "A small-town baker enters a national competition and finds far more than a trophy at stake.",
    "When the last ship leaves the colony, a handful of settlers must decide whether to stay or to"
        + " follow.",
    "An aging rock band reunites for a farewell tour that nobody, least of all themselves, expected"
        + " to happen.",
  };
  private static final Object[][] GENRES = {
    {28, "Action"},
    {12, "Adventure"},
    {16, "Animation"},
    {35, "Comedy"},
    {80, "Crime"},
    {99, "Documentary"},
    {18, "Drama"},
    {10751, "Family"},
    {14, "Fantasy"},
    {27, "Horror"},
    {10402, "Music"},
    {10749, "Romance"},
    {878, "Science Fiction"},
    {53, "Thriller"}
  };
  private static final String[] LANGUAGES = {
    "en", "en", "en", "fr", "es", "ja", "ko", "de", "it", "hi"
  };

  private SyntheticMovies() {}

  static Document movie(long id) {
    SplittableRandom random = new SplittableRandom(id * 0x9E3779B97F4A7C15L);
    String title = word(random) + " " + word(random) + " " + id;
    int year = 1950 + random.nextInt(76);
    long budget = random.nextInt(2000) * 100_000L;
    List<Document> genres = new ArrayList<>();
    List<String> genreNames = new ArrayList<>();
    for (int count = 1 + random.nextInt(3), index = random.nextInt(GENRES.length);
        genres.size() < count;
        index = (index + 1 + random.nextInt(3)) % GENRES.length) {
      if (!genreNames.contains((String) GENRES[index][1])) {
        genres.add(new Document("id", GENRES[index][0]).append("name", GENRES[index][1]));
        genreNames.add((String) GENRES[index][1]);
      }
    }
    return new Document("_id", id)
        .append("movie_id", id)
        .append("title", title)
        .append("original_title", title)
        .append("overview", sentence(random) + " " + sentence(random))
        .append(
            "release_date",
            String.format(
                Locale.ROOT, "%d-%02d-%02d", year, 1 + random.nextInt(12), 1 + random.nextInt(28)))
        .append("release_year", year)
        .append("language", LANGUAGES[random.nextInt(LANGUAGES.length)])
        .append("genres", genres)
        .append("genre_names", genreNames)
        .append("popularity", Math.round(random.nextDouble() * 200_000) / 1000.0)
        .append("vote_average", random.nextInt(101) / 10.0)
        .append("vote_count", (long) random.nextInt(20_000))
        .append("budget", budget)
        .append("revenue", budget * random.nextInt(400) / 100)
        .append("runtime", 80 + random.nextInt(100))
        .append("poster_path", "/p" + Long.toHexString(id * 31 + 7) + ".jpg")
        .append("processed_at", Date.from(Instant.parse("2026-01-01T00:00:00Z")));
  }

  /** The movie's {@code movie_metrics} document. */
  static Document metrics(Document movie) {
    return new Document("_id", movie.get("_id"))
        .append("movie_id", movie.get("movie_id"))
        .append("title", movie.get("title"))
        .append("release_year", movie.get("release_year"))
        .append("avg_popularity", movie.get("popularity"))
        .append("avg_rating", movie.get("vote_average"))
        .append("vote_count", movie.get("vote_count"));
  }

  private static String sentence(SplittableRandom random) {
    return SENTENCES[random.nextInt(SENTENCES.length)];
  }

  private static String word(SplittableRandom random) {
    return TITLE_WORDS.get(random.nextInt(TITLE_WORDS.size()));
  }
}
