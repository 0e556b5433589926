package dev.movielake.app.demo;

import static org.apache.spark.sql.functions.sum;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import dev.movielake.config.IngestConfig;
import dev.movielake.config.QualityConfig;
import dev.movielake.infra.mongo.EmbeddedMongo;
import dev.movielake.lakehouse.IcebergStorageManager;
import dev.movielake.lakehouse.table.ReadOptions;
import dev.movielake.lakehouse.table.WriteOptions;
import dev.movielake.lakehouse.testing.MovieRows;
import dev.movielake.lakehouse.testing.SharedSpark;
import dev.movielake.model.PipelineTable;
import dev.movielake.model.RecordType;
import dev.movielake.model.ServingCollection;
import dev.movielake.publish.Publisher;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo through the real pipeline: simulator -> embedded Kafka -> bronze -> silver -> gold ->
 * quality -> MongoDB, with time travel, schema evolution and maintenance, then a second run that
 * continues from the checkpoints.
 *
 * <p>Both runs happen once, before the tests: each test asserts one step of the demo. What the
 * second run changes (the current silver rows, the served documents) is read between the two runs,
 * into the fields below, so each test sees the step as the first run left it.
 */
@TestInstance(Lifecycle.PER_CLASS)
class DemoTest {
  private static final DemoOptions SMALL = new DemoOptions(1, 2);

  @TempDir static Path ingestHome;

  private IcebergStorageManager storage;
  private EmbeddedMongo mongo;
  private MongoClient client;
  private MongoDatabase serving;
  private final StringWriter output = new StringWriter();
  private Demo.Summary first;
  private Demo.Summary second;

  /**
   * Row counts of every table after the first run, by table name (from the run's own statistics).
   */
  private Map<String, Long> rowsAfterFirstRun;

  // Read between the two runs.
  private long distinctMoviesInBronze;
  private long reviewsWithoutSentiment;
  private long datedGenrePairsInSilver;
  private Row moviesCountedByGold;
  private Row changedMovieBeforeTheChange;
  private Row changedMovieAfterTheChange;
  private Row popularityAtTheSnapshotBeforeTheChange;
  private long servedMovies;
  private Document servedChangedMovie;
  private long servedTrendingWindows;
  private long servedQualityScores;

  /** The built-in simulator and an embedded broker, under a folder of this test's own. */
  private static IngestConfig ingest() {
    return IngestConfig.from(
        Map.of(
            "LAKEHOUSE_HOME",
            ingestHome.toString(),
            "TMDB_SIMULATOR_MOVIES",
            "200",
            "TMDB_REQUESTS_PER_SECOND",
            "200"));
  }

  @BeforeAll
  void runTheDemoTwice() {
    storage = SharedSpark.storage("demo");
    // A table from the generated-data demo of earlier versions: dropped, its name reused by the
    // pipeline.
    storage.writeToSilver(
        MovieRows.range(SharedSpark.session(), 1, 3, 2000, 1),
        PipelineTable.REVIEWS_WITH_SENTIMENT.tableName(),
        WriteOptions.append().withTableProperties(Map.of(Demo.OWNER_PROPERTY, Demo.OWNER)));
    mongo = EmbeddedMongo.startInMemory();
    client = MongoClients.create(mongo.connectionString());
    serving = client.getDatabase("moviedb");

    first =
        new Demo(
                storage,
                SMALL,
                ingest(),
                QualityConfig.from(Map.of()),
                serving,
                new PrintWriter(output))
            .run();
    rowsAfterFirstRun =
        first.tables().stream()
            .collect(
                Collectors.toMap(
                    t -> t.table().substring(t.table().lastIndexOf('.') + 1),
                    t -> t.records().recordCount()));
    readBetweenTheRuns();

    second =
        new Demo(
                storage,
                SMALL,
                ingest(),
                QualityConfig.from(Map.of()),
                serving,
                new PrintWriter(new StringWriter()))
            .run();
  }

