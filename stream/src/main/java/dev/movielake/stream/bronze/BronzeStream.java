package dev.movielake.stream.bronze;

import dev.movielake.config.CheckpointLocation;
import dev.movielake.lakehouse.IcebergStorageManager;
import dev.movielake.model.RecordType;
import dev.movielake.stream.CheckpointFolder;
import dev.movielake.stream.StreamIdentity;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import org.apache.spark.sql.streaming.DataStreamReader;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.Trigger;

/**
 * One Structured Streaming query per record type: Kafka topic to bronze, with a checkpoint of its
 * own. Offsets advance only through the checkpoint, so a restart continues where the last committed
 * batch ended.
 */
public final class BronzeStream {
  private final IcebergStorageManager storage;
  private final String bootstrapServers;

  public BronzeStream(IcebergStorageManager storage, String bootstrapServers) {
    this.storage = storage;
    this.bootstrapServers = bootstrapServers;
  }

  /**
   * @param trigger e.g. {@code Trigger.ProcessingTime("1 minute")} or {@code
   *     Trigger.AvailableNow()}
   */
  public StreamingQuery start(RecordType type, String topic, Path checkpoint, Trigger trigger) {
    return start(type, topic, checkpoint, trigger, Optional.empty());
  }

  /**
   * @param maxRecordsPerBatch Kafka records one micro-batch reads at most
   */
  public StreamingQuery start(
      RecordType type,
      String topic,
      Path checkpoint,
      Trigger trigger,
      Optional<Long> maxRecordsPerBatch) {
    return start(
        type,
        topic,
        CheckpointFolder.of(
            CheckpointLocation.local(checkpoint),
            storage.spark().sparkContext().hadoopConfiguration()),
        trigger,
        maxRecordsPerBatch);
  }

  /**
   * @param checkpoint a local folder or an s3a:// location
   * @param maxRecordsPerBatch Kafka records one micro-batch reads at most
   */
  public StreamingQuery start(
      RecordType type,
      String topic,
      CheckpointFolder checkpoint,
      Trigger trigger,
      Optional<Long> maxRecordsPerBatch) {
    BronzeTable.ensure(storage, type); // readers of bronze can start before the first record
    CheckpointRepair.dropUncommittedBatch(checkpoint);
    try {
      DataStreamReader reader = storage.spark().readStream().format("kafka");
      maxRecordsPerBatch.ifPresent(limit -> reader.option("maxOffsetsPerTrigger", limit));
      return reader
          .option("kafka.bootstrap.servers", bootstrapServers)
          .option("subscribe", topic)
          .option("startingOffsets", "earliest")
          // Compaction removes offsets on purpose in the compacted topics; elsewhere a gap is lost
          // data.
          .option(
              "failOnDataLoss",
              Boolean.toString(type != RecordType.MOVIES && type != RecordType.PEOPLE))
          .load()
          .writeStream()
          .queryName("bronze_" + type)
          .option("checkpointLocation", checkpoint.toString())
          .trigger(trigger)
          .foreachBatch(new BronzeBatchWriter(storage, type, StreamIdentity.of(checkpoint)))
          .start();
    } catch (TimeoutException e) {
      throw new IllegalStateException(
          "the bronze stream of " + type + " did not start: " + e.getMessage(), e);
    }
  }
}
