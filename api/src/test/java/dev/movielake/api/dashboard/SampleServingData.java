package dev.movielake.api.dashboard;

import static dev.movielake.api.testing.FakeLakehouse.snapshot;

import com.mongodb.client.MongoDatabase;
import dev.movielake.api.lakehouse.SnapshotEntry;
import dev.movielake.api.testing.FakeLakehouse;
import dev.movielake.lakehouse.table.testing.TableStatisticsBuilder;
import dev.movielake.model.Layer;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/**
 * A small, realistic picture of a pipeline that has run for a while, relative to {@code now}:
 * published collections as the publisher writes them, and lakehouse tables with snapshots and one
 * compaction. The top trending movie is {@link #TOP_TRENDING_TITLE}.
 */
final class SampleServingData {
  static final String TOP_TRENDING_TITLE = "Dune: Part Two";
  static final double MONITOR_OVERALL_SCORE = 0.85;
  private static final long KIBIBYTE = 1024;
  private static final long MEBIBYTE = 1024 * KIBIBYTE;

  private record Movie(
      long id, String title, int year, List<String> genres, double popularity, double rating) {}

  private static final List<Movie> MOVIES =
      List.of(
          new Movie(
              693134,
              TOP_TRENDING_TITLE,
              2024,
              List.of("Science Fiction", "Adventure"),
              480.2,
              8.2),
          new Movie(872585, "Oppenheimer", 2023, List.of("Drama", "History"), 310.7, 8.1),
          new Movie(346698, "Barbie", 2023, List.of("Comedy", "Adventure"), 250.4, 7.0),
          new Movie(666277, "Past Lives", 2023, List.of("Drama", "Romance"), 60.3, 7.8),
          new Movie(915935, "Anatomy of a Fall", 2023, List.of("Drama", "Crime"), 45.9, 7.7));
  private static final Map<String, Integer> GENRE_IDS =
      Map.of(
          "Science Fiction",
          878,
          "Adventure",
          12,
          "Drama",
          18,
          "History",
          36,
          "Comedy",
          35,
          "Romance",
          10749,
          "Crime",
          80);

  private final Instant now;

  SampleServingData(Instant now) {
    this.now = now.truncatedTo(ChronoUnit.SECONDS);
  }

  void publish(MongoDatabase database) {
    List<Document> movies = new ArrayList<>();
    List<Document> metrics = new ArrayList<>();
    for (Movie movie : MOVIES) {
      movies.add(
          new Document("_id", movie.id())
              .append("movie_id", movie.id())
              .append("title", movie.title())
              .append("original_title", movie.title())
              .append("overview", "The story of " + movie.title() + ".")
              .append("release_date", movie.year() + "-03-01")
              .append("release_year", movie.year())
              .append("language", "en")
              .append(
                  "genres",
                  movie.genres().stream()
                      .map(genre -> new Document("id", GENRE_IDS.get(genre)).append("name", genre))
                      .toList())
              .append("genre_names", movie.genres())
              .append("popularity", movie.popularity())
              .append("vote_average", movie.rating())
              .append("vote_count", 4200L)
              .append("budget", 100_000_000L)
              .append("revenue", 400_000_000L)
              .append("runtime", 150)
              .append("poster_path", "/p" + movie.id() + ".jpg"));
      metrics.add(
          new Document("_id", movie.id())
              .append("movie_id", movie.id())
              .append("title", movie.title())
              .append("release_year", movie.year())
              .append("avg_popularity", movie.popularity())
              .append("avg_rating", movie.rating())
              .append("vote_count", 4200L));
    }
    database.getCollection("movies").insertMany(movies);
    database.getCollection("movie_metrics").insertMany(metrics);
    database.getCollection("trending_movies").insertMany(trendingWindows());
    database.getCollection("genre_metrics").insertMany(genreMetrics());
    database.getCollection("sentiment_trends").insertMany(sentimentWindows());
    database.getCollection("data_quality").insertMany(qualityChecks());
    database.getCollection("quality_scores").insertMany(monitorScores());
    database.getCollection("audits").insertMany(audits());
  }

  /** Three audited batches of two tables: two passed, one of movies held. */
  private List<Document> audits() {
    List<Document> rows = new ArrayList<>();
    Object[][] batches = {
      {"silver", "movies_clean", "s/1", "passed", List.of()},
      {"silver", "credits_clean", "c/1", "passed", List.of()},
      {"silver", "movies_clean", "s/2", "held", List.of("vote_average_null_share: observed 1.00")}
    };
    int minutes = 30;
    for (Object[] batch : batches) {
      rows.add(
          new Document("_id", batch[0] + "." + batch[1] + "/" + batch[2] + "/" + batch[3])
              .append("audited_at", Date.from(now.minus(Duration.ofMinutes(minutes))))
              .append("layer", batch[0])
              .append("table_name", batch[1])
              .append("batch", batch[2])
              .append("branch", "audit_" + minutes)
              .append("state", batch[3])
              .append("rows", 100L)
              .append("failures", batch[4])
              .append("note", ""));
      minutes -= 10;
    }
    return rows;
  }