  private void readBetweenTheRuns() {
    distinctMoviesInBronze = read(PipelineTable.MOVIES_RAW).select("id").distinct().count();
    reviewsWithoutSentiment =
        read(PipelineTable.REVIEWS_WITH_SENTIMENT).where("sentiment_label IS NULL").count();
    datedGenrePairsInSilver =
        read(PipelineTable.MOVIES_CLEAN)
            .where("release_year IS NOT NULL")
            .selectExpr("explode(genre_names)")
            .count();
    moviesCountedByGold =
        read(PipelineTable.MOVIES_BY_YEAR_GENRE).agg(sum("movie_count")).collectAsList().get(0);

    String changedMovie = "movie_id = " + first.changedMovieId();
    ReadOptions beforeTheChange =
        ReadOptions.atSnapshot(first.snapshotBeforeChange()).where(changedMovie);
    changedMovieBeforeTheChange =
        read(PipelineTable.MOVIES_CLEAN, beforeTheChange)
            .select("observed_at", "vote_count")
            .first();
    changedMovieAfterTheChange =
        read(PipelineTable.MOVIES_CLEAN, ReadOptions.current().where(changedMovie))
            .select("observed_at", "vote_count")
            .first();
    popularityAtTheSnapshotBeforeTheChange =
        read(PipelineTable.MOVIES_CLEAN, beforeTheChange).select("popularity").first();

    servedMovies = served(ServingCollection.MOVIES).countDocuments();
    servedChangedMovie =
        served(ServingCollection.MOVIES).find(Filters.eq("_id", first.changedMovieId())).first();
    servedTrendingWindows = served(ServingCollection.TRENDING_MOVIES).countDocuments();
    servedQualityScores = served(ServingCollection.QUALITY_SCORES).countDocuments();
  }

  @AfterAll
  void stopMongo() {
    if (client != null) {
      client.close();
    }
    if (mongo != null) {
      mongo.close();
    }
  }

  @Test
  void bronzeHoldsEveryKafkaRecordOnce() {
    // Every Kafka record of both of the run's ingestions is in bronze once: the simulator sends no
    // garbage.
    for (RecordType type :
        List.of(RecordType.MOVIES, RecordType.PEOPLE, RecordType.CREDITS, RecordType.REVIEWS)) {
      assertThat(rowsAfterFirstRun(type.bronzeTable()))
          .as(type.recordType())
          .isEqualTo(recordsSentToKafka(first, type));
    }
    assertThat(first.deadLetters()).isZero();
  }

  @Test
  void silverHoldsTheCleanLatestVersionOfEachMovie() {
    assertThat(rowsAfterFirstRun(PipelineTable.MOVIES_CLEAN))
        .isEqualTo(distinctMoviesInBronze - first.quarantined());
  }

  @Test
  void silverReviewsEachCarryASentiment() {
    assertThat(rowsAfterFirstRun(PipelineTable.REVIEWS_WITH_SENTIMENT)).isPositive();
    assertThat(reviewsWithoutSentiment).isZero();
  }

  @Test
  void silverBatchesAreScoredByTheQualityRules() {
    assertThat(first.qualityScores())
        .containsKeys(
            PipelineTable.MOVIES_CLEAN.toString(), PipelineTable.REVIEWS_WITH_SENTIMENT.toString());
  }

  @Test
  void theQualityMonitorScoresTheTablesOfEveryLayer() {
    assertThat(first.quality().tables())
        .extracting(table -> table.layer() + "." + table.table())
        .contains(
            PipelineTable.MOVIES_CLEAN.toString(),
            PipelineTable.MOVIES_RAW.toString(),
            PipelineTable.TRENDING_MOVIES.toString());
    assertThat(first.quality().overallScore()).isBetween(0.0, 1.0);
  }

  @Test
  void goldAgreesWithSilver() {
    // One movies_by_year_genre count per dated (movie, genre) pair.
    assertThat(moviesCountedByGold.getLong(0)).isEqualTo(datedGenrePairsInSilver);
  }

  @Test
  void goldHoldsTrendingWindowsAndTheirTopThree() {
    assertThat(rowsAfterFirstRun(PipelineTable.TRENDING_MOVIES)).isPositive();
    assertThat(first.topTrending()).hasSize(3);
  }

  @Test
  void timeTravelReadsTheVersionBeforeTheChange() {
    // The changed movie was observed again; its old version is still readable.
    assertThat(changedMovieAfterTheChange.getTimestamp(0))
        .isAfter(changedMovieBeforeTheChange.getTimestamp(0));
    assertThat(changedMovieAfterTheChange.getInt(1))
        .isGreaterThan(changedMovieBeforeTheChange.getInt(1)); // each TMDB change adds votes
    assertThat(first.popularityBefore())
        .isEqualTo(popularityAtTheSnapshotBeforeTheChange.getDouble(0));
  }

