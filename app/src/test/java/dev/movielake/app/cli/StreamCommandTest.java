package dev.movielake.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.movielake.lakehouse.IcebergStorageManager;
import dev.movielake.lakehouse.testing.SharedSpark;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What one command ingests into the embedded broker, the next one streams into bronze. */
class StreamCommandTest {
  @TempDir Path home;

  @Test
  void ingestThenStreamFillsBronzeWithExactlyTheIngestedRecords() throws Exception {
    IcebergStorageManager storage = SharedSpark.storage("streamcli");
    Map<String, String> variables = Map.of(
        "LAKEHOUSE_HOME", home.toString(), "TMDB_SIMULATOR_MOVIES", "80", "TMDB_REQUESTS_PER_SECOND", "200");
    PipelineRunner runner = new PipelineRunner(new LakehouseContext(storage, variables));
    ObjectMapper json = new ObjectMapper();

    PipelineRunner.Run ingest = runner.run("ingest", "batch", "--pages", "1", "--json");
    assertThat(ingest.exitCode()).as(ingest.toString()).isZero();
    JsonNode delivered = json.readTree(ingest.out()).path("recordsPerTopic");

    PipelineRunner.Run stream = runner.run("stream", "--available-now", "--json");
    assertThat(stream.exitCode()).as(stream.toString()).isZero();
    JsonNode bronze = json.readTree(stream.out());
    for (String type : new String[] {"movies", "people", "credits", "reviews"}) {
      assertThat(bronze.path("bronze." + type + "_raw").asLong()).as(type).isEqualTo(delivered.path(type).asLong());
    }
    assertThat(bronze.path("bronze.dead_letter").asLong()).isZero();

    // Again: the checkpoints hold the offsets, nothing is read twice.
    PipelineRunner.Run again = runner.run("stream", "--available-now", "--json");
    assertThat(json.readTree(again.out()).path("bronze.movies_raw").asLong()).isEqualTo(delivered.path("movies").asLong());
    assertThat(runner.run("stream", "--types", "films").err()).contains("unknown record type 'films'");
  }
}
