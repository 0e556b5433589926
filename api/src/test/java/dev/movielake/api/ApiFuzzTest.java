package dev.movielake.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Hostile values for every parameter of every route in {@code /openapi.json}: never a 5xx, always
 * the JSON envelope, and operator or regex text never matches documents it does not literally name.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiFuzzTest {
  private static final List<String> HOSTILE =
      List.of(
          "",
          " ",
          "x".repeat(10_000),
          "ünïcødé ☃ 🎬",
          "\u0000",
          "a\u0000b",
          "%00",
          "{\"$gt\":\"\"}",
          "{\"$ne\":null}",
          "$where",
          "$regex",
          "this.title == 'x' || true",
          ".*",
          "^",
          "$",
          "(",
          ")",
          "[",
          "\\",
          "\\E.*\\Q",
          "*",
          "+",
          "?",
          "|",
          "-1",
          "0",
          "-0",
          "-9223372036854775809",
          "9223372036854775807",
          "9223372036854775808",
          "99999999999999999999999",
          "1e3",
          "1e309",
          "NaN",
          "Infinity",
          "-Infinity",
          "0x10",
          "1.5",
          "+5",
          "١٢٣",
          "' OR 1=1 --",
          "'; DROP TABLE movies; --",
          "../../etc/passwd",
          "..",
          "<script>alert(1)</script>",
          "null",
          "true",
          "[]",
          "{}",
          "a,b",
          "1,,2",
          ",",
          "2019,2020,",
          "\t\n",
          "%zz",
          "%");

  private TestApi api;
  private JsonNode paths;

  @BeforeAll
  void start() {
    api = new TestApi();
    paths = api.get("/openapi.json").json().get("paths");
  }

  @AfterAll
  void stop() {
    api.close();
  }

  /** A valid value for each parameter, so that only the fuzzed one is wrong. */
  private static String validValue(String name) {
    return switch (name) {
      case "movie_id" -> "1";
      case "person_id" -> "10";
      case "genre" -> "Action";
      case "layer" -> "silver";
      case "table" -> "movies_clean";
      case "q" -> "a";
      default -> null;
    };
  }

  private static String encoded(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /**
   * The request path with path parameters filled and the query from {@code query} (raw name to
   * encoded value).
   */
  private static String request(
      String template, Map<String, String> pathValues, Map<String, String> query) {
    String path = template;
    for (Map.Entry<String, String> value : pathValues.entrySet()) {
      path = path.replace("{" + value.getKey() + "}", value.getValue());
    }
    StringBuilder uri = new StringBuilder(path);
    char separator = '?';
    for (Map.Entry<String, String> parameter : query.entrySet()) {
      uri.append(separator).append(parameter.getKey()).append('=').append(parameter.getValue());
      separator = '&';
    }
    return uri.toString();
  }

  @Test
  void everyParameterOfEveryRouteSurvivesHostileValues() {
    int requests = 0;
    Iterator<Map.Entry<String, JsonNode>> routes = paths.fields();
    while (routes.hasNext()) {
      Map.Entry<String, JsonNode> route = routes.next();
      String template = route.getKey();
      JsonNode parameters = route.getValue().get("get").get("parameters");
      for (JsonNode fuzzed : parameters) {
        for (String hostile : HOSTILE) {
          Map<String, String> pathValues = new LinkedHashMap<>();
          Map<String, String> query = new LinkedHashMap<>();
          for (JsonNode parameter : parameters) {
            String name = parameter.get("name").asText();
            boolean inPath = parameter.get("in").asText().equals("path");
            String value =
                parameter == fuzzed
                    ? encoded(hostile)
                    : validValue(name) == null ? null : encoded(validValue(name));
            if (value != null) {
              (inPath ? pathValues : query).put(name, value);
            }
          }
          String uri = request(template, pathValues, query);
          TestApi.Response response = api.get(uri);
          requests++;
          assertEnvelope(uri, response);
          if (response.status() == 200
              && fuzzed.get("schema").get("type").asText().equals("string")
              && fuzzed.get("schema").get("enum") == null) {
            assertLiteralMatches(template, fuzzed.get("name").asText(), hostile, response);
          }
        }
        // The same parameter twice.
        String name = fuzzed.get("name").asText();
        if (fuzzed.get("in").asText().equals("query")) {
          Map<String, String> pathValues = new LinkedHashMap<>();
          parameters.forEach(
              parameter -> {
                if (parameter.get("in").asText().equals("path")) {
                  pathValues.put(
                      parameter.get("name").asText(), validValue(parameter.get("name").asText()));
                }
              });
          String uri = request(template, pathValues, Map.of()) + "?" + name + "=1&" + name + "=2";
          TestApi.Response response = api.get(uri);
          assertEnvelope(uri, response);
          assertThat(response.status()).as(uri).isEqualTo(400);
        }
      }
      String junk =
          template.replaceAll("\\{[a-z_]+}", "1") + "?%24where=1&x=%00&limit%5B%24gt%5D=1";
      assertEnvelopeOrText(junk, api.get(junk));
    }
    assertThat(requests).isGreaterThan(1_000);
  }

  /**
   * Search texts must be contained literally in what comes back; filters on exact strings match
   * none.
   */
  private static void assertLiteralMatches(
      String template, String parameter, String hostile, TestApi.Response response) {
    JsonNode data = response.data();
    if (data == null || !data.isArray()) {
      return;
    }
    String literal = hostile.strip().toLowerCase(Locale.ROOT);
    for (JsonNode item : data) {
      if (parameter.equals("q")) {
        String text =
            (item.has("title") ? item.get("title") : item.get("name"))
                .asText()
                .toLowerCase(Locale.ROOT);
        assertThat(text).as(template + " q=" + hostile).contains(literal);
      }
    }
    if (!parameter.equals("q")) {
      assertThat(data).as(template + " " + parameter + "=" + hostile).isEmpty();
    }
  }

  private static void assertEnvelope(String uri, TestApi.Response response) {
    String shown = uri.length() > 200 ? uri.substring(0, 200) + "..." : uri;
    assertThat(response.status()).as(shown).isLessThan(500);
    assertThat(response.header("Content-Type")).as(shown).startsWith("application/json");
    JsonNode json = response.json();
    assertThat(json.get("success").isBoolean()).as(shown).isTrue();
    if (!json.get("success").asBoolean()) {
      assertThat(json.get("status").asInt()).as(shown).isEqualTo(response.status());
      assertThat(json.get("error").asText()).as(shown).isNotEmpty();
      assertThat(json.get("message").asText()).as(shown).isNotEmpty();
    } else {
      assertThat(json.has("data")).as(shown).isTrue();
    }
  }

  private static void assertEnvelopeOrText(String uri, TestApi.Response response) {
    if (uri.startsWith("/metrics") && response.status() == 200) {
      assertThat(response.body()).contains("http_server_requests");
    } else if (!uri.startsWith("/openapi.json")) {
      assertEnvelope(uri, response);
    }
  }

  @Test
  void malformedUrisAndTraversalAnswerInTheEnvelope() {
    List<String> uris =
        new ArrayList<>(
            List.of(
                "/movies/%zz",
                "/movies/search?q=%zz",
                "/movies/search?q=%",
                "/movies/popular?limit=%FF",
                "/movies/..%2F..%2Fetc%2Fpasswd",
                "/movies/%2e%2e/%2e%2e/etc/passwd",
                "/movies/genre/..%2F..%2Fpom.xml",
                "/lakehouse/tables/silver/..%2F..",
                "/lakehouse/tables/silver/movies_clean%00",
                "/movies/1%00",
                "/movies/search?q=" + "%C3%A9".repeat(5_000),
                "/" + "a".repeat(20_000),
                "/movies//1",
                "/movies/1/",
                "/movies/%20",
                "/movies/search?q=x&q=y"));
    for (String uri : uris) {
      TestApi.RawResponse response = api.rawGet(uri);
      String shown = uri.length() > 200 ? uri.substring(0, 200) + "..." : uri;
      assertThat(response.status()).as(shown).isLessThan(500);
      assertThat(response.contentType()).as(shown).startsWith("application/json");
      JsonNode json = response.json();
      assertThat(json.get("success").isBoolean()).as(shown).isTrue();
      if (!json.get("success").asBoolean()) {
        assertThat(json.get("status").asInt()).as(shown).isEqualTo(response.status());
        assertThat(json.get("message").asText()).as(shown).isNotEmpty();
      }
    }
    for (String uri :
        List.of(
            "/../../etc/passwd",
            "/webjars/../../../etc/passwd",
            "/%2e%2e/%2e%2e/etc/passwd",
            "/dashboard/../../../../pom.xml",
            "/index.html/../../pom.xml")) {
      TestApi.RawResponse response = api.rawGet(uri);
      assertThat(response.status()).as(uri).isLessThan(500);
      assertThat(response.body()).as(uri).doesNotContain("root:").doesNotContain("<project");
    }
  }
}
