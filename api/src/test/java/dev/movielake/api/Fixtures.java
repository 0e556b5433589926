package dev.movielake.api;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;

/**
 * A small hand-made dataset in the published shapes; the tests' expected values are computed from
 * it by hand. Times are relative to {@code now} so that the "last hours/days" endpoints see them.
 */
final class Fixtures {
  static final LocalDate YESTERDAY = LocalDate.now(ZoneOffset.UTC).minusDays(1);
  static final LocalDate TWO_DAYS_AGO = YESTERDAY.minusDays(1);

  private Fixtures() {}

  static void insert(MongoDatabase database, Instant now) {
    Date observed = Date.from(now.minus(Duration.ofHours(1)));
    database
        .getCollection("movies")
        .insertMany(
            List.of(
                movie(
                    1, "The Matrix", "1999-03-31", 80, 8.7, observed, "Action", "Science Fiction"),
                movie(
                    2,
                    "The Matrix Reloaded",
                    "2003-05-15",
                    60,
                    7.0,
                    observed,
                    "Action",
                    "Science Fiction"),
                movie(3, "Amélie", "2001-04-25", 30, 7.9, observed, "Comedy", "Romance")
                    .append("language", "fr"),
                movie(
                    4,
                    "Inception",
                    "2010-07-16",
                    90,
                    8.8,
                    observed,
                    "Action",
                    "Science Fiction",
                    "Adventure"),
                movie(5, "Up", "2009-05-29", 50, 8.0, observed, "Animation", "Adventure"),
                movie(6, "Drama Without Date", null, 5, 6.0, observed, "Drama")
                    .append("legacy_ref", new ObjectId("0123456789abcdef01234567"))
                    .append("exact_budget", Decimal128.parse("1234.50"))));
    database.getCollection("movies").createIndex(Indexes.ascending("genres.name", "release_year"));

    database
        .getCollection("movie_metrics")
        .insertMany(
            List.of(
                metrics(1, "The Matrix", 1999, 80, 8.7),
                metrics(2, "The Matrix Reloaded", 2003, 60, 7.0),
                metrics(3, "Amélie", 2001, 30, 7.9),
                metrics(4, "Inception", 2010, 90, 8.8),
                metrics(5, "Up", 2009, 50, 8.0)));
    database
        .getCollection("review_metrics")
        .insertMany(
            List.of(
                reviewMetrics(1, 12, 0.6),
                reviewMetrics(2, 50, 0.1),
                reviewMetrics(3, 9, 0.9),
                reviewMetrics(4, 10, 0.4)));

    database
        .getCollection("trending_movies")
        .insertMany(
            List.of(
                trending(1, now.minus(Duration.ofHours(2)), 5.0),
                trending(1, now.minus(Duration.ofHours(1)), 9.0),
                trending(2, now.minus(Duration.ofHours(3)), 7.0),
                trending(3, now.minus(Duration.ofHours(30)), 20.0),
                trending(4, now.minus(Duration.ofHours(5)), 1.0)));

    database
        .getCollection("sentiment_trends")
        .insertMany(
            List.of(
                sentiment(1, YESTERDAY.atTime(1, 0).toInstant(ZoneOffset.UTC), 10, 0.5, 6, 2),
                sentiment(2, YESTERDAY.atTime(5, 0).toInstant(ZoneOffset.UTC), 30, 0.1, 10, 8),
                sentiment(1, TWO_DAYS_AGO.atTime(3, 0).toInstant(ZoneOffset.UTC), 4, -0.5, 0, 3),
                sentiment(1, now.minus(Duration.ofDays(40)), 100, 1.0, 100, 0)));

    database
        .getCollection("people")
        .insertMany(
            List.of(
                person(10, "Keanu Reeves", 50, "Acting"),
                person(11, "Carrie-Anne Moss", 20, "Acting"),
                person(12, "Lana Wachowski", 15, "Directing"),
                person(13, "Christopher Nolan", 40, "Directing")));
    database
        .getCollection("credits")
        .insertMany(
            List.of(
                cast(1, 10, "Keanu Reeves", "Neo", 0),
                cast(1, 11, "Carrie-Anne Moss", "Trinity", 1),
                crew(1, 12, "Lana Wachowski", "Directing", "Director"),
                cast(2, 10, "Keanu Reeves", "Neo", 0),
                crew(2, 12, "Lana Wachowski", "Directing", "Director"),
                crew(2, 12, "Lana Wachowski", "Writing", "Writer"),
                crew(4, 13, "Christopher Nolan", "Directing", "Director"),
                crew(4, 13, "Christopher Nolan", "Writing", "Screenplay"),
                cast(6, 10, "Keanu Reeves", "Someone", 3)));

    database
        .getCollection("genre_metrics")
        .insertMany(
            List.of(
                genreMetrics("Action/2019", "Action", 2019, 10, 7.0, 1000),
                genreMetrics("Action/2020", "Action", 2020, 30, 6.0, 3000),
                // A second row of one genre and year (as a re-keyed publish could leave): the two
                // are combined.
                genreMetrics("Action/2020/1", "Action", 2020, 10, 8.0, 500),
                genreMetrics("Drama/2019", "Drama", 2019, 5, 8.0, 500),
                genreMetrics("Drama/2021", "Drama", 2021, 7, 5.0, 700)));

    Instant firstCheck = now.minus(Duration.ofDays(2));
    Instant secondCheck = now.minus(Duration.ofDays(1));
    database
        .getCollection("data_quality")
        .insertMany(
            List.of(
                quality("silver", "movies_clean", firstCheck, "not_null_title", 1.0, 0.95),
                quality("silver", "movies_clean", firstCheck, "unique_movie_id", 0.9, 0.95),
                quality("silver", "movies_clean", secondCheck, "not_null_title", 1.0, 1.0),
                quality("silver", "movies_clean", secondCheck, "unique_movie_id", 1.0, 1.0),
                quality("gold", "movie_metrics", firstCheck, "rating_in_range", 0.8, 0.8)));

    // The audit log: batch 1 passed; batch 2 was held, then released; batch 3 is held.
    database
        .getCollection("audits")
        .insertMany(
            List.of(
                audit("stream/1", "passed", now.minus(Duration.ofHours(3)), List.of()),
                audit(
                    "stream/2",
                    "held",
                    now.minus(Duration.ofHours(2)),
                    List.of("vote_average_null_share: 90 of 100 rows null")),
                audit(
                    "stream/2",
                    "released",
                    now.minus(Duration.ofMinutes(90)),
                    List.of("vote_average_null_share: 90 of 100 rows null")),
                audit(
                    "stream/3",
                    "held",
                    now.minus(Duration.ofHours(1)),
                    List.of("movie_id_duplicate_share: 97 of 100 rows share a key"))));

    // Two runs of the quality monitor: two days ago (overall 0.7) and an hour ago (overall 0.85).
    Instant firstRun = now.minus(Duration.ofDays(2));
    Instant latestRun = now.minus(Duration.ofHours(1));
    database
        .getCollection("quality_scores")
        .insertMany(
            List.of(
                score(
                    "run-1",
                    firstRun,
                    "overall",
                    "silver,gold",
                    null,
                    150,
                    0.7,
                    "warning",
                    List.of()),
                score(
                    "run-1",
                    firstRun,
                    "table",
                    "silver",
                    "movies_clean",
                    100,
                    0.7,
                    "warning",
                    List.of()),
                score(
                    "run-2",
                    latestRun,
                    "overall",
                    "silver,gold",
                    null,
                    160,
                    0.85,
                    "good",
                    List.of()),
                score(
                    "run-2",
                    latestRun,
                    "table",
                    "silver",
                    "movies_clean",
                    110,
                    0.7,
                    "warning",
                    List.of("freshness: last commit 30 h ago, limit 24 h")),
                score(
                    "run-2",
                    latestRun,
                    "table",
                    "gold",
                    "movies_by_year_genre",
                    50,
                    1.0,
                    "excellent",
                    List.of())));

    database
        .getCollection("publish_state")
        .insertMany(
            List.of(
                new Document("_id", "movies")
                    .append("collection", "movies")
                    .append("source_table", "silver.movies_clean")
                    .append("snapshot_id", 42L)
                    .append("published_at", Date.from(Instant.parse("2026-01-02T03:04:05Z")))
                    .append("documents", 6L),
                new Document("_id", "people")
                    .append("collection", "people")
                    .append("source_table", "silver.people_clean")
                    .append("snapshot_id", 43L)
                    .append("published_at", Date.from(Instant.parse("2026-01-02T03:04:06Z")))
                    .append("documents", 4L)));
    database
        .getCollection("reviews")
        .createIndex(Indexes.ascending("movie_id"), new IndexOptions().name("movie_id_1"));
  }

