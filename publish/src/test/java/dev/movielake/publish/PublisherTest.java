package dev.movielake.publish;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.udf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import dev.movielake.config.QualityConfig;
import dev.movielake.infra.mongo.EmbeddedMongo;
import dev.movielake.lakehouse.IcebergStorageManager;
import dev.movielake.lakehouse.readers.TableReaders;
import dev.movielake.lakehouse.table.WriteOptions;
import dev.movielake.lakehouse.testing.SharedSpark;
import dev.movielake.model.Layer;
import dev.movielake.model.ServingCollection;
import dev.movielake.publish.testing.SilverMovies;
import dev.movielake.stream.quality.QualityMonitor;
import dev.movielake.stream.quality.QualityReport;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.assertj.core.data.Offset;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Real Iceberg tables (written as the pipeline writes them) published into a real embedded MongoDB.
 */
class PublisherTest {
  private static final StructType REVIEWS =
      StructType.fromDDL(
          "review_id STRING, movie_id BIGINT, author_rating DOUBLE, review_date DATE,"
              + " sentiment_score DOUBLE, sentiment_label STRING, observed_at TIMESTAMP");
  private static final StructType GENRES =
      StructType.fromDDL(
          "year INT, genre STRING, movie_count BIGINT, avg_rating DOUBLE, total_revenue BIGINT");

  private final SparkSession spark = SharedSpark.session();
  private IcebergStorageManager storage;
  private EmbeddedMongo mongo;
  private MongoClient client;
  private MongoDatabase database;
  private Publisher publisher;

  @BeforeEach
  void start() {
    storage = SharedSpark.storage("publish" + System.nanoTime());
    mongo = EmbeddedMongo.startInMemory();
    client = MongoClients.create(mongo.connectionString());
    database = client.getDatabase("moviedb");
    publisher = new Publisher(storage, database, Clock.systemUTC());
  }

  @AfterEach
  void stop() {
    client.close();
    mongo.close();
  }

  private static Row movie(long id, String title, double popularity, String observedAt) {
    return SilverMovies.movie(id, title)
        .releasedOn("2024-05-01")
        .genre("Drama")
        .popularity(popularity)
        .rating(7.5)
        .observedAt(Timestamp.valueOf(observedAt))
        .row();
  }

  private void upsertMovies(Row... movies) {
    SilverMovies.upsert(storage, movies);
  }

  private void upsertReviews(Row... reviews) {
    storage.writeToSilver(
        spark.createDataFrame(List.of(reviews), REVIEWS),
        "reviews_with_sentiment",
        WriteOptions.upsert("review_id").partitionedBy("months(review_date)"));
  }

  private static Row review(String id, long movie, double score, String label) {
    return RowFactory.create(
        id,
        movie,
        8.0,
        Date.valueOf("2024-06-01"),
        score,
        label,
        Timestamp.valueOf("2026-01-01 10:00:00"));
  }

  private Map<String, Publisher.CollectionResult> publish(boolean full) {
    return publisher.publish(Set.of(), full, result -> {}).collections().stream()
        .collect(Collectors.toMap(Publisher.CollectionResult::collection, result -> result));
  }

  private Document movieDocument(long id) {
    return database.getCollection("movies").find(Filters.eq("_id", id)).first();
  }

  // The driver's java.util.Date beside Spark's java.sql.Date: the driver's keeps its qualified
  // name.
  @SuppressWarnings("inlineQualifiedName")
  @Test
  void qualityMonitorRunsArePublishedOneDocumentPerTableAndRun() {
    upsertMovies(
        movie(1, "Alpha", 50.0, "2026-01-01 10:00:00"),
        movie(2, "Beta", 20.0, "2026-01-01 10:00:00"));
    QualityMonitor monitor =
        new QualityMonitor(storage, QualityConfig.from(Map.of()), Clock.systemUTC());
    QualityReport first = monitor.run(List.of(Layer.SILVER), line -> {});
    publish(false);
    QualityReport second = monitor.run(List.of(Layer.SILVER), line -> {});

    Publisher.CollectionResult result = publish(false).get("quality_scores");

    assertThat(result.incremental()).isTrue();
    assertThat(result.documents()).isEqualTo(2); // the second run's table and overall rows
    List<Document> documents =
        database
            .getCollection("quality_scores")
            .find()
            .sort(Sorts.ascending("_id"))
            .into(new ArrayList<>());
    assertThat(documents)
        .extracting(document -> document.getString("_id"))
        .containsExactlyInAnyOrder(
            first.runId() + "/overall/silver", first.runId() + "/table/silver/movies_clean",
            second.runId() + "/overall/silver", second.runId() + "/table/silver/movies_clean");
    Document overall =
        database
            .getCollection("quality_scores")
            .find(Filters.eq("_id", second.runId() + "/overall/silver"))
            .first();
    assertThat(overall.getDouble("score")).isEqualTo(second.overallScore());
    assertThat(overall.getString("level")).isEqualTo(second.overallLevel().toString());
    assertThat(overall.get("checked_at")).isInstanceOf(java.util.Date.class);
  }

