package dev.movielake.app.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import dev.movielake.config.IngestConfig;
import dev.movielake.model.Layer;
import dev.movielake.config.QualityConfig;
import dev.movielake.lakehouse.IcebergStorageManager;
import dev.movielake.lakehouse.table.ReadOptions;
import dev.movielake.lakehouse.table.WriteOptions;
import dev.movielake.lakehouse.testing.SharedSpark;
import dev.movielake.infra.mongo.EmbeddedMongo;
import dev.movielake.publish.Publisher;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo through the real pipeline: simulator -> embedded Kafka -> bronze -> silver -> gold. */
class DemoTest {
  private static final DemoOptions SMALL = new DemoOptions(1, 2);

  @TempDir static java.nio.file.Path ingestHome;

  /** The built-in simulator and an embedded broker, under a folder of this test's own. */
  private static IngestConfig ingest() {
    return IngestConfig.from(Map.of("LAKEHOUSE_HOME", ingestHome.toString(), "TMDB_SIMULATOR_MOVIES", "200",
        "TMDB_REQUESTS_PER_SECOND", "200"));
  }

  private static Map<String, Publisher.CollectionResult> byCollection(Publisher.Result result) {
    return result.collections().stream().collect(Collectors.toMap(Publisher.CollectionResult::collection, r -> r));
  }

