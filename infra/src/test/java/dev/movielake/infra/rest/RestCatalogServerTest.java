package dev.movielake.infra.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RestCatalogServerTest {
  private static final String PASSWORD = "password-that-must-not-be-logged";

  @TempDir Path folder;

  private final HttpClient client = HttpClient.newHttpClient();

  @Test
  void servesAJdbcCatalogOverTheRestProtocolAndStopsWithoutATrace() throws Exception {
    Map<String, String> backend =
        Map.of(
            "catalog-impl",
            "org.apache.iceberg.jdbc.JdbcCatalog",
            "uri",
            "jdbc:sqlite:" + folder.resolve("catalog.db"),
            "jdbc.schema-version",
            "V1",
            "jdbc.password",
            PASSWORD,
            "warehouse",
            folder.resolve("warehouse").toString());
    Path log = folder.resolve("logs/rest-catalog.log");
    long pid;
    try (RestCatalogServer server = RestCatalogServer.start(backend, 0, log)) {
      pid = server.pid();
      assertThat(server.uri()).isEqualTo("http://127.0.0.1:" + server.port());

      HttpResponse<String> config = get(server.uri() + "/v1/config");
      assertThat(config.statusCode()).isEqualTo(200);
      assertThat(config.body()).contains("\"overrides\"");

      HttpResponse<String> created =
          client.send(
              HttpRequest.newBuilder(URI.create(server.uri() + "/v1/namespaces"))
                  .header("Content-Type", "application/json")
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          "{\"namespace\":[\"movies_silver\"],\"properties\":{}}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(created.statusCode()).isEqualTo(200);
      assertThat(get(server.uri() + "/v1/namespaces").body()).contains("[\"movies_silver\"]");

      // The properties file with the password was removed once the server had read it.
      try (Stream<Path> files = Files.list(log.getParent())) {
        assertThat(files.map(path -> path.getFileName().toString()))
            .containsExactly("rest-catalog.log");
      }
    }
    Optional<ProcessHandle> process = ProcessHandle.of(pid);
    assertThat(process.map(ProcessHandle::isAlive).orElse(false))
        .as("server process %d after close", pid)
        .isFalse();
    assertThat(Files.readString(log))
        .contains("listening on", "REST catalog stopped")
        .doesNotContain(PASSWORD);
  }

  @Test
  void aServerThatCannotStartReportsItsLog() {
    Path log = folder.resolve("broken.log");
    assertThatThrownBy(() -> RestCatalogServer.start(Map.of("uri", "jdbc:sqlite::memory:"), 0, log))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("exited during startup")
        .hasMessageContaining("names no catalog: set catalog-impl");
  }

  private HttpResponse<String> get(String uri) throws Exception {
    return client.send(
        HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(10)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