  // The driver's java.util.Date beside Spark's java.sql.Date: the driver's keeps its qualified
  // name.
  @SuppressWarnings("inlineQualifiedName")
  @Test
  void firstPublishSendsEveryRowWithTypesTheApiCanQuery() {
    upsertMovies(
        movie(1, "Alpha", 50.0, "2026-01-01 10:00:00"),
        movie(2, "Beta", 20.0, "2026-01-01 10:00:00"));
    upsertReviews(
        review("r1", 1, 0.5, "positive"),
        review("r2", 1, -0.3, "negative"),
        review("r3", 2, 0.0, "neutral"));

    Map<String, Publisher.CollectionResult> results = publish(false);

    assertThat(results.get("movies").outcome()).isEqualTo("published");
    assertThat(results.get("movies").incremental()).isFalse();
    assertThat(results.get("movies").documents()).isEqualTo(2);
    assertThat(results.get("people").outcome()).isEqualTo("missing");
    Document alpha = movieDocument(1);
    assertThat(alpha.getString("title")).isEqualTo("Alpha");
    assertThat(alpha.getString("release_date")).isEqualTo("2024-05-01");
    assertThat(alpha.get("observed_at")).isInstanceOf(java.util.Date.class);
    assertThat(alpha.getList("genres", Document.class))
        .containsExactly(new Document("id", 18).append("name", "Drama"));
    assertThat(alpha.get("_meta", Document.class).getString("source_table"))
        .isEqualTo("silver.movies_clean");
    assertThat(
            database
                .getCollection("movie_metrics")
                .find(Filters.eq("_id", 2L))
                .first()
                .getDouble("avg_popularity"))
        .isEqualTo(20.0);
    // Movie 1: (0.5 - 0.3) / 2 = 0.1 over 2 reviews, one positive and one negative.
    Document metrics = database.getCollection("review_metrics").find(Filters.eq("_id", 1L)).first();
    assertThat(metrics.getLong("total_reviews")).isEqualTo(2);
    assertThat(metrics.getDouble("avg_sentiment")).isCloseTo(0.1, Offset.offset(1e-9));
    assertThat(metrics.getLong("positive_reviews")).isEqualTo(1);
    assertThat(metrics.getString("last_review_date")).isEqualTo("2024-06-01");
    List<String> indexes =
        database
            .getCollection("movies")
            .listIndexes()
            .map(index -> index.getString("name"))
            .into(new ArrayList<>());
    assertThat(indexes).contains("movie_id_1", "popularity_-1", "genres.name_1_release_year_1");
  }

  @Test
  void aRerunWithoutNewSnapshotsSendsNothingAndChangesAreSentAlone() {
    upsertMovies(
        movie(1, "Alpha", 50.0, "2026-01-01 10:00:00"),
        movie(2, "Beta", 20.0, "2026-01-01 10:00:00"),
        movie(3, "Gamma", 5.0, "2026-01-01 10:00:00"));
    upsertReviews(review("r1", 1, 0.5, "positive"), review("r3", 2, 0.0, "neutral"));
    publish(false);

    assertThat(publish(false).values())
        .allSatisfy(result -> assertThat(result.outcome()).isIn("unchanged", "missing"));

    // TMDB changed movie 2 and a new movie appeared; movie 2 got a review.
    upsertMovies(
        movie(2, "Beta (Director's Cut)", 35.0, "2026-01-02 10:00:00"),
        movie(4, "Delta", 9.0, "2026-01-02 10:00:00"));
    upsertReviews(review("r4", 2, 1.0, "positive"));
    Map<String, Publisher.CollectionResult> results = publish(false);

    assertThat(results.get("movies").incremental()).isTrue();
    assertThat(results.get("movies").documents()).isEqualTo(2);
    assertThat(results.get("movie_metrics").documents()).isEqualTo(2);
    assertThat(results.get("reviews").documents()).isEqualTo(1);
    assertThat(results.get("review_metrics").documents())
        .as("only movie 2's metrics are recomputed")
        .isEqualTo(1);
    assertThat(movieDocument(2).getString("title")).isEqualTo("Beta (Director's Cut)");
    assertThat(database.getCollection("movies").countDocuments()).isEqualTo(4);
    Document betaMetrics =
        database.getCollection("review_metrics").find(Filters.eq("_id", 2L)).first();
    assertThat(betaMetrics.getLong("total_reviews")).isEqualTo(2);
    assertThat(betaMetrics.getDouble("avg_sentiment")).isEqualTo(0.5);
    Document state =
        database.getCollection("publish_state").find(Filters.eq("_id", "movies")).first();
    assertThat(state.getLong("snapshot_id"))
        .isEqualTo(storage.loadTable(Layer.SILVER, "movies_clean").currentSnapshot().snapshotId());
    assertThat(state.getString("mode")).isEqualTo("incremental");
    assertThat(new TableReaders().readers(storage.loadTable(Layer.SILVER, "movies_clean")))
        .as("each collection keeps its watermark from expiry")
        .filteredOn(reader -> reader.name().startsWith(Publisher.READER_PREFIX))
        .extracting(reader -> reader.name() + "@" + reader.snapshotId())
        .containsExactlyInAnyOrder(
            "publish.movies@" + state.getLong("snapshot_id"),
            "publish.movie_metrics@" + state.getLong("snapshot_id"));
  }

