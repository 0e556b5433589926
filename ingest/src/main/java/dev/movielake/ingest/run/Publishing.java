package dev.movielake.ingest.run;

import dev.movielake.config.KafkaConfig;
import dev.movielake.ingest.kafka.RecordPublisher;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/** Sends a group of messages and reports once Kafka acknowledged all of them. */
final class Publishing {
  private final RecordPublisher publisher;
  private final KafkaConfig kafka;

  Publishing(RecordPublisher publisher, KafkaConfig kafka) {
    this.publisher = publisher;
    this.kafka = kafka;
  }

  /**
   * Runs a stage that sends messages and waits until Kafka has them all, also when the stage fails,
   * so what was fetched is delivered and checkpointed before anything stops. A failed flush after a
   * failed stage is attached to the stage's error instead of hiding it.
   */
  long deliver(LongSupplier stage) {
    long delivered;
    try {
      delivered = stage.getAsLong();
    } catch (RuntimeException e) {
      try {
        publisher.flush();
      } catch (RuntimeException flushFailure) {
        e.addSuppressed(flushFailure);
      }
      throw e;
    }
    publisher.flush();
    return delivered;
  }

  /** Sends the messages; {@code whenAllAcknowledged} runs after the last acknowledgement. */
  void send(List<Message> messages, Runnable whenAllAcknowledged) {
    if (messages.isEmpty()) {
      whenAllAcknowledged.run();
      return;
    }
    AtomicInteger pending = new AtomicInteger(messages.size());
    for (Message message : messages) {
      publisher.publish(
          kafka.topic(message.recordType()),
          message.key(),
          message.value(),
          () -> {
            if (pending.decrementAndGet() == 0) {
              whenAllAcknowledged.run();
            }
          });
    }
  }
}
