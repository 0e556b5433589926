package dev.movielake.ingest.kafka;

import dev.movielake.config.KafkaConfig;
import dev.movielake.model.RecordType;
import dev.movielake.model.TopicPolicy;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** A record type's topic as this deployment names it, with the policy the contract gives it. */
public record TopicSettings(
    String recordType,
    String name,
    int partitions,
    boolean compacted,
    Duration retention,
    int maxMessageBytes) {

  public static List<TopicSettings> of(KafkaConfig config) {
    return Arrays.stream(RecordType.values())
        .map(type -> of(type, config.topic(type.recordType())))
        .toList();
  }

  public static TopicSettings of(RecordType type, String name) {
    TopicPolicy policy = type.topicPolicy();
    return new TopicSettings(
        type.recordType(),
        name,
        policy.partitions(),
        policy.compacted(),
        policy.retention(),
        policy.maxMessageBytes());
  }

  /** Topic-level configuration: cleanup policy, retention, message size, gzip, daily segments. */
  public Map<String, String> configs() {
    return new TopicPolicy(partitions, compacted, retention, maxMessageBytes).configs();
  }
}
