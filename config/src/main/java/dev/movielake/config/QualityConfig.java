package dev.movielake.config;

import dev.movielake.model.expectation.ExpectationSettings;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Data quality: the monitoring's ({@code pipeline quality}) alerts, the score below which they
 * fire, and the bounds of its freshness and volume checks (the original's monitoring DAG: fresh
 * within 24 hours, volume between -50% and +1000% of the previous check, alerts below 0.8); and the
 * thresholds of the expectations every silver batch is judged by as a whole.
 *
 * @param alertWebhook {@code QUALITY_ALERT_WEBHOOK_URL}: an http or https URL that receives a JSON
 *     alert; empty means no alerts are sent. Its query string and user info may hold a token:
 *     {@link #webhookForDisplay()} is what may be printed
 * @param alertThreshold a table or overall score below it fires an alert (0 to 1)
 * @param freshness a table whose last commit is older fails freshness
 * @param volumeMinChange the smallest accepted change of the row count since the previous check, as
 *     a fraction (-0.5 is -50%)
 * @param volumeMaxChange the largest accepted change (10.0 is +1000%)
 * @param heldBatchPolicy {@code QUALITY_HELD_BATCH}: what a stream does after an audit held its
 *     table's batch: {@code hold} (wait for an operator's decision, the default) or {@code stop}
 * @param heldBatchPoll {@code QUALITY_HELD_BATCH_POLL_SECONDS}: how often a waiting stream looks
 *     for that decision
 * @param expectations the thresholds of the silver batches' batch expectations; the defaults pass
 *     every honest run
 */
