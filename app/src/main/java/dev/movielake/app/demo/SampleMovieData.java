package dev.movielake.app.demo;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * A realistic, deterministic movie data set for the demo: movies over decades with TMDB's genres
 * and languages, people, cast and crew credits, and reviews whose wording matches their rating. The
 * same seed always gives the same rows. Shapes follow TMDB's (including its awkward cases: some
 * release dates missing, titles with accents and other scripts).
 */
public final class SampleMovieData {
  static final String[] GENRES = {
    "Action", "Adventure", "Animation", "Comedy", "Crime", "Documentary", "Drama", "Family",
    "Fantasy", "History", "Horror", "Music", "Mystery", "Romance", "Science Fiction", "TV Movie",
    "Thriller", "War", "Western"
  };
  private static final String[] LANGUAGES = {"en", "en", "en", "en", "en", "fr", "es", "ja", "ko", "de", "it", "hi", "zh"};
  private static final String[] ADJECTIVES = {
    "Silent", "Last", "Crimson", "Hidden", "Broken", "Golden", "Endless", "Forgotten", "Wild",
    "Midnight", "Electric", "Frozen", "Distant", "Burning", "Secret", "Little", "Dark", "Brave"
  };
  private static final String[] NOUNS = {
    "River", "Kingdom", "Summer", "Empire", "Garden", "Promise", "Horizon", "Station", "Island",
    "Letter", "Shadow", "Dream", "Machine", "Harbor", "Winter", "Frontier", "Symphony", "Storm"
  };
  private static final String[] FOREIGN_TITLES = {
    "Amélie à Paris", "El Último Verano", "千と千尋の旅", "기생충의 밤", "Das Boot Zurück", "La Dolce Notte", "दिल की बात"
  };
  private static final String[] FIRST_NAMES = {
    "Ana", "Ben", "Chloé", "David", "Emma", "Farid", "Grace", "Hiro", "Isabel", "Jonas", "Kemi",
    "Lucas", "Mei", "Noah", "Olivia", "Pablo", "Quinn", "Rosa", "Sven", "Tara", "Umar", "Vera", "Wei", "Yuki"
  };
  private static final String[] LAST_NAMES = {
    "Anders", "Baptiste", "Chen", "Dubois", "Evans", "Fischer", "García", "Haddad", "Ito", "Jensen",
    "Kowalski", "López", "Müller", "Nakamura", "Okafor", "Patel", "Rossi", "Silva", "Tanaka", "Weber"
  };
  private static final String[] DEPARTMENTS = {
    "Acting", "Acting", "Acting", "Acting", "Acting", "Acting", "Directing", "Writing", "Production", "Camera", "Sound"
  };
  private static final String[] CITIES = {"London, UK", "Paris, France", "Tokyo, Japan", "Lagos, Nigeria", "Seoul, South Korea", "Mumbai, India", "Los Angeles, USA", "Madrid, Spain"};
  private static final String[] PRAISE = {"excellent", "amazing", "brilliant", "wonderful", "a masterpiece", "superb", "great"};
  private static final String[] CRITICISM = {"boring", "disappointing", "terrible", "a waste of time", "poor", "awful", "bad"};

  public static final StructType MOVIE_SCHEMA = new StructType()
      .add("id", DataTypes.LongType)
      .add("title", DataTypes.StringType)
      .add("original_title", DataTypes.StringType)
      .add("overview", DataTypes.StringType)
      .add("release_date", DataTypes.DateType)
      .add("genres", DataTypes.createArrayType(DataTypes.StringType))
      .add("original_language", DataTypes.StringType)
      .add("popularity", DataTypes.DoubleType)
      .add("vote_average", DataTypes.DoubleType)
      .add("vote_count", DataTypes.IntegerType)
      .add("budget", DataTypes.LongType)
      .add("revenue", DataTypes.LongType)
      .add("runtime", DataTypes.IntegerType)
      .add("status", DataTypes.StringType)
      .add("ingestion_timestamp", DataTypes.TimestampType)
      .add("data_source", DataTypes.StringType);

