package dev.movielake.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.movielake.model.expectation.ExpectationSettings;
import java.net.URI;
import java.time.Duration;
import java.util.List;
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
    assertThat(config.expectations()).isEqualTo(ExpectationSettings.defaults());
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
  void theBatchExpectationsDefaultToTheContractsThresholds() {
    ExpectationSettings expectations = QualityConfig.from(Map.of()).expectations();

    assertThat(expectations.minimumRows()).isEqualTo(20);
    assertThat(expectations.maxNullShare()).isEqualTo(0.5);
    assertThat(expectations.maxDuplicateShare()).isEqualTo(0.5);
    assertThat(expectations.maxOutOfRangeShare()).isEqualTo(0.1);
    assertThat(expectations.minAverageRating()).isEqualTo(1.0);
    assertThat(expectations.rowCountMinRatio()).isEqualTo(0.05);
    assertThat(expectations.rowCountMaxRatio()).isEqualTo(20.0);
    assertThat(expectations.recentBatches()).isEqualTo(5);
    assertThat(expectations.maxMissingReferenceShare()).isEqualTo(0.5);
    assertThat(expectations.maxBatchAge()).isEqualTo(Duration.ofHours(24));
  }

  @Test
  void everyBatchExpectationVariableIsMapped() {
    QualityConfig config =
        QualityConfig.from(
            Map.ofEntries(
                Map.entry("QUALITY_MIN_BATCH_ROWS", "100"),
                Map.entry("QUALITY_MAX_NULL_SHARE", "0.1"),
                Map.entry("QUALITY_MAX_DUPLICATE_SHARE", "0"),
                Map.entry("QUALITY_MAX_OUT_OF_RANGE_SHARE", "0.02"),
                Map.entry("QUALITY_MIN_AVERAGE_RATING", "3.5"),
                Map.entry("QUALITY_ROW_COUNT_MIN_RATIO", "0.25"),
                Map.entry("QUALITY_ROW_COUNT_MAX_RATIO", "4"),
                Map.entry("QUALITY_RECENT_BATCHES", "12"),
                Map.entry("QUALITY_MAX_MISSING_REFERENCE_SHARE", "0.2"),
                Map.entry("QUALITY_BATCH_FRESHNESS_HOURS", "6")));

    assertThat(config.expectations())
        .isEqualTo(
            new ExpectationSettings(
                100, 0.1, 0.0, 0.02, 3.5, 0.25, 4.0, 12, 0.2, Duration.ofHours(6)));
  }

  @Test
  void badBatchExpectationValuesNameTheVariableAndTheFix() {
    assertThatThrownBy(() -> QualityConfig.from(Map.of("QUALITY_MIN_BATCH_ROWS", "0")))
        .hasMessageContaining("QUALITY_MIN_BATCH_ROWS")
        .hasMessageContaining("positive whole number");
    for (String share :
        List.of(
            "QUALITY_MAX_NULL_SHARE",
            "QUALITY_MAX_DUPLICATE_SHARE",
            "QUALITY_MAX_OUT_OF_RANGE_SHARE",
            "QUALITY_MAX_MISSING_REFERENCE_SHARE")) {
      assertThatThrownBy(() -> QualityConfig.from(Map.of(share, "1.5")))
          .hasMessageContaining(share)
          .hasMessageContaining("0 to 1");
      assertThatThrownBy(() -> QualityConfig.from(Map.of(share, "half")))
          .hasMessageContaining(share)
          .hasMessageContaining("not a number");
    }
    assertThatThrownBy(() -> QualityConfig.from(Map.of("QUALITY_MIN_AVERAGE_RATING", "11")))
        .hasMessageContaining("QUALITY_MIN_AVERAGE_RATING")
        .hasMessageContaining("0 to 10");
    assertThatThrownBy(() -> QualityConfig.from(Map.of("QUALITY_ROW_COUNT_MIN_RATIO", "2")))
        .hasMessageContaining("QUALITY_ROW_COUNT_MIN_RATIO")
        .hasMessageContaining("0 to 1");
    assertThatThrownBy(() -> QualityConfig.from(Map.of("QUALITY_ROW_COUNT_MAX_RATIO", "0.5")))
        .hasMessageContaining("QUALITY_ROW_COUNT_MAX_RATIO")
        .hasMessageContaining("1 or more");
    assertThatThrownBy(() -> QualityConfig.from(Map.of("QUALITY_RECENT_BATCHES", "-1")))
        .hasMessageContaining("QUALITY_RECENT_BATCHES");
    assertThatThrownBy(() -> QualityConfig.from(Map.of("QUALITY_BATCH_FRESHNESS_HOURS", "0")))
        .hasMessageContaining("QUALITY_BATCH_FRESHNESS_HOURS");
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
