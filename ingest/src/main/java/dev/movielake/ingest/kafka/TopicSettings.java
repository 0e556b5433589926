package dev.movielake.ingest.kafka;

import dev.movielake.config.KafkaConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A topic as the original pipeline defined it: movies and people are compacted (the latest version
 * of each record by key), credits, reviews and ratings are event logs kept 30 days.
 */
public record TopicSettings(
    String recordType, String name, int partitions, boolean compacted, Duration retention, int maxMessageBytes) {

  public static List<TopicSettings> of(KafkaConfig config) {
    return List.of(
        new TopicSettings("movies", config.topic("movies"), 6, true, Duration.ofDays(7), 1_048_576),
        new TopicSettings("people", config.topic("people"), 4, true, Duration.ofDays(7), 1_048_576),
        new TopicSettings("credits", config.topic("credits"), 8, false, Duration.ofDays(30), 512_000),
        new TopicSettings("reviews", config.topic("reviews"), 6, false, Duration.ofDays(30), 2_097_152),
        new TopicSettings("ratings", config.topic("ratings"), 4, false, Duration.ofDays(30), 256_000));
  }

  /** Topic-level configuration: cleanup policy, retention, message size, gzip, daily segments. */
  public Map<String, String> configs() {
    return Map.of(
        "cleanup.policy", compacted ? "compact" : "delete",
        "retention.ms", Long.toString(retention.toMillis()),
        "max.message.bytes", Integer.toString(maxMessageBytes),
        "compression.type", "gzip",
        "segment.ms", Long.toString(Duration.ofDays(1).toMillis()));
  }
}
