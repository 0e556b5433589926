package dev.movielake.stream.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.movielake.stream.quality.QualityAlert;
import java.io.IOException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Announces a held batch: a log line always, and the quality webhook ({@code
 * QUALITY_ALERT_WEBHOOK_URL}) when one is configured, with a {@code text} line chat webhooks show
 * as it is. A delivery that fails is reported and never fails the batch.
 */
public final class HeldBatchAlert implements Consumer<Audit> {
  private static final Logger LOG = LoggerFactory.getLogger(HeldBatchAlert.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final QualityAlert webhook;

  public HeldBatchAlert(QualityAlert webhook) {
    this.webhook = webhook;
  }

  @Override
  public void accept(Audit held) {
    LOG.warn(
        "Audit held {} batch {} on branch {}: {}",
        held.qualifiedTable(),
        held.batch(),
        held.branch(),
        String.join("; ", held.failures()));
    QualityAlert.Delivery delivery = webhook.post(payload(held));
    if (delivery.outcome() == QualityAlert.Outcome.FAILED) {
      LOG.warn("The held batch's alert was not delivered: {}", delivery.message());
    }
  }

  static String payload(Audit held) {
    ObjectNode root = JSON.createObjectNode();
    root.put(
        "text",
        "Batch "
            + held.batch()
            + " of "
            + held.qualifiedTable()
            + " held on branch "
            + held.branch()
            + ": "
            + String.join("; ", held.failures())
            + ". Release or discard it with ./pipeline audits release|discard "
            + held.commandArguments());
    root.put("event", "batch_held");
    root.put("table", held.qualifiedTable());
    root.put("batch", held.batch());
    root.put("branch", held.branch());
    root.put("rows", held.rows());
    root.put("held_at", held.auditedAt().toString());
    ArrayNode failures = root.putArray("failures");
    held.failures().forEach(failures::add);
    try {
      return JSON.writeValueAsString(root);
    } catch (IOException e) {
      throw new IllegalStateException("cannot write the alert as JSON", e);
    }
  }
}
