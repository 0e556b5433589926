package dev.movielake.bench;

import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/** Sends {@link MovieMessage}s to a topic of the benchmark's broker, as ingestion would. */
final class MovieProducer implements AutoCloseable {
  private final KafkaProducer<String, String> producer;
  private final AtomicReference<Exception> failure = new AtomicReference<>();

  MovieProducer(String bootstrapServers) {
    Properties properties = new Properties();
    properties.put("bootstrap.servers", bootstrapServers);
    properties.put("key.serializer", StringSerializer.class);
    properties.put("value.serializer", StringSerializer.class);
    properties.put("enable.idempotence", true);
    properties.put("acks", "all");
    // The movie topics store gzip: the broker then keeps the producer's batches as they are.
    properties.put("compression.type", "gzip");
    properties.put("linger.ms", 10);
    properties.put("batch.size", 256 * 1024);
    this.producer = new KafkaProducer<>(properties);
  }

  /**
   * Sends movies {@code firstId} to {@code firstId + count - 1} observed now and waits until Kafka
   * has them all. Returns their value bytes.
   */
  long send(String topic, long firstId, long count) {
    double observedAt = System.currentTimeMillis() / 1000.0;
    long bytes = 0;
    for (long id = firstId; id < firstId + count; id++) {
      MovieMessage message = MovieMessage.of(id, observedAt);
      bytes += message.valueBytes();
      sendAsync(topic, message);
    }
    awaitAcknowledged();
    return bytes;
  }

  /** Sends these messages, in this order, and waits until Kafka has them all. */
  void send(String topic, List<MovieMessage> messages) {
    for (MovieMessage message : messages) {
      sendAsync(topic, message);
    }
    awaitAcknowledged();
  }

  /** Hands one message to the producer; a refusal is kept for {@link #awaitAcknowledged}. */
  private void sendAsync(String topic, MovieMessage message) {
    producer.send(
        new ProducerRecord<>(topic, message.key(), message.value()),
        (metadata, error) -> {
          if (error != null) {
            failure.compareAndSet(null, error);
          }
        });
  }

  /** Waits until Kafka has acknowledged everything sent, or reports the first refusal. */
  private void awaitAcknowledged() {
    producer.flush();
    Exception error = failure.get();
    if (error != null) {
      throw new IllegalStateException(
          "Kafka refused a movie message: " + error.getMessage(), error);
    }
  }

  /** Sends one movie and returns once Kafka has acknowledged it. */
  void sendNow(String topic, long id) {
    MovieMessage message = MovieMessage.of(id, System.currentTimeMillis() / 1000.0);
    try {
      producer.send(new ProducerRecord<>(topic, message.key(), message.value())).get();
    } catch (ExecutionException e) {
      throw new IllegalStateException(
          "Kafka refused movie " + id + ": " + e.getCause().getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while sending movie " + id, e);
    }
  }

  @Override
  public void close() {
    producer.close();
  }
}
