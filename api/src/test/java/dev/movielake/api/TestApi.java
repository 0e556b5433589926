package dev.movielake.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import dev.movielake.api.testing.FakeLakehouse;
import dev.movielake.config.ServeConfig;
import dev.movielake.infra.FreePort;
import dev.movielake.infra.mongo.EmbeddedMongo;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** The real API over HTTP, on an in-memory MongoDB holding the {@link Fixtures}. */
final class TestApi implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  final EmbeddedMongo mongo;
  final MongoClient client;
  final MongoDatabase database;
  final FakeLakehouse lakehouse = FakeLakehouse.silverAndGoldTables();
  final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  final ApiServer server;
  // HTTP/1.1: the default HTTP/2 would offer an h2c upgrade on every request, which Jetty ignores.
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  /** {@code settings} are ServeConfig variables; the rate limit is off unless given. */
  TestApi(Map<String, String> settings) {
    mongo = EmbeddedMongo.startInMemory();
    client = MongoClients.create(mongo.connectionString());
    database = client.getDatabase("moviedb");
    Fixtures.insert(database, Instant.now());
    Map<String, String> variables =
        new HashMap<>(
            Map.of(
                ServeConfig.API_PORT,
                Integer.toString(FreePort.find()),
                ServeConfig.API_RATE_LIMIT,
                "0"));
    variables.putAll(settings);
    server = ApiServer.start(ServeConfig.from(variables), database, lakehouse, registry);
  }

  TestApi() {
    this(Map.of());
  }

  record Response(int status, HttpResponse<String> raw) {
    JsonNode json() {
      try {
        return JSON.readTree(raw.body());
      } catch (IOException e) {
        throw new AssertionError("not JSON (status " + status + "): " + raw.body(), e);
      }
    }

    JsonNode data() {
      return json().get("data");
    }

    String header(String name) {
      return raw.headers().firstValue(name).orElse(null);
    }

    String body() {
      return raw.body();
    }
  }

  /** GET {@code pathAndQuery} (already encoded) with header name/value pairs. */
  Response get(String pathAndQuery, String... headers) {
    return send("GET", pathAndQuery, headers);
  }

  Response send(String method, String pathAndQuery, String... headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(server.url() + pathAndQuery))
            .timeout(Duration.ofSeconds(30))
            .method(method, HttpRequest.BodyPublishers.noBody());
    for (int index = 0; index < headers.length; index += 2) {
      request.header(headers[index], headers[index + 1]);
    }
    try {
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Response(response.statusCode(), response);
    } catch (IOException e) {
      throw new UncheckedIOException(method + " " + pathAndQuery, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * GET {@code target} as written, over a plain socket: java.net.http refuses malformed URIs, which
   * are exactly what a hostile client sends.
   */
  RawResponse rawGet(String target) {
    try (Socket socket = new Socket("127.0.0.1", server.port())) {
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      out.write(
          ("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
              .getBytes(StandardCharsets.UTF_8));
      out.flush();
      String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      int headerEnd = answer.indexOf("\r\n\r\n");
      String head = headerEnd < 0 ? answer : answer.substring(0, headerEnd);
      String body = headerEnd < 0 ? "" : answer.substring(headerEnd + 4);
      int status = Integer.parseInt(head.split(" ", 3)[1]);
      return new RawResponse(status, head, body);
    } catch (IOException e) {
      throw new UncheckedIOException("GET " + target, e);
    }
  }

  record RawResponse(int status, String head, String body) {
    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("not JSON (status " + status + "): " + head + "\n" + body, e);
      }
    }

    String contentType() {
      for (String line : head.split("\r\n")) {
        if (line.toLowerCase(Locale.ROOT).startsWith("content-type:")) {
          return line.substring("content-type:".length()).strip();
        }
      }
      return null;
    }
  }

  @Override
  public void close() {
    server.close();
    client.close();
    mongo.close();
  }
}
