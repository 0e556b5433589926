package dev.movielake.app.stream;

import dev.movielake.config.IngestConfig;
import dev.movielake.config.Layer;
import dev.movielake.lakehouse.IcebergStorageManager;
import dev.movielake.stream.StreamingPipeline;
import dev.movielake.model.RecordType;
import java.nio.file.Path;
import java.time.Clock;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Builds the streaming pipeline from the configuration, for the commands that run it. */
public final class StreamingPipelines {
  private StreamingPipelines() {}

  static Path checkpoints(IngestConfig ingest) {
    return ingest.checkpoints();
  }

  public static StreamingPipeline create(IcebergStorageManager storage, IngestConfig ingest, String bootstrapServers) {
    Map<RecordType, String> topics = new EnumMap<>(RecordType.class);
    for (RecordType type : RecordType.values()) {
      topics.put(type, ingest.kafka().topic(type.recordType()));
    }
    return new StreamingPipeline(storage, bootstrapServers, topics, checkpoints(ingest), Clock.systemUTC());
  }

  static Set<Layer> layers(List<String> names) {
    Set<Layer> layers = EnumSet.noneOf(Layer.class);
    for (String name : names) {
      layers.add(Layer.parse(name));
    }
    return layers;
  }

  static Set<RecordType> types(List<String> names) {
    Set<RecordType> types = EnumSet.noneOf(RecordType.class);
    for (String name : names) {
      types.add(RecordType.parse(name));
    }
    return types;
  }
}