  @Test
  void onlyMainIsPublishedNeverABranchHoldingABatch() {
    upsertMovies(movie(1, "Alpha", 50.0, "2026-01-01 10:00:00"));
    publish(false);
    // A batch held by its audit: committed to its branch, never to main.
    storage.openBranch(Layer.SILVER, "movies_clean", "audit_held_1");
    storage.writeToSilver(
        spark.createDataFrame(
            List.of(
                movie(1, "Alpha (bad)", 1.0, "2026-01-02 10:00:00"),
                movie(2, "Held", 9.0, "2026-01-02 10:00:00")),
            storage.readFromLayer(Layer.SILVER, "movies_clean").schema()),
        "movies_clean",
        WriteOptions.upsert("movie_id").onBranch("audit_held_1"));

    publish(false);
    publish(true);

    assertThat(movieDocument(1).getString("title")).isEqualTo("Alpha");
    assertThat(movieDocument(2)).isNull();

    storage.publishBranch(Layer.SILVER, "movies_clean", "audit_held_1");
    publish(false);
    assertThat(movieDocument(1).getString("title")).isEqualTo("Alpha (bad)");
    assertThat(movieDocument(2).getString("title")).isEqualTo("Held");
  }

  @Test
  void aPublishThatFailsHalfwayIsRepairedByTheNextRun() {
    List<Row> movies = new ArrayList<>();
    for (int id = 1; id <= 30; id++) {
      movies.add(movie(id, "Movie " + id, id, "2026-01-01 10:00:00"));
    }
    upsertMovies(movies.toArray(Row[]::new));
    UDF1<Long, Long> failOnMovie25 =
        id -> {
          if (id == 25L) {
            throw new IllegalStateException("injected failure while publishing movie 25");
          }
          return id;
        };
    spark.udf().register("fail_on_movie_25", udf(failOnMovie25, DataTypes.LongType));
    Publication failing =
        Publication.rows(
            ServingCollection.MOVIES,
            (changed, table) ->
                changed
                    .repartitionByRange(3, col("movie_id"))
                    .sortWithinPartitions("movie_id")
                    .withColumn(
                        "_id",
                        org.apache.spark.sql.functions.call_udf(
                            "fail_on_movie_25", col("movie_id"))));
    Publisher crashing = new Publisher(storage, database, Clock.systemUTC(), List.of(failing), 10);

    assertThatThrownBy(() -> crashing.publish(Set.of(), false, result -> {}))
        .hasStackTraceContaining("movie 25");
    assertThat(database.getCollection("movies").countDocuments())
        .as("batches before the failure were written")
        .isBetween(10L, 24L);
    assertThat(database.getCollection("publish_state").countDocuments(Filters.eq("_id", "movies")))
        .isZero();

    Map<String, Publisher.CollectionResult> repaired = publish(false);

    assertThat(repaired.get("movies").documents()).isEqualTo(30);
    assertThat(database.getCollection("movies").countDocuments()).isEqualTo(30);
    assertThat(movieDocument(25).getString("title")).isEqualTo("Movie 25");
  }

