package dev.movielake.stream.quality;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.movielake.config.QualityConfig;
import dev.movielake.model.Layer;
import dev.movielake.stream.audit.Audit;
import dev.movielake.stream.audit.AuditState;
import dev.movielake.stream.audit.HeldBatchAlert;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Alerts to a real HTTP server on 127.0.0.1 that records what it receives. */
class QualityAlertTest {
  private record Received(
      String method, String path, String query, String contentType, String body) {}

  private final List<Received> received = new CopyOnWriteArrayList<>();
  private HttpServer server;
  private volatile int status = 200;

  @BeforeEach
  void startReceiver() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/hooks",
        exchange -> {
          received.add(
              new Received(
                  exchange.getRequestMethod(),
                  exchange.getRequestURI().getPath(),
                  exchange.getRequestURI().getRawQuery(),
                  exchange.getRequestHeaders().getFirst("Content-Type"),
                  new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
          exchange.sendResponseHeaders(status, -1);
          exchange.close();
        });
    server.start();
  }

  @AfterEach
  void stopReceiver() {
    server.stop(0);
  }

  private String webhook() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/quality?token=s3cret";
  }

  private static QualityAlert alert(String webhook) {
    return new QualityAlert(
        QualityConfig.from(Map.of(QualityConfig.ALERT_WEBHOOK_URL, webhook)),
        Duration.ofSeconds(2),
        Duration.ofMillis(50));
  }

  private static QualityReport.TableScore table(
      Layer layer, String name, double schema, List<String> failures) {
    QualityReport.DimensionScores dimensions =
        new QualityReport.DimensionScores(schema, 1, 1, Optional.of(1.0), Optional.empty());
    return new QualityReport.TableScore(
        layer,
        name,
        10,
        dimensions.mean(),
        QualityLevel.of(dimensions.mean()),
        dimensions,
        failures,
        List.of());
  }

  /**
   * silver.movies_clean scores 0.75 (schema failed), gold.movies_by_year_genre 1.0: overall 0.875.
   */
  private static QualityReport lowReport() {
    return QualityReport.of(
        "run-1",
        Instant.parse("2026-03-01T06:00:00Z"),
        List.of(Layer.SILVER, Layer.GOLD),
        List.of(
            table(Layer.SILVER, "movies_clean", 0, List.of("schema: missing column(s) title")),
            table(Layer.GOLD, "movies_by_year_genre", 1, List.of())));
  }

  @Test
  void aTableBelowTheThresholdPostsOneJsonAlertNamingIt() throws IOException {
    QualityAlert.Delivery delivery = alert(webhook()).send(lowReport());

    assertThat(delivery.outcome()).isEqualTo(QualityAlert.Outcome.SENT);
    assertThat(delivery.attempts()).isEqualTo(1);
    assertThat(delivery.message()).doesNotContain("s3cret");
    assertThat(received).hasSize(1);
    Received request = received.get(0);
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.query()).isEqualTo("token=s3cret");
    assertThat(request.contentType()).isEqualTo("application/json");
    JsonNode payload = new ObjectMapper().readTree(request.body());
    assertThat(payload.get("overall_score").asDouble()).isEqualTo(0.875);
    assertThat(payload.get("level").asText()).isEqualTo("good");
    assertThat(payload.get("threshold").asDouble()).isEqualTo(0.8);
    assertThat(payload.get("tables")).hasSize(1);
    assertThat(payload.get("tables").get(0).get("table").asText()).isEqualTo("silver.movies_clean");
    assertThat(payload.get("tables").get(0).get("score").asDouble()).isEqualTo(0.75);
    assertThat(payload.get("tables").get(0).get("failures").get(0).asText())
        .isEqualTo("schema: missing column(s) title");
    assertThat(payload.get("text").asText()).contains("0.88", "1 table(s) below");
  }

  @Test
  void scoresAtOrAboveTheThresholdPostNothing() {
    QualityReport good =
        QualityReport.of(
            "run-2",
            Instant.now(),
            List.of(Layer.GOLD),
            List.of(table(Layer.GOLD, "movies_by_year_genre", 1, List.of())));

    assertThat(alert(webhook()).send(good).outcome()).isEqualTo(QualityAlert.Outcome.NOT_NEEDED);
    assertThat(received).isEmpty();
  }

  @Test
  void aReceiverErrorIsRetriedOnceThenReported() {
    status = 500;

    QualityAlert.Delivery delivery = alert(webhook()).send(lowReport());

    assertThat(delivery.outcome()).isEqualTo(QualityAlert.Outcome.FAILED);
    assertThat(received).hasSize(2);
    assertThat(delivery.message()).contains("HTTP 500", "/hooks/quality").doesNotContain("s3cret");
  }

  @Test
  void anUnreachableWebhookIsReportedWithoutItsQueryString() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }

    QualityAlert.Delivery delivery =
        alert("http://user:pa55@127.0.0.1:" + closedPort + "/hooks/quality?token=s3cret")
            .send(lowReport());

    assertThat(delivery.outcome()).isEqualTo(QualityAlert.Outcome.FAILED);
    assertThat(delivery.attempts()).isEqualTo(2);
    assertThat(delivery.message())
        .contains("alert not delivered to http://127.0.0.1:" + closedPort + "/hooks/quality")
        .doesNotContain("s3cret")
        .doesNotContain("pa55");
  }

  @Test
  void withoutAWebhookALowScoreSaysHowToGetAlerts() {
    QualityAlert.Delivery delivery =
        new QualityAlert(QualityConfig.from(Map.of())).send(lowReport());
    assertThat(delivery.outcome()).isEqualTo(QualityAlert.Outcome.NOT_CONFIGURED);
    assertThat(delivery.message()).contains("QUALITY_ALERT_WEBHOOK_URL");
  }

  @Test
  void aHeldBatchIsAnnouncedOnTheSameWebhook() throws IOException {
    Audit held =
        new Audit(
            Instant.parse("2026-12-05T10:00:00Z"),
            Layer.SILVER,
            "movies_clean",
            "stream/7",
            "audit_stream_7",
            AuditState.HELD,
            120,
            List.of("vote_average_null_share: 120 of 120 rows null, at most 0.5"),
            "");

    new HeldBatchAlert(alert(webhook())).accept(held);

    assertThat(received).hasSize(1);
    JsonNode payload = new ObjectMapper().readTree(received.get(0).body());
    assertThat(payload.get("event").asText()).isEqualTo("batch_held");
    assertThat(payload.get("table").asText()).isEqualTo("silver.movies_clean");
    assertThat(payload.get("branch").asText()).isEqualTo("audit_stream_7");
    assertThat(payload.get("rows").asLong()).isEqualTo(120);
    assertThat(payload.get("failures").get(0).asText()).startsWith("vote_average_null_share");
    assertThat(payload.get("text").asText())
        .contains("./pipeline audits release|discard silver movies_clean stream/7");
  }
}
