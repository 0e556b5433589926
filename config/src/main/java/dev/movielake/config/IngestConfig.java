package dev.movielake.config;

import java.nio.file.Path;
import java.util.Map;

/**
 * Ingestion and streaming: the TMDB source, the Kafka topics, the folder for the embedded broker's
 * data and the durable sync cursor (under the lakehouse folder), and where the streaming queries
 * keep their checkpoints.
 *
 * @param checkpoints one folder per query below it; {@code STREAM_CHECKPOINT_DIR}, by default
 *     {@code $LAKEHOUSE_HOME/checkpoints}
 */
public record IngestConfig(TmdbConfig tmdb, KafkaConfig kafka, Path home, Path checkpoints) {
  public static final String CHECKPOINT_DIR = "STREAM_CHECKPOINT_DIR";

  public static IngestConfig from(Map<String, String> variables) {
    return from(new VariableReader(variables));
  }

  static IngestConfig from(VariableReader reader) {
    Path home =
        Path.of(reader.string(LakehouseConfig.HOME, "lakehouse")).toAbsolutePath().normalize();
    Path checkpoints =
        Path.of(reader.string(CHECKPOINT_DIR, home.resolve("checkpoints").toString()))
            .toAbsolutePath()
            .normalize();
    return new IngestConfig(TmdbConfig.from(reader), KafkaConfig.from(reader), home, checkpoints);
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
