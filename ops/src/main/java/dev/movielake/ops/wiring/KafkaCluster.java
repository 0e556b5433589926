package dev.movielake.ops.wiring;

import dev.movielake.config.IngestConfig;
import dev.movielake.infra.kafka.EmbeddedKafka;
import dev.movielake.ingest.kafka.TopicAdmin;
import dev.movielake.ingest.kafka.TopicSettings;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The Kafka cluster the pipeline uses: the configured one, or an embedded broker whose data lives
 * under the lakehouse folder (so what one command ingested, the next one streams). The pipeline's
 * topics are created when missing. Closing stops only a broker this object started.
 */
public final class KafkaCluster implements AutoCloseable {
  private final EmbeddedKafka broker;
  private final String bootstrapServers;

  private KafkaCluster(EmbeddedKafka broker, String bootstrapServers) {
    this.broker = broker;
    this.bootstrapServers = bootstrapServers;
  }

  public static KafkaCluster open(IngestConfig config) {
    EmbeddedKafka broker =
        config.kafka().embedded() ? EmbeddedKafka.start(config.kafkaData()) : null;
    String servers =
        broker != null
            ? broker.bootstrapServers()
            : config.kafka().bootstrapServers().orElseThrow();
    try {
      TopicAdmin.ensure(servers, TopicSettings.of(config.kafka()));
      return new KafkaCluster(broker, servers);
    } catch (RuntimeException e) {
      if (broker != null) {
        broker.close();
      }
      throw e;
    }
  }

  /**
   * The embedded broker with the pipeline's topics when no cluster is configured, else nothing: for
   * the scheduler, whose jobs run in JVMs of their own and share its broker, since only one process
   * at a time can open the broker's folder.
   */
  public static Optional<KafkaCluster> openEmbedded(IngestConfig config) {
    return config.kafka().embedded() ? Optional.of(open(config)) : Optional.empty();
  }

  /**
   * A broker of the caller's own in this folder, whatever is configured, with no topics: the
   * benchmarks produce into it so that nothing reaches the user's topics.
   */
  public static KafkaCluster embedded(Path dataDirectory) {
    EmbeddedKafka broker = EmbeddedKafka.start(dataDirectory);
    return new KafkaCluster(broker, broker.bootstrapServers());
  }

  public String bootstrapServers() {
    return bootstrapServers;
  }

  public boolean embedded() {
    return broker != null;
  }

  @Override
  public void close() {
    if (broker != null) {
      broker.close();
    }
  }
}