  public static final StructType PERSON_SCHEMA = new StructType()
      .add("id", DataTypes.LongType)
      .add("name", DataTypes.StringType)
      .add("birthday", DataTypes.DateType)
      .add("deathday", DataTypes.DateType)
      .add("place_of_birth", DataTypes.StringType)
      .add("gender", DataTypes.IntegerType)
      .add("known_for_department", DataTypes.StringType)
      .add("popularity", DataTypes.DoubleType)
      .add("ingestion_timestamp", DataTypes.TimestampType)
      .add("data_source", DataTypes.StringType);

  public static final StructType CREDIT_SCHEMA = new StructType()
      .add("credit_id", DataTypes.StringType)
      .add("movie_id", DataTypes.LongType)
      .add("person_id", DataTypes.LongType)
      .add("credit_type", DataTypes.StringType)
      .add("character", DataTypes.StringType)
      .add("job", DataTypes.StringType)
      .add("department", DataTypes.StringType)
      .add("cast_order", DataTypes.IntegerType)
      .add("ingestion_timestamp", DataTypes.TimestampType)
      .add("data_source", DataTypes.StringType);

  public static final StructType REVIEW_SCHEMA = new StructType()
      .add("id", DataTypes.StringType)
      .add("movie_id", DataTypes.LongType)
      .add("author", DataTypes.StringType)
      .add("content", DataTypes.StringType)
      .add("rating", DataTypes.DoubleType)
      .add("created_at", DataTypes.TimestampType)
      .add("ingestion_timestamp", DataTypes.TimestampType)
      .add("data_source", DataTypes.StringType);

  /** The generated rows, as Java lists so callers can split them into micro-batches. */
  public record Data(List<Row> movies, List<Row> people, List<Row> credits, List<Row> reviews) {}

  private final long seed;
  private final Instant ingestedAt;

  public SampleMovieData(long seed, Instant ingestedAt) {
    this.seed = seed;
    this.ingestedAt = ingestedAt;
  }