  @Test
  void schemaEvolutionAddsTheColumnsOnce() {
    assertThat(first.columnsAdded()).containsExactly("trending_score", "ai_generated_summary");
    assertThat(second.columnsAdded()).isEmpty();
  }

  @Test
  void maintenanceCompactsSmallFiles() {
    assertThat(first.filesAfter()).isLessThan(first.filesBefore());
  }

  @Test
  void everyStepIsPrintedAndTheTablesOfEarlierDemoVersionsAreDropped() {
    assertThat(output.toString()).contains("[1/10]", "[10/10]", "done in", "1 dropped");
  }

  @Test
  void servingIsPublishedThenUpdatedIncrementally() {
    // The first publish sent every silver movie; after TMDB's changes only the changed rows went.
    Publisher.CollectionResult published = publishedTo(first.published(), ServingCollection.MOVIES);
    assertThat(published.incremental()).isFalse();
    assertThat(published.documents()).isEqualTo(distinctMoviesInBronze - first.quarantined());
    Publisher.CollectionResult republished =
        publishedTo(first.republished(), ServingCollection.MOVIES);
    assertThat(republished.incremental()).isTrue();
    assertThat(republished.documents()).isBetween(1L, (long) SMALL.changedMovies());
    assertThat(servedMovies).isEqualTo(rowsAfterFirstRun(PipelineTable.MOVIES_CLEAN));
    assertThat(servedChangedMovie.getDouble("popularity")).isEqualTo(first.popularityAfter());
    assertThat(servedTrendingWindows).isEqualTo(rowsAfterFirstRun(PipelineTable.TRENDING_MOVIES));
  }

  @Test
  void qualityScoresArePublished() {
    // One document per scored table and one for the overall score.
    assertThat(servedQualityScores).isEqualTo(first.quality().tables().size() + 1L);
  }

  @Test
  void aSecondRunContinuesFromTheCheckpoints() {
    // New observations, the same movies, nothing lost.
    assertThat(publishedTo(second.published(), ServingCollection.MOVIES).incremental()).isTrue();
    assertThat(served(ServingCollection.MOVIES).countDocuments())
        .isEqualTo(rowsAfterFirstRun(PipelineTable.MOVIES_CLEAN));
    assertThat(read(PipelineTable.MOVIES_CLEAN).count())
        .isEqualTo(rowsAfterFirstRun(PipelineTable.MOVIES_CLEAN));
    PipelineTable moviesRaw = RecordType.MOVIES.bronzeTable();
    assertThat(
            storage
                .getTableStatistics(moviesRaw.layer(), moviesRaw.tableName())
                .records()
                .recordCount())
        .isEqualTo(rowsAfterFirstRun(moviesRaw) + recordsSentToKafka(second, RecordType.MOVIES));
  }

  private Long rowsAfterFirstRun(PipelineTable table) {
    return rowsAfterFirstRun.get(table.tableName());
  }

  /** A run's records of one type: its batch ingestion, then TMDB's changes. */
  private static long recordsSentToKafka(Demo.Summary run, RecordType type) {
    String topic = ingest().kafka().topic(type.recordType());
    return run.ingestion().recordsPerTopic().get(topic)
        + run.changes().recordsPerTopic().getOrDefault(topic, 0L);
  }

  private static Publisher.CollectionResult publishedTo(
      Publisher.Result result, ServingCollection collection) {
    Map<String, Publisher.CollectionResult> byCollection =
        result.collections().stream()
            .collect(Collectors.toMap(Publisher.CollectionResult::collection, r -> r));
    return byCollection.get(collection.collectionName());
  }

  private Dataset<Row> read(PipelineTable table) {
    return storage.readFromLayer(table.layer(), table.tableName());
  }

  private Dataset<Row> read(PipelineTable table, ReadOptions options) {
    return storage.readFromLayer(table.layer(), table.tableName(), options);
  }

  private MongoCollection<Document> served(ServingCollection collection) {
    return serving.getCollection(collection.collectionName());
  }
}
