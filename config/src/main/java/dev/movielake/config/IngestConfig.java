package dev.movielake.config;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Ingestion and streaming: the TMDB source, the Kafka topics, the folder for the embedded broker's
 * data and the durable sync cursor (under the lakehouse folder), and where the streaming queries
 * keep their checkpoints.
 *
 * @param checkpoints one checkpoint per query below it; {@code STREAM_CHECKPOINT_DIR}, a local
 *     folder or {@code s3a://bucket/prefix}, by default {@code $LAKEHOUSE_HOME/checkpoints}
 * @param metricsPort where {@code pipeline stream} serves Prometheus' {@code /metrics} ({@code
 *     STREAM_METRICS_PORT}, 9464 by default, Prometheus' registered port for such exporters): 0 for
 *     any free port, printed at start; empty ({@code off}) for no endpoint
 */
public record IngestConfig(
    TmdbConfig tmdb,
    KafkaConfig kafka,
    Path home,
    CheckpointLocation checkpoints,
    OptionalInt metricsPort) {
  public static final String CHECKPOINT_DIR = "STREAM_CHECKPOINT_DIR";
  public static final String METRICS_PORT = "STREAM_METRICS_PORT";

  /** The stream's metrics port unless {@code STREAM_METRICS_PORT} says otherwise. */
  public static final int DEFAULT_METRICS_PORT = 9464;

  /** What {@code STREAM_METRICS_PORT} takes to serve no metrics at all. */
  public static final String METRICS_OFF = "off";

  public static IngestConfig from(Map<String, String> variables) {
    return from(new VariableReader(variables));
  }

  static IngestConfig from(VariableReader reader) {
    Path home =
        Path.of(reader.string(LakehouseConfig.HOME, "lakehouse")).toAbsolutePath().normalize();
    CheckpointLocation checkpoints =
        reader
            .optional(CHECKPOINT_DIR)
            .map(value -> CheckpointLocation.parse(CHECKPOINT_DIR, value))
            .orElseGet(() -> CheckpointLocation.local(home.resolve("checkpoints")));
    if (checkpoints.onS3() && !s3Configured(reader)) {
      throw new ConfigException(
          CHECKPOINT_DIR,
          "'"
              + checkpoints
              + "' is on S3, but no S3 storage is configured, and the checkpoints use the"
              + " warehouse's S3 settings: set "
              + LakehouseConfig.S3_ENDPOINT
              + " (for AWS https://s3.<region>.amazonaws.com), "
              + LakehouseConfig.S3_ACCESS_KEY
              + " and "
              + LakehouseConfig.S3_SECRET_KEY
              + ", or put the warehouse on S3 ("
              + LakehouseConfig.WAREHOUSE_PATH
              + "=s3a://...); or use a local folder");
    }
    return new IngestConfig(
        TmdbConfig.from(reader), KafkaConfig.from(reader), home, checkpoints, metricsPort(reader));
  }

  private static OptionalInt metricsPort(VariableReader reader) {
    String value = reader.string(METRICS_PORT, Integer.toString(DEFAULT_METRICS_PORT));
    if (value.toLowerCase(Locale.ROOT).equals(METRICS_OFF)) {
      return OptionalInt.empty();
    }
    try {
      int port = Integer.parseInt(value);
      if (port >= 0 && port <= 65_535) {
        return OptionalInt.of(port);
      }
    } catch (NumberFormatException e) {
      // reported below with what is accepted
    }
    throw new ConfigException(
        METRICS_PORT,
        "'"
            + value
            + "' is not a port; use 1 to 65535 (default "
            + DEFAULT_METRICS_PORT
            + "), 0 for any free port (printed at start), or "
            + METRICS_OFF
            + " to serve no metrics");
  }

  /** The same rule as {@link LakehouseConfig#s3Configured()}, on the variables themselves. */
  private static boolean s3Configured(VariableReader reader) {
    return reader.optional(LakehouseConfig.WAREHOUSE_PATH).filter(LakehouseConfig::isS3).isPresent()
        || reader.optional(LakehouseConfig.S3_ENDPOINT).isPresent()
        || reader.optional(LakehouseConfig.S3_ACCESS_KEY).isPresent();
  }

  /** The embedded broker's log folder. */
  public Path kafkaData() {
    return home.resolve("kafka");
  }

  /** Ingestion's own state: the sync cursor and unfinished batch runs. */
  public Path state() {
    return home.resolve("ingest");
  }

  /**
   * Where the running stream writes its status for {@code stream status}: beside the checkpoints
   * when they are a local folder, under the lakehouse folder when they are on S3 (the status is
   * this host's, written on every batch, and read by another process on the same host).
   */
  public Path streamStatus() {
    return checkpoints.localFolder().orElse(home.resolve("stream-status"));
  }
}
