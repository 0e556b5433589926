package dev.movielake.stream.bronze;

import dev.movielake.lakehouse.IcebergStorageManager;
import dev.movielake.stream.records.RecordType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.Trigger;

/**
 * One Structured Streaming query per record type: Kafka topic to bronze, with a checkpoint of its
 * own. Offsets advance only through the checkpoint, so a restart continues where the last
 * committed batch ended.
 */
public final class BronzeStream {
  private static final String STREAM_ID_FILE = "movielake-stream-id";

  private final IcebergStorageManager storage;
  private final String bootstrapServers;

  public BronzeStream(IcebergStorageManager storage, String bootstrapServers) {
    this.storage = storage;
    this.bootstrapServers = bootstrapServers;
  }

  /**
   * @param trigger e.g. {@code Trigger.ProcessingTime("1 minute")} or {@code Trigger.AvailableNow()}
   */
  public StreamingQuery start(RecordType type, String topic, Path checkpoint, Trigger trigger) {
    try {
      return storage.spark().readStream()
          .format("kafka")
          .option("kafka.bootstrap.servers", bootstrapServers)
          .option("subscribe", topic)
          .option("startingOffsets", "earliest")
          // Compaction removes offsets on purpose in the compacted topics; elsewhere a gap is lost data.
          .option("failOnDataLoss", Boolean.toString(type != RecordType.MOVIES && type != RecordType.PEOPLE))
          .load()
          .writeStream()
          .queryName("bronze_" + type)
          .option("checkpointLocation", checkpoint.toString())
          .trigger(trigger)
          .foreachBatch(new BronzeBatchWriter(storage, type, streamId(checkpoint)))
          .start();
    } catch (TimeoutException e) {
      throw new IllegalStateException("the bronze stream of " + type + " did not start: " + e.getMessage(), e);
    }
  }

  /** An id kept in the checkpoint folder: the same across restarts, new with a new checkpoint. */
  static String streamId(Path checkpoint) {
    Path file = checkpoint.resolve(STREAM_ID_FILE);
    try {
      Files.createDirectories(checkpoint);
      if (!Files.exists(file)) {
        Files.writeString(file, UUID.randomUUID().toString(), StandardCharsets.UTF_8);
      }
      return Files.readString(file, StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create the stream id in " + checkpoint, e);
    }
  }
}
