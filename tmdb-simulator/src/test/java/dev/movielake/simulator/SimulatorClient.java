package dev.movielake.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Requests to a started simulator over real HTTP, with its API key: what its tests send. */
final class SimulatorClient {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private SimulatorClient() {}

  static HttpRequest.Builder request(TmdbSimulator target, String path) {
    String separator = path.contains("?") ? "&" : "?";
    return HttpRequest.newBuilder(
            URI.create(target.baseUrl() + "/" + path + separator + "api_key=simulator-key"))
        .timeout(Duration.ofSeconds(10));
  }

  static HttpResponse<String> send(HttpRequest.Builder request)
      throws IOException, InterruptedException {
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  static HttpResponse<String> get(TmdbSimulator target, String path)
      throws IOException, InterruptedException {
    return send(request(target, path));
  }

  /** The body of a 200 answer, as JSON; any other status fails the test with the body. */
  static JsonNode ok(TmdbSimulator target, String path) throws IOException, InterruptedException {
    HttpResponse<String> response = get(target, path);
    assertThat(response.statusCode()).as(path + " -> " + response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }
}
