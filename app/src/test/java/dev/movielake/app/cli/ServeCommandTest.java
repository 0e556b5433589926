package dev.movielake.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.movielake.infra.FreePort;
import dev.movielake.lakehouse.IcebergStorageManager;
import dev.movielake.lakehouse.table.WriteOptions;
import dev.movielake.lakehouse.testing.MovieRows;
import dev.movielake.lakehouse.testing.SharedSpark;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pipeline serve} for real: it answers on the configured port until stopped, then frees it.
 */
class ServeCommandTest {
  @TempDir Path home;

  @Test
  void servesTheApiOverTheConfiguredLakehouseUntilStopped() throws Exception {
    IcebergStorageManager storage = SharedSpark.storage("servecli");
    storage.writeToSilver(
        MovieRows.range(SharedSpark.session(), 1, 5, 2020, 1), "movies", WriteOptions.append());
    int port = FreePort.find();
    LakehouseContext context =
        new LakehouseContext(
            storage, Map.of("LAKEHOUSE_HOME", home.toString(), "API_PORT", Integer.toString(port)));
    AtomicReference<PipelineRunner.Run> result = new AtomicReference<>();
    Thread serving =
        new Thread(() -> result.set(new PipelineRunner(context).run("serve")), "serve-command");
    serving.start();
    HttpClient http = HttpClient.newHttpClient();
    String base = "http://127.0.0.1:" + port;

    JsonNode health = awaitJson(http, base + "/health");
    assertThat(health.path("data").path("status").asText()).isEqualTo("ok");
    HttpResponse<String> tables =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/lakehouse/tables")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(new ObjectMapper().readTree(tables.body()).path("data").findValuesAsText("table"))
        .anyMatch(name -> name.endsWith("silver.movies"));
    assertThat(home.resolve("mongo/mongodb.address")).exists();

    serving.interrupt(); // what the shutdown hook does on Ctrl-C
    serving.join(30_000);
    assertThat(serving.isAlive()).isFalse();
    assertThat(result.get().exitCode()).as(result.get().toString()).isZero();
    assertThat(result.get().out()).contains("dashboard   " + base + "/", "Stop with Ctrl-C.");
    // Kept: the next process to start the embedded MongoDB starts it where its clients knew it.
    assertThat(home.resolve("mongo/mongodb.address")).exists();
    try {
      http.send(
          HttpRequest.newBuilder(URI.create(base + "/health")).build(),
          HttpResponse.BodyHandlers.ofString());
      throw new AssertionError("the API still answers after serve stopped");
    } catch (ConnectException expected) {
      // the port is free again
    }
  }

  private static JsonNode awaitJson(HttpClient http, String url) throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (true) {
      try {
        HttpResponse<String> response =
            http.send(
                HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        return new ObjectMapper().readTree(response.body());
      } catch (ConnectException notYet) {
        if (Instant.now().isAfter(deadline)) {
          throw new AssertionError("serve did not answer on " + url + " within 60 s", notYet);
        }
        Thread.sleep(200);
      }
    }
  }
}