  /**
   * One run of the quality monitor an hour ago, as the publisher writes {@code
   * silver.quality_scores}: three tables spanning three levels, overall {@link
   * #MONITOR_OVERALL_SCORE} (good).
   */
  private List<Document> monitorScores() {
    Date checkedAt = Date.from(now.minus(Duration.ofHours(1)));
    Object[][] tables = {
      {"bronze", "movies_raw", 0.95, "excellent"},
      {"silver", "movies_clean", 0.88, "good"},
      {"gold", "movies_by_year_genre", 0.71, "warning"}
    };
    List<Document> rows = new ArrayList<>();
    for (Object[] table : tables) {
      rows.add(
          new Document("_id", "run-1/table/" + table[0] + "/" + table[1])
              .append("run_id", "run-1")
              .append("checked_at", checkedAt)
              .append("scope", "table")
              .append("layer", table[0])
              .append("table_name", table[1])
              .append("rows", 1000L)
              .append("score", table[2])
              .append("level", table[3])
              .append(
                  "failures",
                  (double) table[2] < 0.8
                      ? List.of("freshness: last commit 30 h ago, limit 24 h")
                      : List.of()));
    }
    rows.add(
        new Document("_id", "run-1/overall/bronze,silver,gold")
            .append("run_id", "run-1")
            .append("checked_at", checkedAt)
            .append("scope", "overall")
            .append("layer", "bronze,silver,gold")
            .append("rows", 3000L)
            .append("score", MONITOR_OVERALL_SCORE)
            .append("level", "good")
            .append("failures", List.of()));
    return rows;
  }

  /** Hourly windows over the last 6 hours; each movie's score rises with its popularity. */
  private List<Document> trendingWindows() {
    List<Document> windows = new ArrayList<>();
    Instant lastHour = now.truncatedTo(ChronoUnit.HOURS);
    for (int hour = 0; hour < 6; hour++) {
      Instant start = lastHour.minus(Duration.ofHours(hour));
      for (Movie movie : MOVIES) {
        double score = Math.round((movie.popularity() / 5 + movie.rating() - hour) * 100) / 100.0;
        windows.add(
            new Document("_id", movie.id() + "@" + start.toEpochMilli())
                .append("window_start", Date.from(start))
                .append("window_end", Date.from(start.plus(Duration.ofHours(1))))
                .append("movie_id", movie.id())
                .append("title", movie.title())
                .append("max_popularity", movie.popularity())
                .append("avg_rating", movie.rating())
                .append("vote_count", 4200L)
                .append("release_year", movie.year())
                .append("observations", 3L)
                .append("trend_score", score));
      }
    }
    return windows;
  }

  private static List<Document> genreMetrics() {
    List<Document> rows = new ArrayList<>();
    String[] genres = {"Drama", "Comedy", "Action", "Science Fiction", "Horror"};
    for (int genre = 0; genre < genres.length; genre++) {
      for (int year = 2019; year <= 2024; year++) {
        rows.add(
            new Document("_id", genres[genre] + "/" + year)
                .append("genre_name", genres[genre])
                .append("release_year", year)
                .append("movie_count", 20L + genre * 7 + (year % 5) * 3)
                .append("avg_rating", 5.8 + genre * 0.3 + ((year * 7 + genre) % 5) * 0.2)
                .append("total_revenue", 1_000_000_000L * (genre + 1)));
      }
    }
    return rows;
  }

  /** Two movies' daily windows over the last ten days. */
  private List<Document> sentimentWindows() {
    List<Document> windows = new ArrayList<>();
    Instant today = now.truncatedTo(ChronoUnit.DAYS);
    for (int day = 0; day < 10; day++) {
      Instant start = today.minus(Duration.ofDays(day));
      for (Movie movie : MOVIES.subList(0, 2)) {
        long reviews = 10 + (day * 3 + movie.id()) % 12;
        double sentiment = Math.round(Math.sin(day + movie.id()) * 60) / 100.0;
        long positive = Math.round(reviews * (1 + sentiment) / 2);
        windows.add(
            new Document("window_start", Date.from(start))
                .append("window_end", Date.from(start.plus(Duration.ofDays(1))))
                .append("movie_id", movie.id())
                .append("review_count", reviews)
                .append("avg_sentiment", sentiment)
                .append("positive_count", positive)
                .append("negative_count", reviews - positive)
                .append("sentiment_ratio", positive / (double) Math.max(1, reviews - positive)));
      }
    }
    return windows;
  }

