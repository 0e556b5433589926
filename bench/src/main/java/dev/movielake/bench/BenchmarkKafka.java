package dev.movielake.bench;

import dev.movielake.ingest.kafka.TopicAdmin;
import dev.movielake.ingest.kafka.TopicSettings;
import dev.movielake.model.RecordType;
import dev.movielake.model.TopicPolicy;
import dev.movielake.ops.wiring.KafkaCluster;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/**
 * A broker of the benchmark's own, so nothing it produces reaches the user's topics, with movie
 * topics configured like the pipeline's (compacted, gzip) but with 3 partitions.
 */
final class BenchmarkKafka implements AutoCloseable {
  static final int PARTITIONS = 3;

  private final KafkaCluster broker;
  private final Admin admin;

  private BenchmarkKafka(KafkaCluster broker) {
    this.broker = broker;
    Properties properties = new Properties();
    properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    this.admin = Admin.create(properties);
  }

  static BenchmarkKafka start(Path folder) {
    return new BenchmarkKafka(KafkaCluster.embedded(folder));
  }

  String bootstrapServers() {
    return broker.bootstrapServers();
  }

  /**
   * Creates the topic like the pipeline's movies topic and waits until its partitions have a
   * leader.
   */
  void createMovieTopic(String name) {
    TopicPolicy movies = RecordType.MOVIES.topicPolicy();
    TopicAdmin.ensure(
        broker.bootstrapServers(),
        List.of(
            new TopicSettings(
                RecordType.MOVIES.recordType(),
                name,
                new TopicPolicy(
                    PARTITIONS,
                    movies.compacted(),
                    movies.retention(),
                    movies.maxMessageBytes()))));
  }

  /** The records the topic holds: the sum of its partitions' end offsets. */
  long records(String topic) {
    try {
      Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
      admin
          .describeTopics(List.of(topic))
          .allTopicNames()
          .get()
          .get(topic)
          .partitions()
          .forEach(
              partition ->
                  latest.put(
                      new TopicPartition(topic, partition.partition()), OffsetSpec.latest()));
      return admin.listOffsets(latest).all().get().values().stream()
          .mapToLong(info -> info.offset())
          .sum();
    } catch (Exception e) {
      throw new IllegalStateException(
          "cannot count the records of " + topic + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    admin.close();
    broker.close();
  }
}
