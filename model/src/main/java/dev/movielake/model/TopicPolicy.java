package dev.movielake.model;

import java.time.Duration;
import java.util.Map;

/**
 * How a record type's Kafka topic keeps its messages. Movies and people are compacted (the latest
 * version of each record by key is what replays need); credits, reviews and ratings are event logs
 * kept 30 days.
 */
public record TopicPolicy(
    int partitions, boolean compacted, Duration retention, int maxMessageBytes) {

  static TopicPolicy compacted(int partitions, int maxMessageBytes) {
    return new TopicPolicy(partitions, true, Duration.ofDays(7), maxMessageBytes);
  }

  static TopicPolicy eventLog(int partitions, int maxMessageBytes) {
    return new TopicPolicy(partitions, false, Duration.ofDays(30), maxMessageBytes);
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
