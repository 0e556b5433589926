package dev.movielake.ops.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.movielake.config.IngestConfig;
import dev.movielake.config.KafkaConfig;
import dev.movielake.infra.kafka.EmbeddedKafka;
import dev.movielake.ingest.tmdb.MovieList;
import dev.movielake.ingest.tmdb.TmdbCounters;
import dev.movielake.simulator.SimulatorOptions;
import dev.movielake.simulator.TmdbSimulator;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The TMDB ingestion reads: the configured API, or the simulator for as long as the services are
 * open.
 */
class IngestionServicesTest {
  @TempDir static Path folder;
  private static EmbeddedKafka broker;

  @BeforeAll
  static void startBroker() {
    broker = EmbeddedKafka.start(folder.resolve("kafka"));
  }

  @AfterAll
  static void stopBroker() {
    broker.close();
  }

  private static Map<String, String> variables(String... more) {
    Map<String, String> variables =
        new HashMap<>(
            Map.of(
                "LAKEHOUSE_HOME",
                folder.toString(),
                KafkaConfig.BOOTSTRAP_SERVERS,
                broker.bootstrapServers(),
                "TMDB_SIMULATOR_MOVIES",
                "30"));
    for (int index = 0; index < more.length; index += 2) {
      variables.put(more[index], more[index + 1]);
    }
    return variables;
  }

  @Test
  void withoutATmdbKeyTheSimulatorServesUntilClosed() throws Exception {
    String baseUrl;
    try (IngestionServices services = IngestionServices.start(IngestConfig.from(variables()))) {
      TmdbSimulator simulator = services.simulator().orElseThrow();
      baseUrl = simulator.baseUrl();
      assertThat(services.tmdb().baseUrl()).contains(baseUrl);
      assertThat(services.tmdb().apiKey()).contains(SimulatorOptions.defaults().apiKey());
      assertThat(services.bootstrapServers()).isEqualTo(broker.bootstrapServers());
      assertThat(services.client(new TmdbCounters()).movies(MovieList.POPULAR, 1).results())
          .isNotEmpty();
    }
    assertThatThrownBy(() -> get(baseUrl + "/configuration")).isInstanceOf(IOException.class);
  }

  @Test
  void aConfiguredTmdbIsUsedAndNoSimulatorStarts() throws Exception {
    try (TmdbSimulator configured =
        TmdbSimulator.start(SimulatorOptions.defaults().withMovies(20))) {
      IngestConfig config =
          IngestConfig.from(
              variables(
                  "TMDB_BASE_URL",
                  configured.baseUrl(),
                  "TMDB_API_KEY",
                  SimulatorOptions.defaults().apiKey()));
      try (IngestionServices services = IngestionServices.start(config)) {
        assertThat(services.simulator()).isEmpty();
        assertThat(services.tmdb()).isEqualTo(config.tmdb());
        assertThat(services.client(new TmdbCounters()).movies(MovieList.POPULAR, 1).results())
            .isNotEmpty();
      }
      assertThat(get(configured.baseUrl() + "/configuration"))
          .as("closing leaves a TMDB it did not start running")
          .isEqualTo(401);
    }
  }

  private static int get(String url) throws IOException, InterruptedException {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }
}
