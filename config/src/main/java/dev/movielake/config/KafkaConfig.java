package dev.movielake.config;

import dev.movielake.model.RecordType;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The Kafka cluster and topics between ingestion and streaming. Without bootstrap servers an
 * embedded broker runs locally, with its data under the lakehouse folder.
 *
 * @param topics topic name per record type (movies, people, credits, reviews, ratings)
 */
public record KafkaConfig(
    Optional<String> bootstrapServers,
    Map<String, String> topics,
    String compression,
    int lingerMs,
    int batchSize) {

  public static final String BOOTSTRAP_SERVERS = "KAFKA_BOOTSTRAP_SERVERS";

  public KafkaConfig {
    topics = Map.copyOf(topics);
  }

  public boolean embedded() {
    return bootstrapServers.isEmpty();
  }

  public String topic(String recordType) {
    String topic = topics.get(recordType);
    if (topic == null) {
      throw new IllegalArgumentException(
          "unknown record type '" + recordType + "'; known: " + RecordType.accepted());
    }
    return topic;
  }

  public static String topicVariable(String recordType) {
    return "KAFKA_TOPIC_" + recordType.toUpperCase(Locale.ROOT);
  }

  static KafkaConfig from(VariableReader reader) {
    Optional<String> servers = reader.optional(BOOTSTRAP_SERVERS);
    servers.ifPresent(
        value -> {
          for (String server : value.split(",")) {
            if (!server.strip().matches("[A-Za-z0-9._-]+:[0-9]{1,5}")) {
              throw new ConfigException(
                  BOOTSTRAP_SERVERS,
                  "'"
                      + server.strip()
                      + "' is not host:port; expected for example kafka:9092,kafka-2:9092");
            }
          }
        });
    Map<String, String> topics = new TreeMap<>();
    for (RecordType recordType : RecordType.values()) {
      String type = recordType.recordType();
      String name = reader.string(topicVariable(type), type);
      if (!name.matches("[A-Za-z0-9._-]{1,249}")) {
        throw new ConfigException(
            topicVariable(type),
            "'" + name + "' is not a valid topic name; use letters, digits, '.', '_' and '-'");
      }
      topics.put(type, name);
    }
    return new KafkaConfig(
        servers,
        topics,
        reader.choice("KAFKA_COMPRESSION", "gzip", Set.of("none", "gzip", "snappy", "lz4", "zstd")),
        reader.positiveInt("KAFKA_LINGER_MS", 100),
        reader.positiveInt("KAFKA_BATCH_SIZE", 16_384));
  }
}
