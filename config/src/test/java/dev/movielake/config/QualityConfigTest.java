package dev.movielake.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QualityConfigTest {
  @Test
  void defaultsAreTheOriginalsBoundsAndNoAlerts() {
    QualityConfig config = QualityConfig.from(Map.of());

    assertThat(config.alertWebhook()).isEmpty();
    assertThat(config.alertThreshold()).isEqualTo(0.8);
    assertThat(config.freshness()).isEqualTo(Duration.ofHours(24));
    assertThat(config.volumeMinChange()).isEqualTo(-0.5);
    assertThat(config.volumeMaxChange()).isEqualTo(10.0);
  }

  @Test
  void everyVariableIsMappedAndTheWebhookTokenIsNotPrinted() {
    QualityConfig config =
        QualityConfig.from(
            Map.of(
                "QUALITY_ALERT_WEBHOOK_URL",
                    "https://hooks.example.com:8443/services/alerts?token=s3cret",
                "QUALITY_ALERT_THRESHOLD", "0.75",
                "QUALITY_FRESHNESS_HOURS", "6",
                "QUALITY_VOLUME_MIN_CHANGE", "-0.25",
                "QUALITY_VOLUME_MAX_CHANGE", "2.5"));

    assertThat(config.alertWebhook())
        .contains(URI.create("https://hooks.example.com:8443/services/alerts?token=s3cret"));
    assertThat(config.alertThreshold()).isEqualTo(0.75);
    assertThat(config.freshness()).isEqualTo(Duration.ofHours(6));
    assertThat(config.volumeMinChange()).isEqualTo(-0.25);
    assertThat(config.volumeMaxChange()).isEqualTo(2.5);
    assertThat(config.webhookForDisplay())
        .contains("https://hooks.example.com:8443/services/alerts");
    assertThat(config.toString()).doesNotContain("s3cret").contains("hooks.example.com");
  }

  @Test
  void badValuesNameTheVariableAndTheFixWithoutRepeatingTheUrl() {
    assertThatThrownBy(
            () ->
                QualityConfig.from(
                    Map.of("QUALITY_ALERT_WEBHOOK_URL", "ftp://host/x?token=s3cret")))
        .hasMessageContaining("QUALITY_ALERT_WEBHOOK_URL")
        .hasMessageContaining("http or https")
        .hasMessageNotContaining("s3cret");
    assertThatThrownBy(() -> QualityConfig.from(Map.of("QUALITY_ALERT_THRESHOLD", "1.5")))
        .hasMessageContaining("QUALITY_ALERT_THRESHOLD")
        .hasMessageContaining("0 to 1");
    assertThatThrownBy(() -> QualityConfig.from(Map.of("QUALITY_FRESHNESS_HOURS", "0")))
        .hasMessageContaining("QUALITY_FRESHNESS_HOURS");
    assertThatThrownBy(() -> QualityConfig.from(Map.of("QUALITY_VOLUME_MIN_CHANGE", "0.5")))
        .hasMessageContaining("QUALITY_VOLUME_MIN_CHANGE")
        .hasMessageContaining("-1 to 0");
    assertThatThrownBy(() -> QualityConfig.from(Map.of("QUALITY_VOLUME_MAX_CHANGE", "lots")))
        .hasMessageContaining("QUALITY_VOLUME_MAX_CHANGE")
        .hasMessageContaining("not a number");
  }

  @Test
  void aHeldBatchWaitsForADecisionByDefaultOrStopsTheStream() {
    QualityConfig defaults = QualityConfig.from(Map.of());
    assertThat(defaults.heldBatchPolicy()).isEqualTo(HeldBatchPolicy.HOLD);
    assertThat(defaults.heldBatchPoll()).isEqualTo(Duration.ofSeconds(5));

    QualityConfig configured =
        QualityConfig.from(
            Map.of("QUALITY_HELD_BATCH", "STOP", "QUALITY_HELD_BATCH_POLL_SECONDS", "30"));
    assertThat(configured.heldBatchPolicy()).isEqualTo(HeldBatchPolicy.STOP);
    assertThat(configured.heldBatchPoll()).isEqualTo(Duration.ofSeconds(30));

    assertThatThrownBy(() -> QualityConfig.from(Map.of("QUALITY_HELD_BATCH", "wait")))
        .hasMessageContaining("QUALITY_HELD_BATCH")
        .hasMessageContaining("hold")
        .hasMessageContaining("stop");
    assertThatThrownBy(() -> QualityConfig.from(Map.of("QUALITY_HELD_BATCH_POLL_SECONDS", "0")))
        .hasMessageContaining("QUALITY_HELD_BATCH_POLL_SECONDS");
  }
}
