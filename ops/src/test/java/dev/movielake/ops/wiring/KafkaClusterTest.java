package dev.movielake.ops.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.movielake.config.IngestConfig;
import dev.movielake.config.KafkaConfig;
import dev.movielake.infra.kafka.EmbeddedKafka;
import dev.movielake.ingest.kafka.TopicSettings;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker a command uses: the configured cluster, left running, or one of its own under the
 * lakehouse folder.
 */
class KafkaClusterTest {
  @TempDir Path home;

  @Test
  void withoutAConfiguredClusterABrokerRunsOnTheLakehouseFolderUntilClosed() throws Exception {
    IngestConfig config = IngestConfig.from(Map.of("LAKEHOUSE_HOME", home.toString()));
    String servers;
    try (KafkaCluster kafka = KafkaCluster.open(config)) {
      assertThat(kafka.embedded()).isTrue();
      servers = kafka.bootstrapServers();
      assertThat(servers).matches("127\\.0\\.0\\.1:\\d+");
      assertThat(topics(servers)).containsAll(pipelineTopics(config));
    }
    assertThat(config.kafkaData()).isDirectory();
    assertThatThrownBy(() -> connect(servers))
        .as("the broker stops with the command")
        .isInstanceOf(IOException.class);

    try (KafkaCluster shared = KafkaCluster.openEmbedded(config).orElseThrow()) {
      assertThat(shared.embedded()).isTrue();
      assertThat(topics(shared.bootstrapServers()))
          .as("the topics kept in the folder")
          .containsAll(pipelineTopics(config));
    }
  }

  @Test
  void aSecondProcessUsesTheFirstsBrokerAndTakesItOverOnTheSameAddressWhenTheFirstStops()
      throws Exception {
    IngestConfig config = IngestConfig.from(Map.of("LAKEHOUSE_HOME", home.toString()));
    String topic = pipelineTopics(config).get(0);
    KafkaCluster owner = KafkaCluster.open(config, Duration.ofMillis(200));
    String servers = owner.bootstrapServers();
    try (KafkaCluster guest = KafkaCluster.open(config, Duration.ofMillis(200))) {
      assertThat(guest.embedded()).isTrue();
      assertThat(guest.bootstrapServers())
          .as("the broker's folder is in use: the second process connects to it")
          .isEqualTo(servers);
      produce(servers, topic, "before");

      owner.close();
      // The guest's clients keep the address they had: the broker comes back there, with its data.
      produce(servers, topic, "after");
      assertThat(endOffset(servers, topic)).isEqualTo(2);
      assertThat(Files.readString(config.kafkaData().resolve("kafka-broker.address")))
          .isEqualTo(servers + "\n" + ProcessHandle.current().pid() + "\n");
    }
    assertThatThrownBy(() -> connect(servers)).isInstanceOf(IOException.class);
  }

  @Test
  void aConfiguredClusterGetsThePipelinesTopicsAndOutlivesTheCommand() throws Exception {
    try (EmbeddedKafka configured = EmbeddedKafka.start(home.resolve("configured"))) {
      IngestConfig config =
          IngestConfig.from(
              Map.of(
                  "LAKEHOUSE_HOME",
                  home.toString(),
                  KafkaConfig.BOOTSTRAP_SERVERS,
                  configured.bootstrapServers()));
      try (KafkaCluster kafka = KafkaCluster.open(config)) {
        assertThat(kafka.embedded()).isFalse();
        assertThat(kafka.bootstrapServers()).isEqualTo(configured.bootstrapServers());
      }
      assertThat(topics(configured.bootstrapServers()))
          .as("closing leaves a cluster it did not start running")
          .containsAll(pipelineTopics(config));
      assertThat(KafkaCluster.openEmbedded(config))
          .as("the scheduler starts no broker of its own")
          .isEmpty();
      assertThat(config.kafkaData()).doesNotExist();
    }
  }

  @Test
  void aBrokerOfTheCallersOwnHasNoTopicsAndStopsOnClose() throws Exception {
    String servers;
    try (KafkaCluster kafka = KafkaCluster.embedded(home.resolve("benchmark"))) {
      assertThat(kafka.embedded()).isTrue();
      servers = kafka.bootstrapServers();
      assertThat(topics(servers)).isEmpty();
    }
    assertThatThrownBy(() -> connect(servers)).isInstanceOf(IOException.class);
  }

  private static void produce(String servers, String topic, String value) throws Exception {
    Properties properties = new Properties();
    properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
    properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(properties)) {
      producer.send(new ProducerRecord<>(topic, 0, value, value)).get(60, TimeUnit.SECONDS);
    }
  }

  private static long endOffset(String servers, String topic) throws Exception {
    Properties properties = new Properties();
    properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
    try (Admin admin = Admin.create(properties)) {
      TopicPartition partition = new TopicPartition(topic, 0);
      return admin
          .listOffsets(Map.of(partition, OffsetSpec.latest()))
          .partitionResult(partition)
          .get(30, TimeUnit.SECONDS)
          .offset();
    }
  }

  private static List<String> pipelineTopics(IngestConfig config) {
    return TopicSettings.of(config.kafka()).stream().map(TopicSettings::name).toList();
  }

  private static Set<String> topics(String servers) throws Exception {
    Properties properties = new Properties();
    properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
    try (Admin admin = Admin.create(properties)) {
      return admin.listTopics().names().get(30, TimeUnit.SECONDS);
    }
  }

  private static void connect(String servers) throws IOException {
    String[] hostAndPort = servers.split(":");
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(hostAndPort[0], Integer.parseInt(hostAndPort[1])), 1000);
    }
  }
}
