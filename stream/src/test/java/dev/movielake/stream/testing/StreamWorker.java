package dev.movielake.stream.testing;

import dev.movielake.config.CheckpointLocation;
import dev.movielake.config.LakehouseConfig;
import dev.movielake.lakehouse.IcebergStorageManager;
import dev.movielake.lakehouse.LakehouseSession;
import dev.movielake.model.Layer;
import dev.movielake.model.RecordType;
import dev.movielake.stream.StreamingPipeline;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import org.apache.spark.sql.streaming.Trigger;

/**
 * The streaming pipeline in a JVM of its own, for tests that kill it: configured by environment
 * variables like the real program; arguments are the bootstrap servers, the checkpoint location (a
 * folder or {@code s3a://bucket/prefix}) and the trigger interval.
 */
public final class StreamWorker {
  private StreamWorker() {}

  public static void main(String[] arguments) throws Exception {
    LakehouseConfig config = LakehouseConfig.from(System.getenv());
    IcebergStorageManager storage =
        new IcebergStorageManager(LakehouseSession.create(config), config);
    Map<RecordType, String> topics = new EnumMap<>(RecordType.class);
    for (RecordType type : RecordType.values()) {
      topics.put(type, type.recordType());
    }
    StreamingPipeline pipeline =
        new StreamingPipeline(
            storage,
            arguments[0],
            topics,
            CheckpointLocation.parse("STREAM_CHECKPOINT_DIR", arguments[1]),
            Clock.systemUTC());
    try (StreamingPipeline.Running running =
        pipeline.start(
            EnumSet.allOf(Layer.class),
            EnumSet.allOf(RecordType.class),
            Trigger.ProcessingTime(arguments[2]),
            Duration.ofSeconds(5))) {
      System.out.println("worker started");
      System.out.flush();
      running.awaitTermination();
    }
  }
}
