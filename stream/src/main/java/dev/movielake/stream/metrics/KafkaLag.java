package dev.movielake.stream.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.spark.sql.streaming.SourceProgress;

/**
 * The Kafka records a query had not read when it planned its last micro-batch, per topic: over the
 * topic's partitions, the sum of the latest offset Kafka had minus the batch's end offset, both
 * from the source's progress ({@code {"movies":{"0":120,"1":98}}}). A sum rather than the source's
 * own {@code maxOffsetsBehindLatest} metric, which is the most behind in any one partition and not
 * per topic: a backlog spread over partitions would look a third of its size on a three-partition
 * topic.
 *
 * <p>With no limit per batch a query reads up to the latest offset, so the lag is 0 unless records
 * are held back by {@code maxOffsetsPerTrigger} (a backlog after a stop); records arriving between
 * two batches count from the next batch on.
 */
public final class KafkaLag {
  private static final ObjectMapper JSON = new ObjectMapper();

  private KafkaLag() {}

  /** Records behind per topic; empty when the source is not Kafka or reports no latest offset. */
  public static Map<String, Long> of(SourceProgress source) {
    if (source.description() == null || !source.description().startsWith("Kafka")) {
      return Map.of();
    }
    return of(source.endOffset(), source.latestOffset());
  }

  /**
   * Records behind per topic between two Kafka offsets in Spark's JSON form; empty when either is
   * missing or not Kafka's form. A partition only the latest offset knows (added since the batch
   * was planned) is left to the next batch, which reads it.
   */
  static Map<String, Long> of(String endOffset, String latestOffset) {
    Optional<JsonNode> end = parse(endOffset);
    Optional<JsonNode> latest = parse(latestOffset);
    if (end.isEmpty() || latest.isEmpty()) {
      return Map.of();
    }
    Map<String, Long> lag = new TreeMap<>();
    for (Map.Entry<String, JsonNode> topic : latest.get().properties()) {
      JsonNode read = end.get().path(topic.getKey());
      long behind = 0;
      for (Map.Entry<String, JsonNode> partition : topic.getValue().properties()) {
        JsonNode position = read.path(partition.getKey());
        if (position.canConvertToLong()) {
          behind += Math.max(0, partition.getValue().asLong() - position.asLong());
        }
      }
      lag.put(topic.getKey(), behind);
    }
    return lag;
  }

  /** Kafka's offset form: an object of topics, each an object of partitions and offsets. */
  private static Optional<JsonNode> parse(String offset) {
    if (offset == null || offset.isBlank()) {
      return Optional.empty();
    }
    try {
      JsonNode node = JSON.readTree(offset);
      if (node == null || !node.isObject() || node.isEmpty()) {
        return Optional.empty();
      }
      for (JsonNode topic : node) {
        if (!topic.isObject()) {
          return Optional.empty();
        }
        for (JsonNode position : topic) {
          if (!position.canConvertToLong()) {
            return Optional.empty();
          }
        }
      }
      return Optional.of(node);
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
