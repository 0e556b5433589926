package dev.movielake.bench;

import static java.util.Map.entry;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A Kafka movie message shaped like the TMDB details ingestion publishes (genres, companies,
 * keywords, about 1 KB), computed from the movie id alone so every run sends the same bytes. Every
 * message is valid: it passes bronze's parsing and silver's dropping expectations.
 */
record MovieMessage(String key, String value) {
  /** The same vocabulary as the serving benchmark's movies. */
  private static final String[] WORDS = SyntheticMovies.TITLE_WORDS.toArray(String[]::new);

  private static final String[] SENTENCES = SyntheticMovies.SENTENCES;
  private static final int[][] GENRES = {
    {28, 12},
    {35, 10749},
    {18},
    {27, 53},
    {878, 12, 28},
    {16, 10751},
    {80, 18, 53},
    {99},
    {14, 12},
    {10402, 18}
  };
  private static final Map<Integer, String> GENRE_NAMES =
      Map.ofEntries(
          entry(28, "Action"),
          entry(12, "Adventure"),
          entry(16, "Animation"),
          entry(35, "Comedy"),
          entry(80, "Crime"),
          entry(99, "Documentary"),
          entry(18, "Drama"),
          entry(10751, "Family"),
          entry(14, "Fantasy"),
          entry(27, "Horror"),
          entry(10402, "Music"),
          entry(10749, "Romance"),
          entry(878, "Science Fiction"),
          entry(53, "Thriller"));
  private static final String[] LANGUAGES = {
    "en", "en", "en", "fr", "es", "ja", "ko", "de", "it", "hi"
  };
  private static final String[] COUNTRIES = {"US", "GB", "FR", "JP", "KR", "DE"};

  /**
   * @param observedAt epoch seconds of the TMDB request, the version silver keeps the latest of
   */
  static MovieMessage of(long id, double observedAt) {
    SplittableRandom random = new SplittableRandom(id * 0x9E3779B97F4A7C15L);
    String title =
        WORDS[random.nextInt(WORDS.length)] + " " + WORDS[random.nextInt(WORDS.length)] + " " + id;
    int year = 1950 + random.nextInt(76);
    long budget = random.nextInt(2000) * 100_000L;
    StringBuilder json = new StringBuilder(1200);
    json.append("{\"id\":")
        .append(id)
        .append(",\"title\":\"")
        .append(title)
        .append("\",\"original_title\":\"")
        .append(title)
        .append("\",\"overview\":\"")
        .append(SENTENCES[random.nextInt(SENTENCES.length)])
        .append(' ')
        .append(SENTENCES[random.nextInt(SENTENCES.length)])
        .append(
            String.format(
                Locale.ROOT,
                "\",\"release_date\":\"%d-%02d-%02d\"",
                year,
                1 + random.nextInt(12),
                1 + random.nextInt(28)))
        .append(",\"adult\":false")
        .append(
            String.format(
                Locale.ROOT,
                ",\"popularity\":%.3f,\"vote_average\":%.1f,\"vote_count\":%d",
                random.nextDouble() * 200,
                random.nextInt(101) / 10.0,
                random.nextInt(20_000)))
        .append(",\"poster_path\":\"/p")
        .append(Long.toHexString(id * 31 + 7))
        .append(".jpg\"")
        .append(",\"backdrop_path\":\"/b")
        .append(Long.toHexString(id * 17 + 3))
        .append(".jpg\"")
        .append(",\"original_language\":\"")
        .append(LANGUAGES[random.nextInt(LANGUAGES.length)])
        .append('"')
        .append(",\"budget\":")
        .append(budget)
        .append(",\"revenue\":")
        .append(budget * random.nextInt(400) / 100)
        .append(",\"runtime\":")
        .append(75 + random.nextInt(100))
        .append(",\"status\":\"Released\",\"tagline\":\"")
        .append(WORDS[random.nextInt(WORDS.length)])
        .append(" is only the beginning.\"")
        .append(",\"homepage\":\"https://movies.example.com/")
        .append(id)
        .append('"')
        .append(String.format(Locale.ROOT, ",\"imdb_id\":\"tt%07d\"", id % 10_000_000))
        .append(",\"genres\":[");
    int[] genres = GENRES[random.nextInt(GENRES.length)];
    for (int index = 0; index < genres.length; index++) {
      json.append(index == 0 ? "" : ",")
          .append("{\"id\":")
          .append(genres[index])
          .append(",\"name\":\"")
          .append(GENRE_NAMES.get(genres[index]))
          .append("\"}");
    }
    json.append("],\"production_companies\":[");
    for (int index = 0; index < 2; index++) {
      int company = random.nextInt(5000);
      json.append(index == 0 ? "" : ",")
          .append("{\"id\":")
          .append(company)
          .append(",\"name\":\"")
          .append(WORDS[company % WORDS.length])
          .append(" Pictures\",\"logo_path\":\"/l")
          .append(company)
          .append(".png\",\"origin_country\":\"")
          .append(COUNTRIES[company % COUNTRIES.length])
          .append("\"}");
    }
    json.append("],\"keywords\":{\"keywords\":[");
    for (int index = 0; index < 3; index++) {
      int keyword = random.nextInt(WORDS.length);
      json.append(index == 0 ? "" : ",")
          .append("{\"id\":")
          .append(1000 + keyword)
          .append(",\"name\":\"")
          .append(WORDS[keyword].toLowerCase(Locale.ROOT))
          .append("\"}");
    }
    json.append("]}")
        .append(String.format(Locale.ROOT, ",\"ingestion_timestamp\":%.3f", observedAt))
        .append(",\"data_source\":\"tmdb\"}");
    return new MovieMessage(Long.toString(id), json.toString());
  }

  int valueBytes() {
    return value.getBytes(StandardCharsets.UTF_8).length;
  }
}
