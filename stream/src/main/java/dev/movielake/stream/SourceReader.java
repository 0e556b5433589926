package dev.movielake.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.movielake.lakehouse.IcebergStorageManager;
import dev.movielake.lakehouse.TableName;
import dev.movielake.lakehouse.readers.TableReaders;
import java.io.IOException;
import java.util.OptionalLong;
import java.util.UUID;
import org.apache.spark.sql.streaming.SourceProgress;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryListener;
import org.apache.spark.sql.streaming.StreamingQueryProgress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers a streaming query as a reader of the Iceberg table it reads ({@link TableReaders}),
 * under {@code stream.<query name>}, so expiry keeps what its checkpoint resumes from: after each
 * micro-batch, the snapshot of the batch's end offset ({@code {"version":1,"snapshot_id":...}}),
 * which is where the next batch (or a restart) begins. A progress event is reported after the batch
 * is in the checkpoint's commit log, so the floor never runs ahead of the checkpoint; it may lag
 * (events are delivered asynchronously), which only keeps more.
 *
 * <p>Follows one run of one query: listens until the query terminates, and {@link #catchUp} applies
 * the query's last progress once it has stopped, so a run-once batch has registered before it
 * returns. A failed registration is logged, never thrown: it must not stop the stream.
 */
public final class SourceReader extends StreamingQueryListener {
  private static final Logger LOG = LoggerFactory.getLogger(SourceReader.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What every stream's reader name starts with. */
  public static final String PREFIX = "stream.";

  private final IcebergStorageManager storage;
  private final StreamingQuery query;
  private final UUID runId;
  private final TableName source;
  private final String reader;
  private long lastBatch = -1;

  private SourceReader(IcebergStorageManager storage, StreamingQuery query, TableName source) {
    this.storage = storage;
    this.query = query;
    this.runId = query.runId();
    this.source = source;
    this.reader = name(query);
  }

  /**
   * Starts registering {@code query}'s position on {@code source}; a batch that finished before
   * this call is taken from the query's last progress.
   */
  public static SourceReader follow(
      IcebergStorageManager storage, StreamingQuery query, TableName source) {
    SourceReader follower = new SourceReader(storage, query, source);
    storage.spark().streams().addListener(follower);
    follower.catchUp();
    if (!query.isActive()) {
      storage.spark().streams().removeListener(follower);
    }
    return follower;
  }

  /** The reader name of a query: {@code stream.} and its name, the same across restarts. */
  public static String name(StreamingQuery query) {
    String name = query.name() == null ? query.id().toString() : query.name();
    return TableReaders.requireName(PREFIX + name);
  }

  public String reader() {
    return reader;
  }

  /** Registers the query's last reported batch, if not done yet: for a query that has stopped. */
  public void catchUp() {
    StreamingQueryProgress last = query.lastProgress();
    if (last != null) {
      record(last);
    }
  }

  @Override
  public void onQueryStarted(QueryStartedEvent event) {}

  @Override
  public void onQueryProgress(QueryProgressEvent event) {
    if (runId.equals(event.progress().runId())) {
      record(event.progress());
    }
  }

  @Override
  public void onQueryIdle(QueryIdleEvent event) {}

  @Override
  public void onQueryTerminated(QueryTerminatedEvent event) {
    if (runId.equals(event.runId())) {
      storage.spark().streams().removeListener(this);
    }
  }

  private synchronized void record(StreamingQueryProgress progress) {
    // Events and catchUp may arrive out of order: an older batch never moves the floor back.
    if (progress.batchId() < lastBatch) {
      return;
    }
    lastBatch = progress.batchId();
    for (SourceProgress sourceProgress : progress.sources()) {
      OptionalLong snapshot = snapshotId(sourceProgress.endOffset());
      if (snapshot.isEmpty()) {
        continue;
      }
      try {
        if (new TableReaders().register(storage.loadTable(source), reader, snapshot.getAsLong())) {
          LOG.debug("{} registered at snapshot {} of {}", reader, snapshot.getAsLong(), source);
        }
      } catch (RuntimeException e) {
        LOG.warn(
            "{} could not register snapshot {} of {}: {}; expiry may remove what it needs",
            reader,
            snapshot.getAsLong(),
            source,
            e.getMessage());
      }
    }
  }

  /**
   * The snapshot id of an Iceberg streaming offset; empty for other sources and for the start
   * offset of an empty table (snapshot -1).
   */
  static OptionalLong snapshotId(String offset) {
    if (offset == null || offset.isBlank()) {
      return OptionalLong.empty();
    }
    try {
      JsonNode snapshot = JSON.readTree(offset).get("snapshot_id");
      return snapshot != null && snapshot.canConvertToLong() && snapshot.asLong() >= 0
          ? OptionalLong.of(snapshot.asLong())
          : OptionalLong.empty();
    } catch (IOException e) {
      return OptionalLong.empty();
    }
  }
}
