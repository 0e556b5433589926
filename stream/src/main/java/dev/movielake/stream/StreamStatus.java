package dev.movielake.stream;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.streaming.SourceProgress;
import org.apache.spark.sql.streaming.StreamingQueryListener;
import org.apache.spark.sql.streaming.StreamingQueryProgress;
import org.slf4j.LoggerFactory;

/**
 * The state of the running queries, written to a JSON file on every progress event so another
 * process ({@code pipeline stream status}) can show rates, lag, the last batch and errors while the
 * streaming JVM runs.
 */
public final class StreamStatus extends StreamingQueryListener {
  public static final String FILE = "status.json";
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /**
   * @param offsetsBehind Kafka offsets not yet read, the most in any one partition (Kafka sources
   *     only), null when unknown
   * @param state running, stopped or failed
   */
  public record QueryStatus(
      String name,
      String runId,
      String state,
      long batchId,
      String lastBatchAt,
      long batchInputRows,
      double inputRowsPerSecond,
      double processedRowsPerSecond,
      long batchDurationMs,
      Long offsetsBehind,
      long totalInputRows,
      String error) {}

  private final Path file;
  private final Map<String, QueryStatus> queries = new TreeMap<>();
  private final Map<String, Long> totals = new TreeMap<>();

  /**
   * @param folder where the status file goes: {@code IngestConfig.streamStatus()}, a local folder
   *     even when the checkpoints are on S3
   */
  public StreamStatus(Path folder) {
    this.file = folder.resolve(FILE);
  }

  @Override
  public synchronized void onQueryStarted(QueryStartedEvent event) {
    String name = event.name() == null ? event.id().toString() : event.name();
    queries.put(
        name,
        new QueryStatus(
            name,
            event.runId().toString(),
            "running",
            -1,
            null,
            0,
            0,
            0,
            0,
            null,
            totals.getOrDefault(name, 0L),
            null));
    save();
  }

  @Override
  public synchronized void onQueryProgress(QueryProgressEvent event) {
    StreamingQueryProgress progress = event.progress();
    String name = progress.name() == null ? progress.id().toString() : progress.name();
    long total = totals.merge(name, progress.numInputRows(), Long::sum);
    Long behind = null;
    for (SourceProgress source : progress.sources()) {
      String metric = source.metrics().get("maxOffsetsBehindLatest");
      if (metric != null) {
        behind = (behind == null ? 0 : behind) + Long.parseLong(metric);
      }
    }
    Long duration = progress.durationMs().get("triggerExecution");
    queries.put(
        name,
        new QueryStatus(
            name,
            progress.runId().toString(),
            "running",
            progress.batchId(),
            progress.timestamp(),
            progress.numInputRows(),
            finite(progress.inputRowsPerSecond()),
            finite(progress.processedRowsPerSecond()),
            duration == null ? 0 : duration,
            behind,
            total,
            null));
    save();
  }

  @Override
  public void onQueryIdle(QueryIdleEvent event) {}

  @Override
  public synchronized void onQueryTerminated(QueryTerminatedEvent event) {
    queries.replaceAll(
        (name, status) ->
            status.runId().equals(event.runId().toString())
                ? new QueryStatus(
                    status.name(),
                    status.runId(),
                    event.exception().isDefined() ? "failed" : "stopped",
                    status.batchId(),
                    status.lastBatchAt(),
                    status.batchInputRows(),
                    status.inputRowsPerSecond(),
                    status.processedRowsPerSecond(),
                    status.batchDurationMs(),
                    status.offsetsBehind(),
                    status.totalInputRows(),
                    event.exception().isDefined() ? firstLine(event.exception().get()) : null)
                : status);
    save();
  }

  /** The status last written under {@code folder}, with when it was written; empty when none. */
  public static Snapshot read(Path folder) {
    Path path = folder.resolve(FILE);
    if (!Files.exists(path)) {
      return new Snapshot(null, List.of());
    }
    try {
      Map<String, Object> content = JSON.readValue(path.toFile(), new TypeReference<>() {});
      List<QueryStatus> statuses =
          JSON.convertValue(content.get("queries"), new TypeReference<List<QueryStatus>>() {});
      return new Snapshot((String) content.get("written_at"), statuses);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot read the stream status " + path + ": " + e.getMessage(), e);
    }
  }

  public record Snapshot(String writtenAt, List<QueryStatus> queries) {}

  private void save() {
    try {
      Files.createDirectories(file.getParent());
      Path temporary = file.resolveSibling(FILE + ".tmp");
      Map<String, Object> content = new TreeMap<>();
      content.put("written_at", Instant.now().toString());
      content.put("queries", new ArrayList<>(queries.values()));
      JSON.writeValue(temporary.toFile(), content);
      Files.move(
          temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      // Status is informative; a full disk must not stop the stream here (the writes will say so).
      LoggerFactory.getLogger(StreamStatus.class)
          .warn("cannot write stream status {}: {}", file, e.getMessage());
    }
  }

  private static double finite(double value) {
    return Double.isFinite(value) ? value : 0;
  }

  private static String firstLine(String text) {
    int end = text.indexOf('\n');
    return end < 0 ? text : text.substring(0, end);
  }
}
