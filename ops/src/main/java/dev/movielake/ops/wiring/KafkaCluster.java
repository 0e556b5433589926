package dev.movielake.ops.wiring;

import dev.movielake.config.IngestConfig;
import dev.movielake.infra.kafka.EmbeddedKafka;
import dev.movielake.ingest.kafka.TopicAdmin;
import dev.movielake.ingest.kafka.TopicSettings;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import org.slf4j.LoggerFactory;

/**
 * The Kafka cluster the pipeline uses: the configured one, or an embedded broker whose data lives
 * under the lakehouse folder (so what one command ingested, the next one streams). The embedded
 * broker is shared by the pipeline processes on one LAKEHOUSE_HOME: the first one starts it, the
 * others connect to it and one of them takes it over on the same address when its owner stops (see
 * {@link SharedServerFolder}). The pipeline's topics are created when missing. Closing stops only a
 * broker this object runs.
 */
public final class KafkaCluster implements AutoCloseable {
  private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(1);

  /** Stops or leaves the embedded broker; null for a configured cluster. */
  private final Runnable broker;

  private final String bootstrapServers;

  private KafkaCluster(Runnable broker, String bootstrapServers) {
    this.broker = broker;
    this.bootstrapServers = bootstrapServers;
  }

  public static KafkaCluster open(IngestConfig config) {
    return open(config, SharedServerFolder.WATCH_INTERVAL);
  }

  static KafkaCluster open(IngestConfig config, Duration watchInterval) {
    if (!config.kafka().embedded()) {
      String servers = config.kafka().bootstrapServers().orElseThrow();
      TopicAdmin.ensure(servers, TopicSettings.of(config.kafka()));
      return new KafkaCluster(null, servers);
    }
    SharedServerFolder.Membership broker = sharedFolder(config.kafkaData(), watchInterval).join();
    try {
      TopicAdmin.ensure(broker.address(), TopicSettings.of(config.kafka()));
      return new KafkaCluster(broker::close, broker.address());
    } catch (RuntimeException e) {
      broker.close();
      throw e;
    }
  }

  /** The embedded broker's folder, shared by the processes on one LAKEHOUSE_HOME. */
  static SharedServerFolder sharedFolder(Path dataDirectory, Duration watchInterval) {
    return new SharedServerFolder(
        dataDirectory,
        "kafka-broker",
        "embedded Kafka broker",
        port -> {
          EmbeddedKafka broker = start(dataDirectory, port);
          return new SharedServerFolder.StartedServer(broker.bootstrapServers(), broker::close);
        },
        KafkaCluster::answers,
        watchInterval);
  }

  private static EmbeddedKafka start(Path dataDirectory, OptionalInt port) {
    if (port.isPresent()) {
      try {
        return EmbeddedKafka.start(dataDirectory, port.getAsInt());
      } catch (EmbeddedKafka.PortInUseException e) {
        // The clients that knew this port cannot be helped; new ones read the new address.
        LoggerFactory.getLogger(KafkaCluster.class)
            .info(
                "The embedded broker's last port is taken ({}); starting on another",
                e.getMessage());
      }
    }
    return EmbeddedKafka.start(dataDirectory);
  }

  /** Whether a listener accepts connections at {@code host:port}: the owner lock says the rest. */
  private static boolean answers(String bootstrapServers) {
    int colon = bootstrapServers.lastIndexOf(':');
    try (Socket socket = new Socket()) {
      socket.connect(
          new InetSocketAddress(
              bootstrapServers.substring(0, colon),
              Integer.parseInt(bootstrapServers.substring(colon + 1))),
          (int) PROBE_TIMEOUT.toMillis());
      return true;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /**
   * The embedded broker with the pipeline's topics when no cluster is configured, else nothing: for
   * the scheduler, whose jobs run in JVMs of their own and are given its broker's address, which
   * stays valid while any pipeline process on this LAKEHOUSE_HOME runs (one takes the broker over
   * on the same port when its owner stops).
   */
  public static Optional<KafkaCluster> openEmbedded(IngestConfig config) {
    return config.kafka().embedded() ? Optional.of(open(config)) : Optional.empty();
  }

  /**
   * A broker of the caller's own in this folder, whatever is configured, with no topics and shared
   * with no process: the benchmarks produce into it so that nothing reaches the user's topics.
   */
  public static KafkaCluster embedded(Path dataDirectory) {
    EmbeddedKafka broker = EmbeddedKafka.start(dataDirectory);
    return new KafkaCluster(broker::close, broker.bootstrapServers());
  }

  public String bootstrapServers() {
    return bootstrapServers;
  }

  /** Whether the broker is the embedded one (this process's, or another's it connected to). */
  public boolean embedded() {
    return broker != null;
  }

  /**
   * Stops a broker this process runs (a process connected to it takes it over); leaves another
   * process's or a configured cluster running.
   */
  @Override
  public void close() {
    if (broker != null) {
      broker.run();
    }
  }
}