  @Test
  void runsThePipelineEndToEndShowsTimeTravelSchemaChangeAndMaintenanceAndContinuesOnASecondRun() {
    IcebergStorageManager storage = SharedSpark.storage("demo");
    // A table from the generated-data demo of earlier versions: dropped, its name reused by the pipeline.
    storage.writeToSilver(dev.movielake.lakehouse.testing.MovieRows.range(SharedSpark.session(), 1, 3, 2000, 1),
        "reviews_with_sentiment", WriteOptions.append().withTableProperties(Map.of(Demo.OWNER_PROPERTY, Demo.OWNER)));
    StringWriter output = new StringWriter();
    EmbeddedMongo mongo = EmbeddedMongo.startInMemory();
    MongoClient client = MongoClients.create(mongo.connectionString());
    MongoDatabase serving = client.getDatabase("moviedb");

    Demo.Summary summary = new Demo(storage, SMALL, ingest(), QualityConfig.from(Map.of()), serving, new PrintWriter(output)).run();

    Map<String, Long> delivered = summary.ingestion().recordsPerTopic();
    Map<String, Long> changes = summary.changes().recordsPerTopic();
    Map<String, Long> rows = summary.tables().stream()
        .collect(Collectors.toMap(
            t -> t.table().substring(t.table().lastIndexOf('.') + 1), t -> t.records().recordCount()));
    // Every Kafka record of both runs is in bronze once: the simulator sends no garbage.
    for (String type : new String[] {"movies", "people", "credits", "reviews"}) {
      assertThat(rows.get(type + "_raw")).as(type)
          .isEqualTo(delivered.get(type) + changes.getOrDefault(type, 0L));
    }
    assertThat(summary.deadLetters()).isZero();

    long movies = storage.readFromLayer(Layer.BRONZE, "movies_raw").select("id").distinct().count();
    assertThat(rows.get("movies_clean")).isEqualTo(movies - summary.quarantined());
    assertThat(rows.get("reviews_with_sentiment")).isPositive();
    assertThat(storage.readFromLayer(Layer.SILVER, "reviews_with_sentiment").where("sentiment_label IS NULL").count()).isZero();
    assertThat(summary.qualityScores()).containsKeys("silver.movies_clean", "silver.reviews_with_sentiment");
    // The whole-table monitor scored every pipeline table, and its scores were published for the API.
    assertThat(summary.quality().tables()).extracting(table -> table.layer() + "." + table.table())
        .contains("silver.movies_clean", "bronze.movies_raw", "gold.trending_movies");
    assertThat(summary.quality().overallScore()).isBetween(0.0, 1.0);

    // Gold agrees with silver: one movies_by_year_genre count per dated (movie, genre) pair.
    long datedGenrePairs = storage.readFromLayer(Layer.SILVER, "movies_clean")
        .where("release_year IS NOT NULL").selectExpr("explode(genre_names)").count();
    Row total = storage.readFromLayer(Layer.GOLD, "movies_by_year_genre")
        .agg(org.apache.spark.sql.functions.sum("movie_count")).collectAsList().get(0);
    assertThat(total.getLong(0)).isEqualTo(datedGenrePairs);
    assertThat(rows.get("trending_movies")).isPositive();
    assertThat(summary.topTrending()).hasSize(3);

    // Time travel: the changed movie was observed again; its old version is still readable.
    String at = "movie_id = " + summary.changedMovieId();
    Row before = storage.readFromLayer(Layer.SILVER, "movies_clean", ReadOptions.atSnapshot(summary.snapshotBeforeChange()).where(at))
        .select("observed_at", "vote_count").first();
    Row now = storage.readFromLayer(Layer.SILVER, "movies_clean", ReadOptions.current().where(at))
        .select("observed_at", "vote_count").first();
    assertThat(now.getTimestamp(0)).isAfter(before.getTimestamp(0));
    assertThat(now.getInt(1)).isGreaterThan(before.getInt(1)); // each TMDB change adds votes
    assertThat(summary.popularityBefore()).isEqualTo(storage.readFromLayer(Layer.SILVER, "movies_clean",
        ReadOptions.atSnapshot(summary.snapshotBeforeChange()).where(at)).select("popularity").first().getDouble(0));

    assertThat(summary.columnsAdded()).containsExactly("trending_score", "ai_generated_summary");
    assertThat(summary.filesAfter()).isLessThan(summary.filesBefore());
    assertThat(output.toString()).contains("[1/10]", "[10/10]", "done in", "1 dropped");

    // Serving: the first publish sent every silver movie; after TMDB's changes only the changed rows went.
    Map<String, Publisher.CollectionResult> published = byCollection(summary.published());
    assertThat(published.get("movies").incremental()).isFalse();
    assertThat(published.get("movies").documents()).isEqualTo(movies - summary.quarantined());
    Map<String, Publisher.CollectionResult> republished = byCollection(summary.republished());
    assertThat(republished.get("movies").incremental()).isTrue();
    assertThat(republished.get("movies").documents()).isBetween(1L, (long) SMALL.changedMovies());
    assertThat(serving.getCollection("movies").countDocuments()).isEqualTo(rows.get("movies_clean"));
    assertThat(serving.getCollection("movies").find(Filters.eq("_id", summary.changedMovieId())).first()
        .getDouble("popularity")).isEqualTo(summary.popularityAfter());
    assertThat(serving.getCollection("trending_movies").countDocuments()).isEqualTo(rows.get("trending_movies"));
    assertThat(serving.getCollection("quality_scores").countDocuments())
        .isEqualTo(summary.quality().tables().size() + 1L); // one per table and the overall row

    // A second demo continues from the checkpoints: new observations, the same movies, nothing lost.
    Demo.Summary again = new Demo(storage, SMALL, ingest(), QualityConfig.from(Map.of()), serving, new PrintWriter(new StringWriter())).run();
    assertThat(byCollection(again.published()).get("movies").incremental()).isTrue();
    assertThat(serving.getCollection("movies").countDocuments()).isEqualTo(rows.get("movies_clean"));
    client.close();
    mongo.close();
    assertThat(again.columnsAdded()).isEmpty();
    assertThat(storage.readFromLayer(Layer.SILVER, "movies_clean").count()).isEqualTo(rows.get("movies_clean"));
    assertThat(storage.getTableStatistics(Layer.BRONZE, "movies_raw").records().recordCount())
        .isEqualTo(rows.get("movies_raw") + again.ingestion().recordsPerTopic().get("movies")
            + again.changes().recordsPerTopic().getOrDefault("movies", 0L));
  }
}