  /**
   * Two checks of each table, a day apart, with two rules each; the latest scores span every level.
   */
  private List<Document> qualityChecks() {
    Object[][] tables = {
      {"silver", "movies_clean", 0.97},
      {"silver", "reviews_clean", 0.84},
      {"bronze", "movies_raw", 0.71},
      {"gold", "genre_metrics", 0.42}
    };
    List<Document> rows = new ArrayList<>();
    for (Object[] table : tables) {
      for (int check = 0; check < 2; check++) {
        Instant checkedAt = now.minus(Duration.ofDays(1 - check));
        double score = check == 1 ? (double) table[2] : 0.9;
        for (String rule : List.of("not_null_id", "valid_release_date")) {
          rows.add(
              new Document("checked_at", Date.from(checkedAt))
                  .append("layer", table[0])
                  .append("table_name", table[1])
                  .append("batch", (long) check)
                  .append("rule", rule)
                  .append("dimension", rule.startsWith("not_null") ? "completeness" : "validity")
                  .append("blocking", rule.startsWith("not_null"))
                  .append("checked", 1000L)
                  .append("passed", Math.round(1000 * score))
                  .append("pass_rate", score)
                  .append("overall_score", score));
        }
      }
    }
    return rows;
  }

  /** Bronze appends every few minutes; silver was compacted (12 small files into 2) an hour ago. */
  FakeLakehouse lakehouse() {
    Instant start = now.minus(Duration.ofHours(6));
    List<SnapshotEntry> bronze = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      bronze.add(
          snapshot(
              100 + i,
              i == 0 ? null : 99L + i,
              start.plus(Duration.ofMinutes(40L * i)),
              "append",
              Map.of(
                  "total-records",
                  Long.toString(2000L * (i + 1)),
                  "added-records",
                  "2000",
                  "added-data-files",
                  "2")));
    }
    List<SnapshotEntry> silver =
        List.of(
            snapshot(
                200,
                null,
                start.plus(Duration.ofMinutes(10)),
                "append",
                Map.of("total-records", "1800", "added-records", "1800", "added-data-files", "6")),
            snapshot(
                201,
                200L,
                start.plus(Duration.ofMinutes(90)),
                "overwrite",
                Map.of("total-records", "3500", "added-records", "1900", "added-data-files", "6")),
            snapshot(
                202,
                201L,
                start.plus(Duration.ofMinutes(300)),
                "replace",
                Map.of(
                    "total-records", "3500", "added-data-files", "2", "deleted-data-files", "12")),
            snapshot(
                203,
                202L,
                start.plus(Duration.ofMinutes(330)),
                "append",
                Map.of("total-records", "4100", "added-records", "600", "added-data-files", "1")));
    List<SnapshotEntry> gold =
        List.of(
            snapshot(
                300,
                null,
                start.plus(Duration.ofMinutes(320)),
                "overwrite",
                Map.of("total-records", "30", "added-records", "30", "added-data-files", "1")));
    return new FakeLakehouse(now)
        .table(
            statistics(Layer.BRONZE, "movies_raw", bronze)
                .files(16, 48 * MEBIBYTE)
                .smallFiles(14)
                .build(),
            bronze)
        .table(
            statistics(Layer.SILVER, "movies_clean", silver)
                .files(3, 21 * MEBIBYTE)
                .smallFiles(1)
                .build(),
            silver)
        .table(
            statistics(Layer.GOLD, "genre_metrics", gold)
                .files(1, 64 * KIBIBYTE)
                .smallFiles(1)
                .build(),
            gold);
  }

  /**
   * As the catalog reports a table after {@code snapshots}: the last is current, with its
   * total-records.
   */
  private static TableStatisticsBuilder statistics(
      Layer layer, String table, List<SnapshotEntry> snapshots) {
    SnapshotEntry current = snapshots.get(snapshots.size() - 1);
    return TableStatisticsBuilder.of(layer, layer.id() + "." + table)
        .location("/lakehouse/warehouse/" + layer.id() + "/" + table)
        .currentSnapshot(current.snapshotId(), current.committedAt())
        .records(Long.parseLong(current.summary().getOrDefault("total-records", "0")))
        .snapshots(snapshots.size())
        .partitioning("day(release_date)");
  }
}