public record QualityConfig(
    Optional<URI> alertWebhook,
    double alertThreshold,
    Duration freshness,
    double volumeMinChange,
    double volumeMaxChange,
    HeldBatchPolicy heldBatchPolicy,
    Duration heldBatchPoll,
    ExpectationSettings expectations) {

  public static final String ALERT_WEBHOOK_URL = "QUALITY_ALERT_WEBHOOK_URL";
  public static final String ALERT_THRESHOLD = "QUALITY_ALERT_THRESHOLD";
  public static final String FRESHNESS_HOURS = "QUALITY_FRESHNESS_HOURS";
  public static final String VOLUME_MIN_CHANGE = "QUALITY_VOLUME_MIN_CHANGE";
  public static final String VOLUME_MAX_CHANGE = "QUALITY_VOLUME_MAX_CHANGE";
  public static final String HELD_BATCH = "QUALITY_HELD_BATCH";
  public static final String HELD_BATCH_POLL_SECONDS = "QUALITY_HELD_BATCH_POLL_SECONDS";
  public static final String MIN_BATCH_ROWS = "QUALITY_MIN_BATCH_ROWS";
  public static final String MAX_NULL_SHARE = "QUALITY_MAX_NULL_SHARE";
  public static final String MAX_DUPLICATE_SHARE = "QUALITY_MAX_DUPLICATE_SHARE";
  public static final String MAX_OUT_OF_RANGE_SHARE = "QUALITY_MAX_OUT_OF_RANGE_SHARE";
  public static final String MIN_AVERAGE_RATING = "QUALITY_MIN_AVERAGE_RATING";
  public static final String ROW_COUNT_MIN_RATIO = "QUALITY_ROW_COUNT_MIN_RATIO";
  public static final String ROW_COUNT_MAX_RATIO = "QUALITY_ROW_COUNT_MAX_RATIO";
  public static final String RECENT_BATCHES = "QUALITY_RECENT_BATCHES";
  public static final String MAX_MISSING_REFERENCE_SHARE = "QUALITY_MAX_MISSING_REFERENCE_SHARE";
  public static final String BATCH_FRESHNESS_HOURS = "QUALITY_BATCH_FRESHNESS_HOURS";

  public static QualityConfig from(Map<String, String> variables) {
    return from(new VariableReader(variables));
  }

  static QualityConfig from(VariableReader reader) {
    double threshold = number(reader, ALERT_THRESHOLD, 0.8);
    if (threshold < 0 || threshold > 1) {
      throw new ConfigException(
          ALERT_THRESHOLD, "'" + threshold + "' is not a score; use 0 to 1 (for example 0.8)");
    }
    double minimum = number(reader, VOLUME_MIN_CHANGE, -0.5);
    if (minimum < -1 || minimum > 0) {
      throw new ConfigException(
          VOLUME_MIN_CHANGE,
          "'" + minimum + "' is not a shrink bound; use -1 to 0 (for example -0.5 for -50%)");
    }
    double maximum = number(reader, VOLUME_MAX_CHANGE, 10.0);
    if (maximum < 0) {
      throw new ConfigException(
          VOLUME_MAX_CHANGE,
          "'" + maximum + "' is not a growth bound; use 0 or more (for example 10.0 for +1000%)");
    }
    return new QualityConfig(
        reader.optional(ALERT_WEBHOOK_URL).map(QualityConfig::webhook),
        threshold,
        Duration.ofHours(reader.positiveLong(FRESHNESS_HOURS, 24)),
        minimum,
        maximum,
        heldBatchPolicy(reader),
        Duration.ofSeconds(reader.positiveLong(HELD_BATCH_POLL_SECONDS, 5)),
        expectations(reader));
  }

  private static HeldBatchPolicy heldBatchPolicy(VariableReader reader) {
    Optional<String> value = reader.optional(HELD_BATCH);
    if (value.isEmpty()) {
      return HeldBatchPolicy.HOLD;
    }
    for (HeldBatchPolicy policy : HeldBatchPolicy.values()) {
      if (policy.id().equalsIgnoreCase(value.get().strip())) {
        return policy;
      }
    }
    throw new ConfigException(
        HELD_BATCH,
        "'"
            + value.get()
            + "' is not a policy; use hold (the stream waits for './pipeline audits release' or"
            + " 'discard') or stop (the stream stops on the held batch)");
  }

  /** The batch expectations' thresholds; each unset variable keeps the contract's default. */
  private static ExpectationSettings expectations(VariableReader reader) {
    ExpectationSettings defaults = ExpectationSettings.defaults();
    double minAverageRating = number(reader, MIN_AVERAGE_RATING, defaults.minAverageRating());
    if (minAverageRating < 0 || minAverageRating > ExpectationSettings.MAX_RATING) {
      throw new ConfigException(
          MIN_AVERAGE_RATING,
          "'"
              + minAverageRating
              + "' is not a rating; use 0 to 10 (for example "
              + defaults.minAverageRating()
              + ")");
    }
    double rowCountMinRatio = number(reader, ROW_COUNT_MIN_RATIO, defaults.rowCountMinRatio());
    if (rowCountMinRatio < 0 || rowCountMinRatio > 1) {
      throw new ConfigException(
          ROW_COUNT_MIN_RATIO,
          "'"
              + rowCountMinRatio
              + "' is not a shrink ratio; use 0 to 1 (for example "
              + defaults.rowCountMinRatio()
              + " for a twentieth of the recent median)");
    }
    double rowCountMaxRatio = number(reader, ROW_COUNT_MAX_RATIO, defaults.rowCountMaxRatio());
    if (rowCountMaxRatio < 1) {
      throw new ConfigException(
          ROW_COUNT_MAX_RATIO,
          "'"
              + rowCountMaxRatio
              + "' is not a growth ratio; use 1 or more (for example "
              + defaults.rowCountMaxRatio()
              + " for twenty times the recent median)");
    }
    return new ExpectationSettings(
        reader.positiveInt(MIN_BATCH_ROWS, defaults.minimumRows()),
        share(reader, MAX_NULL_SHARE, defaults.maxNullShare()),
        share(reader, MAX_DUPLICATE_SHARE, defaults.maxDuplicateShare()),
        share(reader, MAX_OUT_OF_RANGE_SHARE, defaults.maxOutOfRangeShare()),
        minAverageRating,
        rowCountMinRatio,
        rowCountMaxRatio,
        reader.positiveInt(RECENT_BATCHES, defaults.recentBatches()),
        share(reader, MAX_MISSING_REFERENCE_SHARE, defaults.maxMissingReferenceShare()),
        Duration.ofHours(
            reader.positiveLong(BATCH_FRESHNESS_HOURS, defaults.maxBatchAge().toHours())));
  }

  /** A share of a batch's rows, 0 (none tolerated) to 1 (never held). */
  private static double share(VariableReader reader, String name, double defaultValue) {
    double share = number(reader, name, defaultValue);
    if (share < 0 || share > 1) {
      throw new ConfigException(
          name,
          "'" + share + "' is not a share of rows; use 0 to 1 (for example " + defaultValue + ")");
    }
    return share;
  }

  /** The webhook without its query string and user info, which may carry a token. */
  public Optional<String> webhookForDisplay() {
    return alertWebhook.map(QualityConfig::display);
  }

  public static String display(URI uri) {
    return uri.getScheme()
        + "://"
        + uri.getHost()
        + (uri.getPort() == -1 ? "" : ":" + uri.getPort())
        + (uri.getRawPath() == null ? "" : uri.getRawPath());
  }

  @Override
  public String toString() {
    return "QualityConfig[alertWebhook="
        + webhookForDisplay().orElse("none")
        + ", alertThreshold="
        + alertThreshold
        + ", freshness="
        + freshness
        + ", volumeMinChange="
        + volumeMinChange
        + ", volumeMaxChange="
        + volumeMaxChange
        + ", heldBatchPolicy="
        + heldBatchPolicy.id()
        + ", heldBatchPoll="
        + heldBatchPoll
        + ", expectations="
        + expectations
        + "]";
  }

  private static URI webhook(String value) {
    // The message never repeats the value: it may hold a token.
    String problem =
        "is not an http or https URL; use for example https://hooks.example.com/services/T000/B000";
    try {
      URI uri = new URI(value);
      if (uri.getScheme() == null
          || !(uri.getScheme().equalsIgnoreCase("http")
              || uri.getScheme().equalsIgnoreCase("https"))
          || uri.getHost() == null) {
        throw new ConfigException(ALERT_WEBHOOK_URL, "the value " + problem);
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new ConfigException(ALERT_WEBHOOK_URL, "the value " + problem);
    }
  }

  private static double number(VariableReader reader, String name, double defaultValue) {
    Optional<String> value = reader.optional(name);
    if (value.isEmpty()) {
      return defaultValue;
    }
    try {
      double parsed = Double.parseDouble(value.get());
      if (Double.isFinite(parsed)) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new ConfigException(
        name, "'" + value.get() + "' is not a number (for example " + defaultValue + ")");
  }
}
