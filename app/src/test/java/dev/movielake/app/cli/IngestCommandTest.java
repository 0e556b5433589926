package dev.movielake.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.movielake.simulator.SimulatorOptions;
import dev.movielake.simulator.TmdbSimulator;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ingest commands on the built-in simulator and an embedded broker, as a user runs them. */
class IngestCommandTest {
  @TempDir Path home;

  private PipelineRunner runner(Map<String, String> extra) {
    Map<String, String> variables =
        new HashMap<>(
            Map.of(
                "LAKEHOUSE_HOME",
                home.toString(),
                "TMDB_SIMULATOR_MOVIES",
                "120",
                "TMDB_REQUESTS_PER_SECOND",
                "200"));
    variables.putAll(extra);
    return new PipelineRunner(new LakehouseContext(() -> variables));
  }

  @Test
  void batchThenIncrementalReportWhatTheyDelivered() throws Exception {
    PipelineRunner.Run batch = runner(Map.of()).run("ingest", "batch", "--pages", "1", "--json");
    assertThat(batch.exitCode()).as(batch.toString()).isZero();
    JsonNode report = new ObjectMapper().readTree(batch.out());
    assertThat(report.path("mode").asText()).isEqualTo("batch");
    assertThat(report.path("movies").asLong()).isPositive();
    assertThat(report.path("recordsPerTopic").path("movies").asLong())
        .isEqualTo(report.path("movies").asLong());
    assertThat(report.path("recordsPerTopic").path("people").asLong()).isPositive();
    assertThat(batch.err())
        .contains("TMDB http://127.0.0.1:")
        .contains("lists: 6 item(s)")
        .contains("movies: ")
        .contains("people: ");

    PipelineRunner.Run incremental =
        runner(Map.of())
            .run("ingest", "incremental", "--since", LocalDate.now().minusDays(20).toString());
    assertThat(incremental.exitCode()).as(incremental.toString()).isZero();
    assertThat(incremental.out()).contains("incremental").contains("movies");
    assertThat(home.resolve("ingest/cursor")).exists();
  }

  @Test
  void aWrongKeyOnAnApiFailsWithOneLineNamingTheVariableAndHidingTheKey() {
    try (TmdbSimulator simulator =
        TmdbSimulator.start(SimulatorOptions.defaults().withMovies(20))) {
      PipelineRunner.Run run =
          runner(Map.of("TMDB_BASE_URL", simulator.baseUrl(), "TMDB_API_KEY", "wrong-key-9876"))
              .run("ingest", "batch", "--pages", "1");
      assertThat(run.exitCode()).isEqualTo(1);
      assertThat(run.err())
          .contains("error: TMDB at")
          .contains("TMDB_API_KEY")
          .doesNotContain("wrong-key-9876");
    }
  }

  @Test
  void badArgumentsAreRefusedBeforeAnythingStarts() {
    PipelineRunner.Run interval =
        runner(Map.of()).run("ingest", "continuous", "--interval", "soon");
    assertThat(interval.exitCode()).isEqualTo(1);
    assertThat(interval.err()).contains("invalid interval 'soon'");
    PipelineRunner.Run future =
        runner(Map.of())
            .run("ingest", "incremental", "--since", LocalDate.now().plusDays(3).toString());
    assertThat(future.exitCode()).isEqualTo(1);
    assertThat(future.err()).contains("is in the future");
    assertThat(runner(Map.of()).run("tmdb-sim", "--help").exitCode()).isZero();
  }
}