  static Document movie(
      long id,
      String title,
      String releaseDate,
      double popularity,
      double voteAverage,
      Date observed,
      String... genres) {
    List<Document> genreDocuments = new ArrayList<>();
    for (int index = 0; index < genres.length; index++) {
      genreDocuments.add(new Document("id", 100 + index).append("name", genres[index]));
    }
    return new Document("_id", id)
        .append("movie_id", id)
        .append("title", title)
        .append("original_title", title)
        .append("overview", "About " + title)
        .append("release_date", releaseDate)
        .append(
            "release_year",
            releaseDate == null ? null : Integer.parseInt(releaseDate.substring(0, 4)))
        .append("adult", false)
        .append("popularity", popularity)
        .append("vote_average", voteAverage)
        .append("vote_count", 1000)
        .append("budget", 1_000_000L)
        .append("revenue", 5_000_000L)
        .append("language", "en")
        .append("genres", genreDocuments)
        .append("genre_names", Arrays.asList(genres))
        .append("observed_at", observed)
        .append(
            "_meta",
            new Document("published_at", observed)
                .append("source_table", "silver.movies_clean")
                .append("source_snapshot_id", 42L));
  }

  private static Document metrics(
      long id, String title, int year, double popularity, double rating) {
    return new Document("_id", id)
        .append("movie_id", id)
        .append("title", title)
        .append("release_year", year)
        .append("avg_popularity", popularity)
        .append("avg_rating", rating)
        .append("vote_count", 100);
  }