  @Test
  void deletesReachServingAndACompactionPublishesNothing() {
    upsertMovies(
        movie(1, "Alpha", 50.0, "2026-01-01 10:00:00"),
        movie(2, "Beta", 20.0, "2026-01-01 10:00:00"),
        movie(3, "Gamma", 5.0, "2026-01-01 10:00:00"));
    upsertReviews(
        review("r1", 1, 0.5, "positive"),
        review("r2", 1, 1.0, "positive"),
        review("r3", 2, 0.0, "neutral"));
    publish(false);
    assertThat(database.getCollection("review_metrics").countDocuments()).isEqualTo(2);

    // Movie 2 and its only review leave silver; movie 1 loses one of its two reviews.
    spark.sql(
        "DELETE FROM " + storage.table(Layer.SILVER, "movies_clean").sql() + " WHERE movie_id = 2");
    spark.sql(
        "DELETE FROM "
            + storage.table(Layer.SILVER, "reviews_with_sentiment").sql()
            + " WHERE review_id IN ('r2', 'r3')");
    Map<String, Publisher.CollectionResult> results = publish(false);

    assertThat(results.get("movies").incremental()).isTrue();
    assertThat(results.get("movies").deleted()).isEqualTo(1);
    assertThat(results.get("movies").documents()).isZero();
    assertThat(results.get("movie_metrics").deleted()).isEqualTo(1);
    assertThat(results.get("reviews").deleted()).isEqualTo(2);
    assertThat(results.get("review_metrics").deleted())
        .as("movie 2 has no review left")
        .isEqualTo(1);
    assertThat(results.get("review_metrics").documents()).as("movie 1's, recomputed").isEqualTo(1);
    assertThat(database.getCollection("movies").countDocuments()).isEqualTo(2);
    assertThat(movieDocument(2)).isNull();
    assertThat(
            database
                .getCollection("review_metrics")
                .find(Filters.eq("_id", 1L))
                .first()
                .getLong("total_reviews"))
        .isEqualTo(1);

    // Compacting every published silver table changes no row: nothing is sent.
    for (String table : List.of("movies_clean", "reviews_with_sentiment")) {
      spark
          .sql(
              "CALL `"
                  + storage.config().catalog().name()
                  + "`.system.rewrite_data_files(table => '"
                  + storage.table(Layer.SILVER, table).qualified()
                  + "', options => map('rewrite-all', 'true'))")
          .collectAsList();
    }
    Map<String, Publisher.CollectionResult> afterCompaction = publish(false);
    assertThat(afterCompaction.get("movies").outcome()).isEqualTo("published");
    assertThat(afterCompaction.values())
        .allSatisfy(
            result -> {
              assertThat(result.documents()).as(result.collection()).isZero();
              assertThat(result.deleted()).as(result.collection()).isZero();
            });
  }

  @Test
  void replacedAggregatesAndRollbacksDeleteWhatTheTableNoLongerHas() {
    storage.writeToGold(
        spark.createDataFrame(
            List.of(
                RowFactory.create(2020, "Drama", 2L, 7.0, 400L),
                RowFactory.create(2020, "Horror", 1L, 5.0, 10L)),
            GENRES),
        "movies_by_year_genre",
        WriteOptions.replaceAll().partitionedBy("year"));
    publish(false);
    storage.writeToGold(
        spark.createDataFrame(
            List.<Row>of(RowFactory.create(2020, "Drama", 3L, 7.5, 500L)), GENRES),
        "movies_by_year_genre",
        WriteOptions.replaceAll().partitionedBy("year"));

    Map<String, Publisher.CollectionResult> results = publish(false);

    assertThat(results.get("genre_metrics").deleted()).isEqualTo(1);
    assertThat(
            database
                .getCollection("genre_metrics")
                .find()
                .sort(Sorts.ascending("_id"))
                .map(document -> document.getString("_id") + "=" + document.getLong("movie_count"))
                .into(new ArrayList<>()))
        .containsExactly("Drama/2020=3");

    upsertMovies(movie(1, "Alpha", 50.0, "2026-01-01 10:00:00"));
    long first = storage.loadTable(Layer.SILVER, "movies_clean").currentSnapshot().snapshotId();
    upsertMovies(movie(2, "Beta", 20.0, "2026-01-01 10:00:00"));
    publish(false);
    assertThat(database.getCollection("movies").countDocuments()).isEqualTo(2);

    storage.rollbackToSnapshot(Layer.SILVER, "movies_clean", first);
    Map<String, Publisher.CollectionResult> afterRollback = publish(false);

    assertThat(afterRollback.get("movies").incremental())
        .as("the published snapshot is no longer an ancestor")
        .isFalse();
    assertThat(afterRollback.get("movies").deleted()).isEqualTo(1);
    assertThat(
            database
                .getCollection("movies")
                .find()
                .map(document -> document.getString("title"))
                .into(new ArrayList<>()))
        .containsExactly("Alpha");
  }
}
