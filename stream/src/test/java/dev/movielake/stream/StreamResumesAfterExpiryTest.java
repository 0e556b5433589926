package dev.movielake.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.movielake.infra.kafka.EmbeddedKafka;
import dev.movielake.lakehouse.IcebergStorageManager;
import dev.movielake.lakehouse.maintenance.ExpireSnapshots;
import dev.movielake.lakehouse.readers.TableReader;
import dev.movielake.lakehouse.readers.TableReaders;
import dev.movielake.lakehouse.testing.SharedSpark;
import dev.movielake.model.Layer;
import dev.movielake.model.PipelineTable;
import dev.movielake.model.RecordType;
import dev.movielake.stream.testing.RecordFeed;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16's expiry test ({@code stream_resumes_after_expiry}): the silver stream stops, bronze
 * gets more records, bronze is expired with a zero-day policy, and the restarted stream resumes
 * from its checkpoint with nothing lost, because it registered the bronze snapshot it resumes from.
 */
class StreamResumesAfterExpiryTest {
  private static final String READER = "stream.silver_movies";

  @TempDir static Path folder;
  private static EmbeddedKafka broker;
  private static RecordFeed feed;

  @BeforeAll
  static void start() throws Exception {
    broker = EmbeddedKafka.start(folder.resolve("kafka"));
    RecordFeed.createTopics(broker.bootstrapServers());
    feed = new RecordFeed(broker.bootstrapServers());
  }

  @AfterAll
  static void stop() {
    if (feed != null) {
      feed.close();
    }
    if (broker != null) {
      broker.close();
    }
  }

  private static StreamingPipeline pipeline(IcebergStorageManager storage) {
    Map<RecordType, String> topics = new EnumMap<>(RecordType.class);
    for (RecordType type : RecordType.values()) {
      topics.put(type, type.recordType());
    }
    // Five records a batch: bronze gets several snapshots, some older than silver's position.
    return new StreamingPipeline(
            storage,
            broker.bootstrapServers(),
            topics,
            folder.resolve("checkpoints"),
            Clock.systemUTC())
        .withBatchLimits(Map.of(RecordType.MOVIES, 5L));
  }

  private static List<Long> snapshots(Table table) {
    List<Long> ids = new ArrayList<>();
    for (Snapshot snapshot : table.snapshots()) {
      ids.add(snapshot.snapshotId());
    }
    return ids;
  }

  @Test
  void theSilverStreamResumesWithNothingLostAfterBronzeIsExpiredWithAZeroDayPolicy()
      throws Exception {
    IcebergStorageManager storage = SharedSpark.storage("resume_after_expiry");
    String bronze = RecordType.MOVIES.bronzeTable().tableName();
    feed.send(0);
    pipeline(storage)
        .runAvailableNow(EnumSet.of(Layer.BRONZE, Layer.SILVER), EnumSet.of(RecordType.MOVIES));

    // Silver stopped; its checkpoint resumes from bronze's current snapshot, registered as a floor.
    Table afterFirstRun = storage.loadTable(Layer.BRONZE, bronze);
    long floor = afterFirstRun.currentSnapshot().snapshotId();
    assertThat(new TableReaders().readers(afterFirstRun))
        .singleElement()
        .extracting(TableReader::name, TableReader::snapshotId)
        .containsExactly(READER, floor);
    List<Long> beforeFloor = snapshots(afterFirstRun);
    beforeFloor.remove(floor);
    assertThat(beforeFloor).as("bronze snapshots older than silver's position").isNotEmpty();

    // More records reach bronze, in several snapshots, while silver is stopped.
    feed.send(1);
    feed.send(2);
    pipeline(storage).runAvailableNow(EnumSet.of(Layer.BRONZE), EnumSet.of(RecordType.MOVIES));
    List<Long> unread = snapshots(storage.loadTable(Layer.BRONZE, bronze));
    unread.removeAll(beforeFloor);

    // What 'pipeline maintain expire bronze movies_raw --older-than-days 0' runs.
    ExpireSnapshots.Result expiry =
        new ExpireSnapshots(storage.catalog(), storage.table(Layer.BRONZE, bronze))
            .olderThanDays(0)
            .execute();

    assertThat(expiry.expiredSnapshots()).isEqualTo(beforeFloor.size());
    assertThat(expiry.heldBack().orElseThrow().readers()).containsExactly(READER);
    assertThat(snapshots(storage.loadTable(Layer.BRONZE, bronze)))
        .as("the floor and every snapshot after it")
        .containsExactlyInAnyOrderElementsOf(unread)
        .contains(floor);

    // The restart fails the run if the stream cannot resume (runAvailableNow throws).
    pipeline(storage).runAvailableNow(EnumSet.of(Layer.SILVER), EnumSet.of(RecordType.MOVIES));

    List<Long> movies =
        storage
            .readFromLayer(Layer.SILVER, PipelineTable.MOVIES_CLEAN.tableName())
            .select("movie_id")
            .orderBy("movie_id")
            .collectAsList()
            .stream()
            .map(row -> row.getLong(0))
            .toList();
    assertThat(movies)
        .as("every movie of the three waves")
        .containsExactlyElementsOf(
            LongStream.rangeClosed(1, 3L * RecordFeed.MOVIES_PER_WAVE).boxed().toList());
    Table current = storage.loadTable(Layer.BRONZE, bronze);
    assertThat(new TableReaders().readers(current))
        .singleElement()
        .satisfies(
            reader -> {
              assertThat(reader.snapshotId()).isEqualTo(current.currentSnapshot().snapshotId());
              assertThat(reader.snapshotsBehind()).isZero();
            });
  }
}
