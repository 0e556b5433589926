package dev.movielake.config;

import java.nio.file.Path;
import java.util.Map;

/**
 * Ingestion: the TMDB source, the Kafka topics, and the folder for the embedded broker's data and
 * the durable sync cursor (under the lakehouse folder).
 */
public record IngestConfig(TmdbConfig tmdb, KafkaConfig kafka, Path home) {

  public static IngestConfig from(Map<String, String> variables) {
    VariableReader reader = new VariableReader(variables);
    Path home = Path.of(reader.string(LakehouseConfig.HOME, "lakehouse")).toAbsolutePath().normalize();
    return new IngestConfig(TmdbConfig.from(reader), KafkaConfig.from(reader), home);
  }

  /** The embedded broker's log folder. */
  public Path kafkaData() {
    return home.resolve("kafka");
  }

  /** Ingestion's own state: the sync cursor and unfinished batch runs. */
  public Path state() {
    return home.resolve("ingest");
  }
}