  private static Document reviewMetrics(long id, long reviews, double sentiment) {
    return new Document("_id", id)
        .append("movie_id", id)
        .append("total_reviews", reviews)
        .append("avg_sentiment", sentiment)
        .append("positive_reviews", reviews / 2)
        .append("negative_reviews", 1L)
        .append("neutral_reviews", 0L)
        .append("avg_author_rating", null)
        .append("first_review_date", "2020-01-01")
        .append("last_review_date", "2024-01-01");
  }

  private static Document trending(long id, Instant start, double score) {
    return new Document("_id", id + "@" + start.toEpochMilli())
        .append("window_start", Date.from(start))
        .append("window_end", Date.from(start.plus(Duration.ofHours(1))))
        .append("movie_id", id)
        .append("title", "movie " + id)
        .append("max_popularity", 10.0)
        .append("trend_score", score);
  }

  private static Document sentiment(
      long id, Instant start, long reviews, double sentiment, long positive, long negative) {
    return new Document("_id", id + "@" + start.toEpochMilli())
        .append("window_start", Date.from(start))
        .append("window_end", Date.from(start.plus(Duration.ofHours(1))))
        .append("movie_id", id)
        .append("review_count", reviews)
        .append("avg_sentiment", sentiment)
        .append("positive_count", positive)
        .append("negative_count", negative);
  }

  private static Document person(long id, String name, double popularity, String department) {
    return new Document("_id", id)
        .append("person_id", id)
        .append("name", name)
        .append("popularity", popularity)
        .append("known_for_department", department)
        .append("birthday", "1964-09-02")
        .append("also_known_as", List.of());
  }

  private static Document cast(
      long movieId, long personId, String name, String character, int order) {
    String key = movieId + "/" + personId + "/cast/" + character;
    return new Document("_id", key)
        .append("credit_key", key)
        .append("movie_id", movieId)
        .append("person_id", personId)
        .append("credit_type", "cast")
        .append("person_name", name)
        .append("character", character)
        .append("cast_order", order)
        .append("job", null)
        .append("department", null);
  }

  private static Document crew(
      long movieId, long personId, String name, String department, String job) {
    String key = movieId + "/" + personId + "/crew/" + job;
    return new Document("_id", key)
        .append("credit_key", key)
        .append("movie_id", movieId)
        .append("person_id", personId)
        .append("credit_type", "crew")
        .append("person_name", name)
        .append("character", null)
        .append("cast_order", null)
        .append("job", job)
        .append("department", department);
  }

  private static Document genreMetrics(
      String id, String genre, int year, long movies, double rating, long revenue) {
    return new Document("_id", id)
        .append("genre_name", genre)
        .append("release_year", year)
        .append("movie_count", movies)
        .append("avg_rating", rating)
        .append("total_revenue", revenue);
  }

  private static Document score(
      String run,
      Instant checkedAt,
      String scope,
      String layer,
      String table,
      long rows,
      double score,
      String level,
      List<String> failures) {
    return new Document("_id", run + "/" + scope + "/" + layer + (table == null ? "" : "/" + table))
        .append("run_id", run)
        .append("checked_at", Date.from(checkedAt))
        .append("scope", scope)
        .append("layer", layer)
        .append("table_name", table)
        .append("rows", rows)
        .append("score", score)
        .append("level", level)
        .append("schema_score", 1.0)
        .append("freshness_score", failures.isEmpty() ? 1.0 : 0.0)
        .append("volume_score", 1.0)
        .append("completeness_score", score)
        .append("validity_score", null)
        .append("failures", failures)
        .append("_meta", new Document("source_table", "silver.quality_scores"));
  }

  private static Document quality(
      String layer, String table, Instant checkedAt, String rule, double passRate, double overall) {
    return new Document("_id", layer + "." + table + "/" + checkedAt.toEpochMilli() + "/" + rule)
        .append("checked_at", Date.from(checkedAt))
        .append("layer", layer)
        .append("table_name", table)
        .append("batch", 7L)
        .append("rule", rule)
        .append("dimension", "completeness")
        .append("blocking", false)
        .append("checked", 100L)
        .append("passed", Math.round(passRate * 100))
        .append("pass_rate", passRate)
        .append("overall_score", overall);
  }

  private static Document audit(String batch, String state, Instant at, List<String> failures) {
    return new Document("_id", "silver.movies_clean/" + batch + "/" + state)
        .append("audited_at", Date.from(at))
        .append("layer", "silver")
        .append("table_name", "movies_clean")
        .append("batch", batch)
        .append("branch", "audit_stream_" + batch.substring(batch.indexOf('/') + 1))
        .append("state", state)
        .append("rows", 100L)
        .append("failures", failures)
        .append("note", "");
  }
}