  public Data generate(int movieCount, int peopleCount) {
    Random random = new Random(seed);
    Timestamp ingested = Timestamp.from(ingestedAt);
    List<Row> people = new ArrayList<>();
    for (long id = 1; id <= peopleCount; id++) {
      LocalDate birthday = LocalDate.of(1920 + random.nextInt(85), 1 + random.nextInt(12), 1 + random.nextInt(28));
      LocalDate deathday = birthday.getYear() < 1950 && random.nextInt(3) > 0
          ? birthday.plusYears(60 + random.nextInt(30)) : null;
      people.add(RowFactory.create(
          id,
          pick(random, FIRST_NAMES) + " " + pick(random, LAST_NAMES),
          Date.valueOf(birthday),
          deathday == null ? null : Date.valueOf(deathday),
          pick(random, CITIES),
          random.nextInt(3),
          pick(random, DEPARTMENTS),
          round(Math.exp(random.nextGaussian() * 1.1 + 1.5)),
          ingested, "generated"));
    }

    List<Row> movies = new ArrayList<>();
    List<Row> credits = new ArrayList<>();
    List<Row> reviews = new ArrayList<>();
    for (long id = 1; id <= movieCount; id++) {
      // More movies in recent decades, as in TMDB.
      int year = 2025 - (int) Math.min(75, Math.abs(random.nextGaussian() * 22));
      LocalDate released = LocalDate.of(year, 1 + random.nextInt(12), 1 + random.nextInt(28));
      boolean missingDate = random.nextInt(50) == 0; // TMDB sends "" for unknown dates
      String title = random.nextInt(12) == 0
          ? pick(random, FOREIGN_TITLES) + " " + id
          : "The " + pick(random, ADJECTIVES) + " " + pick(random, NOUNS) + (random.nextInt(4) == 0 ? " " + (2 + random.nextInt(3)) : "");
      List<String> genres = new ArrayList<>();
      int genreCount = 1 + random.nextInt(3);
      while (genres.size() < genreCount) {
        String genre = pick(random, GENRES);
        if (!genres.contains(genre)) {
          genres.add(genre);
        }
      }
      double rating = Math.max(0, Math.min(10, round(6.3 + random.nextGaussian() * 1.2)));
      double popularity = round(Math.exp(random.nextGaussian() * 1.2 + 2.2));
      long budget = random.nextInt(5) == 0 ? 0 : (long) (Math.exp(random.nextGaussian() + 16.5));
      long revenue = budget == 0 ? 0 : (long) (budget * Math.max(0, 0.4 + random.nextGaussian() * 1.3 + rating / 5));
      movies.add(RowFactory.create(
          id, title, title,
          "A story of " + pick(random, NOUNS).toLowerCase() + " and " + pick(random, NOUNS).toLowerCase()
              + " set in " + (year / 10 * 10) + "s " + pick(random, CITIES) + ".",
          missingDate ? null : Date.valueOf(released),
          genres.toArray(String[]::new),
          pick(random, LANGUAGES),
          popularity, rating, (int) (popularity * 40 + random.nextInt(200)),
          budget, revenue, 80 + random.nextInt(80), year > 2024 ? "Post Production" : "Released",
          ingested, "generated"));

      int castSize = 4 + random.nextInt(6);
      for (int order = 0; order < castSize; order++) {
        long person = 1 + random.nextInt(peopleCount);
        credits.add(RowFactory.create(
            "c" + id + "_" + person + "_cast_" + order, id, person, "cast",
            "Character " + (order + 1), null, "Acting", order, ingested, "generated"));
      }
      String[][] crew = {{"Director", "Directing"}, {"Screenplay", "Writing"}, {"Producer", "Production"}};
      for (String[] job : crew) {
        long person = 1 + random.nextInt(peopleCount);
        credits.add(RowFactory.create(
            "c" + id + "_" + person + "_crew_" + job[0], id, person, "crew",
            null, job[0], job[1], null, ingested, "generated"));
      }

      int reviewCount = random.nextInt(4);
      for (int review = 0; review < reviewCount; review++) {
        double score = Math.max(1, Math.min(10, Math.round(rating + random.nextGaussian() * 1.5)));
        String verdict = score >= 7
            ? "Honestly " + pick(random, PRAISE) + ". The cast is " + pick(random, PRAISE) + " and I would watch it again!"
            : score <= 4
                ? "Sadly " + pick(random, CRITICISM) + ". The plot felt " + pick(random, CRITICISM) + "."
                : "Some parts were " + pick(random, PRAISE) + ", others " + pick(random, CRITICISM) + ". Worth a look?";
        // TMDB opened in 2008: older films are reviewed by today's viewers.
        LocalDate earliest = missingDate || released.getYear() < 2008 ? LocalDate.of(2008, 1, 1) : released;
        LocalDate written = earliest.plusDays(random.nextInt(3000));
        reviews.add(RowFactory.create(
            "r" + id + "_" + review, id, pick(random, FIRST_NAMES).toLowerCase() + "_" + random.nextInt(1000),
            verdict, score, Timestamp.valueOf(written.atTime(random.nextInt(24), random.nextInt(60))),
            ingested, "generated"));
      }
    }
    return new Data(movies, people, credits, reviews);
  }

  public static Dataset<Row> frame(SparkSession spark, List<Row> rows, StructType schema) {
    return spark.createDataFrame(rows, schema);
  }

  private static String pick(Random random, String[] values) {
    return values[random.nextInt(values.length)];
  }

  private static double round(double value) {
    return Math.round(value * 1000) / 1000.0;
  }
}
