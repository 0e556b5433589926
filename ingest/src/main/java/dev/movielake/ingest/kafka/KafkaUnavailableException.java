package dev.movielake.ingest.kafka;

/** Kafka could not be reached or refused a write; the message names the cluster and the fix. */
public final class KafkaUnavailableException extends RuntimeException {
  public KafkaUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
