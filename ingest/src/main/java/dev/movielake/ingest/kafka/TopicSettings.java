package dev.movielake.ingest.kafka;

import dev.movielake.config.KafkaConfig;
import dev.movielake.model.RecordType;
import dev.movielake.model.TopicPolicy;
import java.util.Arrays;
import java.util.List;

/** A record type's topic as this deployment names it, with the policy the contract gives it. */
public record TopicSettings(String recordType, String name, TopicPolicy policy) {

  public static List<TopicSettings> of(KafkaConfig config) {
    return Arrays.stream(RecordType.values())
        .map(type -> of(type, config.topic(type.recordType())))
        .toList();
  }

  public static TopicSettings of(RecordType type, String name) {
    return new TopicSettings(type.recordType(), name, type.topicPolicy());
  }
}
