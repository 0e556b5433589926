package dev.movielake.stream.quality;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.movielake.config.QualityConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts a JSON alert to {@code QUALITY_ALERT_WEBHOOK_URL} when the overall score or a table's score
 * is below {@code QUALITY_ALERT_THRESHOLD}: the monitor runs unattended on a schedule, where a log
 * line goes unread. The payload carries a {@code text} line too, so chat webhooks (Slack,
 * Mattermost) show it as it is. A delivery that fails is retried once, then reported; it never
 * fails the run. The URL's query string and user info (where webhook tokens live) appear in no
 * message.
 */
public final class QualityAlert {
  private static final Logger log = LoggerFactory.getLogger(QualityAlert.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final QualityConfig config;
  private final Duration timeout;
  private final Duration retryDelay;

  public QualityAlert(QualityConfig config) {
    this(config, Duration.ofSeconds(10), Duration.ofSeconds(1));
  }

  QualityAlert(QualityConfig config, Duration timeout, Duration retryDelay) {
    this.config = config;
    this.timeout = timeout;
    this.retryDelay = retryDelay;
  }

  public enum Outcome {
    /** Every score is at or above the threshold. */
    NOT_NEEDED,
    /** A score is below the threshold, but no webhook is configured. */
    NOT_CONFIGURED,
    /** Turned off for this run ({@code --no-alert}). */
    DISABLED,
    SENT,
    FAILED;

    @Override
    public String toString() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * @param attempts HTTP requests made (0, 1 or 2)
   */
  public record Delivery(Outcome outcome, String message, int attempts) {
    public static Delivery disabled() {
      return new Delivery(Outcome.DISABLED, "alerts are off for this run (--no-alert)", 0);
    }
  }

  /** The tables whose score is below the threshold. */
  public List<QualityReport.TableScore> belowThreshold(QualityReport report) {
    return report.tables().stream()
        .filter(table -> table.score() < config.alertThreshold())
        .toList();
  }

  public boolean needed(QualityReport report) {
    return report.overallScore() < config.alertThreshold() || !belowThreshold(report).isEmpty();
  }

  public Delivery send(QualityReport report) {
    if (!needed(report)) {
      return new Delivery(
          Outcome.NOT_NEEDED, "every score is at or above " + config.alertThreshold(), 0);
    }
    if (config.alertWebhook().isEmpty()) {
      return new Delivery(
          Outcome.NOT_CONFIGURED,
          "scores below "
              + config.alertThreshold()
              + " but no alert was sent: set "
              + QualityConfig.ALERT_WEBHOOK_URL
              + " to receive one",
          0);
    }
    return post(payload(report));
  }

  /**
   * Sends a JSON payload to the webhook: the delivery of every alert, the monitor's and the audit
   * gate's.
   */
  public Delivery post(String payload) {
    if (config.alertWebhook().isEmpty()) {
      return new Delivery(
          Outcome.NOT_CONFIGURED,
          "no alert was sent: set " + QualityConfig.ALERT_WEBHOOK_URL + " to receive one",
          0);
    }
    URI webhook = config.alertWebhook().get();
    String shown = QualityConfig.display(webhook);
    HttpRequest request =
        HttpRequest.newBuilder(webhook)
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(payload))
            .build();
    String problem = "";
    HttpClient client = HttpClient.newBuilder().connectTimeout(timeout).build();
    for (int attempt = 1; attempt <= 2; attempt++) {
      try {
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 == 2) {
          return new Delivery(
              Outcome.SENT,
              "alert sent to " + shown + " (HTTP " + response.statusCode() + ")",
              attempt);
        }
        problem = "HTTP " + response.statusCode();
      } catch (IOException e) {
        problem = describe(e, webhook);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        problem = "interrupted";
        attempt = 2;
      }
      if (attempt == 1) {
        pause();
      }
    }
    String message =
        "alert not delivered to "
            + shown
            + " after 2 attempts: "
            + problem
            + "; check "
            + QualityConfig.ALERT_WEBHOOK_URL
            + " and that the receiver is up";
    log.warn("Quality {}", message);
    return new Delivery(Outcome.FAILED, message, 2);
  }

  /** What went wrong, with anything of the URL beyond scheme, host, port and path cut out. */
  private static String describe(IOException e, URI webhook) {
    String text =
        e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    text = text.replace(webhook.toString(), QualityConfig.display(webhook));
    if (webhook.getRawQuery() != null) {
      text = text.replace(webhook.getRawQuery(), "***");
    }
    if (webhook.getRawUserInfo() != null) {
      text = text.replace(webhook.getRawUserInfo(), "***");
    }
    return text;
  }

  private void pause() {
    try {
      Thread.sleep(retryDelay.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  String payload(QualityReport report) {
    ObjectNode root = JSON.createObjectNode();
    List<QualityReport.TableScore> below = belowThreshold(report);
    root.put(
        "text",
        String.format(
            Locale.ROOT,
            "Data quality %.2f (%s), threshold %.2f: %d table(s) below it",
            report.overallScore(),
            report.overallLevel(),
            config.alertThreshold(),
            below.size()));
    root.put("run_id", report.runId());
    root.put("checked_at", report.checkedAt().toString());
    root.put("overall_score", report.overallScore());
    root.put("level", report.overallLevel().toString());
    root.put("threshold", config.alertThreshold());
    ArrayNode tables = root.putArray("tables");
    for (QualityReport.TableScore table : below) {
      ObjectNode node = tables.addObject();
      node.put("table", table.name());
      node.put("layer", table.layer().id());
      node.put("rows", table.rows());
      node.put("score", table.score());
      node.put("level", table.level().toString());
      ArrayNode failures = node.putArray("failures");
      table.failures().forEach(failures::add);
    }
    try {
      return JSON.writeValueAsString(root);
    } catch (IOException e) {
      throw new IllegalStateException("cannot write the alert as JSON", e);
    }
  }
}
