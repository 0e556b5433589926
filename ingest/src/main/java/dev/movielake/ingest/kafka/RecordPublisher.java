package dev.movielake.ingest.kafka;

import dev.movielake.config.KafkaConfig;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Sends records to Kafka: idempotent with {@code acks=all}, so a retried send is written once, and
 * compressed. Counts what each topic acknowledged; the first failed delivery is kept and re-thrown
 * at {@link #flush()}, so a run never reports success for records that were lost.
 */
public final class RecordPublisher implements AutoCloseable {
  private final KafkaProducer<String, String> producer;
  private final String bootstrapServers;
  private final Map<String, AtomicLong> acknowledged = new ConcurrentHashMap<>();
  private final AtomicLong sent = new AtomicLong();
  private final AtomicReference<Exception> failure = new AtomicReference<>();

  public RecordPublisher(String bootstrapServers, KafkaConfig config) {
    this.bootstrapServers = bootstrapServers;
    Properties properties = new Properties();
    properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    properties.put(ProducerConfig.ACKS_CONFIG, "all");
    properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    // One request in flight per broker: a retried batch can never be overtaken by a later one, so
    // the broker never refuses a sequence gap (seen as OUT_OF_ORDER_SEQUENCE_NUMBER on new
    // partitions).
    properties.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
    properties.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, config.compression());
    properties.put(ProducerConfig.LINGER_MS_CONFIG, config.lingerMs());
    properties.put(ProducerConfig.BATCH_SIZE_CONFIG, config.batchSize());
    properties.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 2_097_152);
    properties.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 120_000);
    properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    this.producer = new KafkaProducer<>(properties);
  }

  /** Sends one record; {@code onAcknowledged} runs once Kafka has it (all in-sync replicas). */
  public void publish(String topic, String key, String value, Runnable onAcknowledged) {
    sent.incrementAndGet();
    producer.send(
        new ProducerRecord<>(topic, key, value),
        (metadata, error) -> {
          if (error != null) {
            failure.compareAndSet(null, error);
            return;
          }
          acknowledged.computeIfAbsent(topic, ignored -> new AtomicLong()).incrementAndGet();
          onAcknowledged.run();
        });
  }

  public void publish(String topic, String key, String value) {
    publish(topic, key, value, () -> {});
  }

  /** Waits until every record sent so far is acknowledged; throws if any delivery failed. */
  public void flush() {
    producer.flush();
    Exception error = failure.get();
    if (error != null) {
      throw new KafkaUnavailableException(
          "Kafka at " + bootstrapServers + " did not accept records: " + error.getMessage(), error);
    }
  }

  /** Records handed to the producer so far. */
  public long sent() {
    return sent.get();
  }

  /** Records acknowledged per topic so far. */
  public Map<String, Long> acknowledged() {
    Map<String, Long> counts = new TreeMap<>();
    acknowledged.forEach((topic, count) -> counts.put(topic, count.get()));
    return counts;
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(30));
  }
}
