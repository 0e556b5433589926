package dev.movielake.ingest.run;

import dev.movielake.config.KafkaConfig;
import dev.movielake.ingest.kafka.RecordPublisher;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** Sends a group of messages and reports once Kafka acknowledged all of them. */
final class Publishing {
  private final RecordPublisher publisher;
  private final KafkaConfig kafka;

  Publishing(RecordPublisher publisher, KafkaConfig kafka) {
    this.publisher = publisher;
    this.kafka = kafka;
  }

  /** Sends the messages; {@code whenAllAcknowledged} runs after the last acknowledgement. */
  void send(List<Message> messages, Runnable whenAllAcknowledged) {
    if (messages.isEmpty()) {
      whenAllAcknowledged.run();
      return;
    }
    AtomicInteger pending = new AtomicInteger(messages.size());
    for (Message message : messages) {
      publisher.publish(kafka.topic(message.recordType()), message.key(), message.value(), () -> {
        if (pending.decrementAndGet() == 0) {
          whenAllAcknowledged.run();
        }
      });
    }
  }
}
