package dev.movielake.infra.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.movielake.infra.FreePort;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaTest {
  private static final String TOPIC = "movies";
  private static final int RECORD_COUNT = 1_000;
  private static final int TWO_MEGABYTES = 2 * 1024 * 1024;

  @TempDir Path folder;

  @Test
  void keyedRecordsOnACompactedTopicRoundTripAndSurviveARestart() throws Exception {
    Set<String> keysSent = new HashSet<>();
    try (EmbeddedKafka kafka = EmbeddedKafka.start(folder)) {
      assertThat(kafka.bootstrapServers()).matches("127\\.0\\.0\\.1:\\d+");
      try (Admin admin = admin(kafka)) {
        NewTopic topic =
            new NewTopic(TOPIC, 6, (short) 1)
                .configs(
                    Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
        admin.createTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
      }
      try (KafkaProducer<String, String> producer = stringProducer(kafka)) {
        for (int number = 0; number < RECORD_COUNT; number++) {
          String key = "movie-" + number;
          keysSent.add(key);
          producer.send(new ProducerRecord<>(TOPIC, key, "{\"id\":" + number + "}"));
        }
        producer.flush();
      }
      assertThat(consumeKeys(kafka, RECORD_COUNT))
          .hasSize(RECORD_COUNT)
          .containsExactlyInAnyOrderElementsOf(keysSent);
    }

    try (EmbeddedKafka restarted = EmbeddedKafka.start(folder)) {
      try (Admin admin = admin(restarted)) {
        TopicDescription description =
            admin
                .describeTopics(List.of(TOPIC))
                .allTopicNames()
                .get(30, TimeUnit.SECONDS)
                .get(TOPIC);
        assertThat(description.partitions()).hasSize(6);
      }
      assertThat(consumeKeys(restarted, RECORD_COUNT))
          .containsExactlyInAnyOrderElementsOf(keysSent);
    }
  }

  @Test
  void acceptsAMessageOfOneAndAHalfMegabytesOnATopicAllowingTwo() throws Exception {
    try (EmbeddedKafka kafka = EmbeddedKafka.start(folder)) {
      try (Admin admin = admin(kafka)) {
        NewTopic topic =
            new NewTopic("reviews", 1, (short) 1)
                .configs(
                    Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, String.valueOf(TWO_MEGABYTES)));
        admin.createTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
      }
      byte[] review = new byte[1536 * 1024];
      Map<String, Object> settings =
          Map.of(
              ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
              kafka.bootstrapServers(),
              ProducerConfig.MAX_REQUEST_SIZE_CONFIG,
              TWO_MEGABYTES);
      try (KafkaProducer<byte[], byte[]> producer =
          new KafkaProducer<>(settings, new ByteArraySerializer(), new ByteArraySerializer())) {
        RecordMetadata metadata =
            producer.send(new ProducerRecord<>("reviews", review)).get(30, TimeUnit.SECONDS);
        assertThat(metadata.offset()).isZero();
      }
    }
  }

  @Test
  void closeReleasesThePortAndLeavesNoKafkaThreads() throws Exception {
    Set<Thread> threadsBefore = Thread.getAllStackTraces().keySet();
    EmbeddedKafka kafka = EmbeddedKafka.start(folder);
    int port = Integer.parseInt(kafka.bootstrapServers().split(":")[1]);
    assertThat(connects(port)).isTrue();

    kafka.close();
    kafka.close(); // idempotent

    assertThat(connects(port)).isFalse();
    List<String> lingering = new ArrayList<>();
    for (Thread thread : Thread.getAllStackTraces().keySet()) {
      if (thread.isAlive() && !thread.isDaemon() && !threadsBefore.contains(thread)) {
        lingering.add(thread.getName());
      }
    }
    assertThat(lingering).isEmpty();
  }

  @Test
  void aPortInUseGivesAClearMessage() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int controllerPort = FreePort.find();
      assertThatThrownBy(() -> EmbeddedKafka.start(folder, taken.getLocalPort(), controllerPort))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("127.0.0.1:" + taken.getLocalPort())
          .hasMessageContaining("in use");
      assertThat(connects(controllerPort))
          .as("controller port released after the failed start")
          .isFalse();
    }
  }

  @Test
  void aFolderUsedByARunningBrokerGivesAClearMessage() {
    try (EmbeddedKafka running = EmbeddedKafka.start(folder)) {
      assertThatThrownBy(() -> EmbeddedKafka.start(folder))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining(folder.toString())
          .hasMessageContaining("in use by another running broker");
    }
  }

  @Test
  void aFileInsteadOfAFolderGivesAClearMessage() throws Exception {
    Path file = Files.writeString(folder.resolve("not-a-folder"), "x");
    assertThatThrownBy(() -> EmbeddedKafka.start(file))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("is a file, not a folder");
  }

  private static Admin admin(EmbeddedKafka kafka) {
    return Admin.create(
        Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
  }

  private static KafkaProducer<String, String> stringProducer(EmbeddedKafka kafka) {
    Map<String, Object> settings =
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            kafka.bootstrapServers(),
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
            true,
            ProducerConfig.ACKS_CONFIG,
            "all",
            ProducerConfig.LINGER_MS_CONFIG,
            5);
    return new KafkaProducer<>(settings, new StringSerializer(), new StringSerializer());
  }

  /**
   * Reads with a fresh consumer group from the earliest offset until {@code expected} records or 30
   * s.
   */
  private static List<String> consumeKeys(EmbeddedKafka kafka, int expected) {
    Map<String, Object> settings =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            kafka.bootstrapServers(),
            ConsumerConfig.GROUP_ID_CONFIG,
            "test-" + UUID.randomUUID(),
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
            "earliest");
    List<String> keys = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(settings, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of(TOPIC));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (keys.size() < expected && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
          keys.add(record.key());
        }
      }
    }
    return keys;
  }

  private static boolean connects(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1_000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
