package dev.movielake.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.movielake.lakehouse.IcebergStorageManager;
import dev.movielake.lakehouse.testing.SharedSpark;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What one command ingests into the embedded broker, the next streams through every layer. */
class StreamCommandTest {
  @TempDir Path home;

  private static Map<String, Long> rows(JsonNode summary) {
    Map<String, Long> rows = new HashMap<>();
    summary
        .path("tables")
        .forEach(
            table ->
                rows.put(
                    table.path("layer").asText() + "." + table.path("table").asText(),
                    table.path("rows").asLong()));
    return rows;
  }

  @Test
  void ingestThenStreamFillsEveryLayerAndBatchAfterwardsFindsNothingNew() throws Exception {
    IcebergStorageManager storage = SharedSpark.storage("streamcli");
    Map<String, String> variables =
        Map.of(
            "LAKEHOUSE_HOME",
            home.toString(),
            "TMDB_SIMULATOR_MOVIES",
            "80",
            "TMDB_REQUESTS_PER_SECOND",
            "200",
            // Any free port: the machine may run a stream on the default 9464.
            "STREAM_METRICS_PORT",
            "0");
    PipelineRunner runner = new PipelineRunner(new LakehouseContext(storage, variables));
    ObjectMapper json = new ObjectMapper();

    PipelineRunner.Run ingest = runner.run("ingest", "batch", "--pages", "1", "--json");
    assertThat(ingest.exitCode()).as(ingest.toString()).isZero();
    JsonNode delivered = json.readTree(ingest.out()).path("recordsPerTopic");

    PipelineRunner.Run stream = runner.run("stream", "--available-now", "--json");
    assertThat(stream.exitCode()).as(stream.toString()).isZero();
    assertThat(stream.err())
        .containsPattern("metrics at http://127\\.0\\.0\\.1:[1-9][0-9]*/metrics");
    Map<String, Long> rows = rows(json.readTree(stream.out()));
    for (String type : new String[] {"movies", "people", "credits", "reviews"}) {
      assertThat(rows.get("bronze." + type + "_raw"))
          .as(type)
          .isEqualTo(delivered.path(type).asLong());
    }
    assertThat(rows.get("silver.movies_clean")).isPositive();
    assertThat(rows.get("silver.credits_clean")).isPositive();
    assertThat(rows.get("gold.trending_movies")).isPositive();
    assertThat(rows.get("gold.movies_by_year_genre")).isPositive();
    assertThat(rows.getOrDefault("bronze.dead_letter", 0L)).isZero();

    PipelineRunner.Run status = runner.run("stream", "status", "--json");
    JsonNode queries = json.readTree(status.out()).path("queries");
    assertThat(queries.findValuesAsText("name"))
        .contains("bronze_movies", "silver_movies", "gold_trending");
    assertThat(queries.findValuesAsText("state")).containsOnly("stopped");

    // The checkpoints hold the offsets: a batch run afterwards reads nothing twice.
    PipelineRunner.Run batch = runner.run("batch", "--json");
    assertThat(batch.exitCode()).as(batch.toString()).isZero();
    assertThat(rows(json.readTree(batch.out()))).isEqualTo(rows);
    // The stream published its results when it ended: a publish now finds no new snapshot to send.
    PipelineRunner.Run publish = runner.run("publish", "--json");
    assertThat(publish.exitCode()).as(publish.toString()).isZero();
    JsonNode collections = json.readTree(publish.out()).path("collections");
    assertThat(collections.findValuesAsText("collection"))
        .contains("movies", "reviews", "trending_movies");
    for (JsonNode collection : collections) {
      // No quality monitor ran, so its scores table does not exist yet.
      assertThat(collection.path("outcome").asText())
          .as(collection.path("collection").asText())
          .isEqualTo(
              collection.path("collection").asText().equals("quality_scores")
                  ? "missing"
                  : "unchanged");
    }
    PipelineRunner.Run full = runner.run("publish", "--full", "--collections", "movies", "--json");
    assertThat(json.readTree(full.out()).path("collections").get(0).path("documents").asLong())
        .isEqualTo(rows.get("silver.movies_clean"));
    assertThat(runner.run("publish", "--collections", "films").err())
        .contains("unknown collection 'films'");
    assertThat(runner.run("stream", "--types", "films").err())
        .contains("unknown record type 'films'");
    assertThat(runner.run("stream", "--layers", "platinum").err()).contains("platinum");
  }
}
