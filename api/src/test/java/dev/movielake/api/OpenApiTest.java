package dev.movielake.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** /openapi.json is OpenAPI 3.0 and describes exactly the routes the server registers. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenApiTest {
  private TestApi api;
  private JsonNode document;

  @BeforeAll
  void start() {
    api = new TestApi();
    TestApi.Response response = api.get("/openapi.json");
    assertThat(response.status()).isEqualTo(200);
    assertThat(response.header("Content-Type")).startsWith("application/json");
    document = response.json();
  }

  @AfterAll
  void stop() {
    api.close();
  }

  @Test
  void isOpenApi30() {
    assertThat(document.get("openapi").asText()).matches("3\\.0\\.\\d+");
    assertThat(document.get("info").get("title").asText()).isNotBlank();
    assertThat(document.get("components").get("schemas").has("Error")).isTrue();
    assertThat(document.get("components").get("schemas").has("PageEnvelope")).isTrue();
  }

  @Test
  void listsEveryRegisteredRouteAndNothingElse() {
    List<String> documented = new ArrayList<>();
    document.get("paths").fieldNames().forEachRemaining(documented::add);
    assertThat(documented).containsExactlyInAnyOrderElementsOf(api.server.registeredPaths());
    assertThat(api.server.registeredPaths())
        .containsExactlyElementsOf(api.server.routes().stream().map(Route::path).toList());
    assertThat(documented)
        .contains(
            "/health",
            "/movies/{movie_id}",
            "/movies/search",
            "/movies/trending",
            "/movies/genre/{genre}",
            "/movies/{movie_id}/sentiment",
            "/movies/{movie_id}/cast",
            "/movies/{movie_id}/crew",
            "/people/{person_id}",
            "/people/search",
            "/people/popular",
            "/people/{person_id}/movies",
            "/analytics/genre-trends",
            "/analytics/sentiment-trends",
            "/analytics/performance",
            "/lakehouse/tables",
            "/lakehouse/tables/{layer}/{table}",
            "/lakehouse/tables/{layer}/{table}/snapshots",
            "/lakehouse/tables/{layer}/{table}/history",
            "/lakehouse/maintenance",
            "/lakehouse/quality",
            "/lakehouse/quality/scores",
            "/publish/state",
            "/openapi.json",
            "/metrics");
  }

  @Test
  void everyRouteAnswersOnItsDocumentedPath() {
    document
        .get("paths")
        .fieldNames()
        .forEachRemaining(
            path -> {
              String concrete =
                  path.replace("{movie_id}", "1")
                      .replace("{person_id}", "10")
                      .replace("{genre}", "Action")
                      .replace("{layer}", "silver")
                      .replace("{table}", "movies_clean");
              String query = path.endsWith("/search") ? "?q=a" : "";
              assertThat(api.get(concrete + query).status()).as(path).isEqualTo(200);
            });
  }

  @Test
  void parametersCarryTypesBoundsAndDefaults() {
    JsonNode popular = document.get("paths").get("/movies/popular").get("get").get("parameters");
    JsonNode limit = null;
    for (JsonNode parameter : popular) {
      if (parameter.get("name").asText().equals("limit")) {
        limit = parameter;
      }
    }
    assertThat(limit).isNotNull();
    assertThat(limit.get("in").asText()).isEqualTo("query");
    assertThat(limit.get("schema").get("type").asText()).isEqualTo("integer");
    assertThat(limit.get("schema").get("minimum").asLong()).isEqualTo(1);
    assertThat(limit.get("schema").get("maximum").asLong()).isEqualTo(100);
    assertThat(limit.get("schema").get("default").asLong()).isEqualTo(50);

    JsonNode movie =
        document.get("paths").get("/movies/{movie_id}").get("get").get("parameters").get(0);
    assertThat(movie.get("in").asText()).isEqualTo("path");
    assertThat(movie.get("required").asBoolean()).isTrue();
    JsonNode table =
        document.get("paths").get("/lakehouse/tables/{layer}/{table}").get("get").get("parameters");
    assertThat(table.get(0).get("schema").get("enum").toString())
        .isEqualTo("[\"bronze\",\"silver\",\"gold\"]");
    assertThat(table.get(1).get("schema").get("pattern").asText())
        .isEqualTo("^[A-Za-z_][A-Za-z0-9_]{0,127}$");
    JsonNode years =
        document.get("paths").get("/analytics/genre-trends").get("get").get("parameters").get(0);
    assertThat(years.get("schema").get("maxItems").asInt()).isEqualTo(50);
  }

  @Test
  void everyPathParameterIsDeclared() {
    document
        .get("paths")
        .fields()
        .forEachRemaining(
            entry -> {
              List<String> declared = new ArrayList<>();
              entry
                  .getValue()
                  .get("get")
                  .get("parameters")
                  .forEach(
                      parameter -> {
                        if (parameter.get("in").asText().equals("path")) {
                          declared.add(parameter.get("name").asText());
                        }
                      });
              List<String> inPath = new ArrayList<>();
              Matcher matcher = Pattern.compile("\\{([a-z_]+)}").matcher(entry.getKey());
              while (matcher.find()) {
                inPath.add(matcher.group(1));
              }
              assertThat(declared).as(entry.getKey()).containsExactlyElementsOf(inPath);
            });
  }
}
