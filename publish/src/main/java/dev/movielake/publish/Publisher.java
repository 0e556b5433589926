package dev.movielake.publish;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.WriteModel;
import dev.movielake.lakehouse.IcebergStorageManager;
import dev.movielake.lakehouse.TableName;
import dev.movielake.lakehouse.TableNotFoundException;
import dev.movielake.lakehouse.change.ChangeFeedUnavailableException;
import dev.movielake.lakehouse.change.ChangeRange;
import dev.movielake.lakehouse.change.TableChanges;
import dev.movielake.lakehouse.readers.TableReaders;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes silver and gold tables into the serving collections, as idempotent bulk upserts keyed
 * by natural key. Each collection remembers the Iceberg snapshot it was published from; the next
 * run reads the table's change feed since then ({@link TableChanges}): the inserted and updated
 * rows are upserted, the deleted ones lose their documents, and a compaction or an expiry, which
 * change no row, sends nothing. The whole table is read at the one snapshot published, so a
 * collection always matches one table version.
 *
 * <p>A full publish happens the first time, with {@code full}, and when the change feed since the
 * published snapshot cannot be read (expired, a rollback in between, a merge-on-read commit): it
 * sends every row and deletes the documents the table no longer has.
 */
public final class Publisher {
  /** Each collection registers as {@code publish.<collection>} on its source table. */
  public static final String READER_PREFIX = "publish.";

  private static final Logger log = LoggerFactory.getLogger(Publisher.class);
  private final IcebergStorageManager storage;
  private final MongoDatabase database;
  private final PublishState state;
  private final Clock clock;
  private final List<Publication> publications;
  private final int batchSize;

  public Publisher(IcebergStorageManager storage, MongoDatabase database, Clock clock) {
    this(storage, database, clock, Publications.all(), 1_000);
  }

  Publisher(
      IcebergStorageManager storage,
      MongoDatabase database,
      Clock clock,
      List<Publication> publications,
      int batchSize) {
    this.storage = storage;
    this.database = database;
    this.state = new PublishState(database);
    this.clock = clock;
    this.publications = List.copyOf(publications);
    this.batchSize = batchSize;
  }

  /** What one publish did, per collection. */
  public record Result(List<CollectionResult> collections, Duration duration) {
    public Result {
      collections = List.copyOf(collections);
    }

    public long documents() {
      return collections.stream().mapToLong(CollectionResult::documents).sum();
    }
  }

  /**
   * @param outcome {@code published}, {@code unchanged} (same snapshot as last time) or {@code
   *     missing} (the source table does not exist yet)
   * @param incremental whether only changes were sent
   * @param deleted documents removed because a full publish no longer found their row
   */
  public record CollectionResult(
      String collection,
      String sourceTable,
      String outcome,
      Optional<Long> snapshotId,
      boolean incremental,
      long documents,
      long deleted,
      Duration duration) {}

  public Result publish(
      Set<String> collections, boolean full, Consumer<CollectionResult> progress) {
    Instant started = clock.instant();
    ServingIndexes.ensure(database);
    List<CollectionResult> results = new ArrayList<>();
    // Collections made from one table (movies and movie_metrics) usually share its watermark: its
    // change feed is read once and kept for the run.
    Map<String, TableChanges> feeds = new HashMap<>();
    try {
      for (Publication publication : publications) {
        if (collections.isEmpty() || collections.contains(publication.collection())) {
          CollectionResult result = publish(publication, full, feeds);
          progress.accept(result);
          results.add(result);
        }
      }
    } finally {
      feeds.values().forEach(changes -> changes.rows().unpersist());
    }
    return new Result(results, Duration.between(started, clock.instant()));
  }

  public Result publishAll() {
    return publish(Set.of(), false, result -> {});
  }

  private CollectionResult publish(
      Publication publication, boolean forceFull, Map<String, TableChanges> feeds) {
    Instant started = clock.instant();
    TableName name = storage.table(publication.source().layer(), publication.source().tableName());
    Table table;
    try {
      table = storage.loadTable(name);
    } catch (TableNotFoundException e) {
      table = null;
    }
    Snapshot current = table == null ? null : table.currentSnapshot();
    if (current == null) {
      return new CollectionResult(
          publication.collection(),
          publication.sourceTable(),
          "missing",
          Optional.empty(),
          false,
          0,
          0,
          Duration.between(started, clock.instant()));
    }
    Optional<Long> published = state.snapshotId(publication.collection());
    if (!forceFull && published.isPresent() && published.get() == current.snapshotId()) {
      return new CollectionResult(
          publication.collection(),
          publication.sourceTable(),
          "unchanged",
          Optional.of(current.snapshotId()),
          true,
          0,
          0,
          Duration.between(started, clock.instant()));
    }
    Optional<TableChanges> changes =
        forceFull || published.isEmpty()
            ? Optional.empty()
            : changesSince(publication, name, published.get(), current.snapshotId(), feeds);
    boolean incremental = changes.isPresent();

    // Said before the slow part, so an operator (and the crash benchmark) can see a publish under
    // way, not only after its first collection is done.
    log.info(
        "Publishing {} from {} at snapshot {} ({})",
        publication.collection(),
        name,
        current.snapshotId(),
        incremental ? "changes only" : "in full");

    Dataset<Row> whole =
        storage
            .spark()
            .sql("SELECT * FROM " + name.sql() + " VERSION AS OF " + current.snapshotId());
    Instant publishedAt = clock.instant();
    Document meta =
        new Document("published_at", Date.from(publishedAt))
            .append("source_table", publication.sourceTable())
            .append("source_snapshot_id", current.snapshotId());
    MongoCollection<Document> collection = database.getCollection(publication.collection());
    long written;
    long deleted;
    if (incremental) {
      Changed changed = publishChanges(publication, changes.get(), whole, collection, meta);
      written = changed.written();
      deleted = changed.deleted();
    } else {
      written = upsert(collection, publication.documents().apply(whole, whole), meta);
      // Everything the table has now was just stamped with this snapshot: the rest is gone from it.
      deleted =
          collection
              .deleteMany(Filters.ne("_meta.source_snapshot_id", current.snapshotId()))
              .getDeletedCount();
    }
    state.record(publication, current.snapshotId(), publishedAt, written, incremental);
    registerAsReader(publication, table, current.snapshotId());
    log.info(
        "Published {} documents to {} from {} at snapshot {} ({}{})",
        written,
        publication.collection(),
        name,
        current.snapshotId(),
        incremental ? "changes only" : "in full",
        deleted > 0 ? ", " + deleted + " deleted" : "");
    return new CollectionResult(
        publication.collection(),
        publication.sourceTable(),
        "published",
        Optional.of(current.snapshotId()),
        incremental,
        written,
        deleted,
        Duration.between(started, clock.instant()));
  }

  /**
   * Tells the source table that this collection's next publish reads its changes since {@code
   * snapshot}, so expiry keeps it. A registration that fails is logged: the collection is then
   * published in full once the snapshot expired.
   */
  private void registerAsReader(Publication publication, Table table, long snapshot) {
    try {
      new TableReaders(clock).register(table, READER_PREFIX + publication.collection(), snapshot);
    } catch (RuntimeException e) {
      log.warn(
          "{} could not register as a reader of {} at snapshot {}: {}",
          publication.collection(),
          publication.sourceTable(),
          snapshot,
          e.getMessage());
    }
  }

  /** The table's changes since the published snapshot, or empty when it must be sent in full. */
  private Optional<TableChanges> changesSince(
      Publication publication,
      TableName name,
      long published,
      long current,
      Map<String, TableChanges> feeds) {
    String range = name + "@" + published + ".." + current;
    TableChanges known = feeds.get(range);
    if (known != null) {
      return Optional.of(known);
    }
    try {
      TableChanges changes =
          storage.changes(
              name.layer(),
              name.table(),
              ChangeRange.after(published).to(current),
              publication.source().key());
      if (!changes.unchanged()) {
        changes.rows().persist(StorageLevel.MEMORY_AND_DISK()); // marks the feed's own Dataset
      }
      feeds.put(range, changes);
      return Optional.of(changes);
    } catch (ChangeFeedUnavailableException e) {
      log.info(
          "{} is published in full: the changes of {} since snapshot {} cannot be read ({})",
          publication.collection(),
          name,
          published,
          e.getMessage());
      return Optional.empty();
    }
  }

  private record Changed(long written, long deleted) {}

  /**
   * Sends one change feed: documents of the inserted and updated rows (or of the groups a change
   * touched) are upserted, documents of deleted rows (or of groups left empty) are deleted. Sent
   * again after a crash, it writes the same documents and deletes the same ids: nothing doubles.
   */
  private Changed publishChanges(
      Publication publication,
      TableChanges changes,
      Dataset<Row> whole,
      MongoCollection<Document> collection,
      Document meta) {
    if (changes.unchanged()) {
      return new Changed(0, 0); // only compactions since: no row changed
    }
    Dataset<Row> documents;
    Dataset<Row> gone;
    if (publication.mode() == Publication.Mode.ROWS) {
      documents = publication.documents().apply(changes.afterImages(), whole);
      gone = publication.documents().apply(changes.deleted(), whole).select("_id");
    } else {
      Dataset<Row> touched = changes.images();
      documents =
          publication.documents().apply(touched, whole).persist(StorageLevel.MEMORY_AND_DISK());
      gone =
          touched
              .select(publication.groupId().orElseThrow().as("_id"))
              .distinct()
              .except(documents.select("_id"));
    }
    try {
      return new Changed(upsert(collection, documents, meta), delete(collection, gone));
    } finally {
      documents.unpersist();
    }
  }

  private long delete(MongoCollection<Document> collection, Dataset<Row> ids) {
    long deleted = 0;
    List<Object> batch = new ArrayList<>(batchSize);
    Iterator<Row> rows = ids.toLocalIterator();
    while (rows.hasNext()) {
      batch.add(RowDocuments.toDocument(rows.next()).get("_id"));
      if (batch.size() == batchSize) {
        deleted += collection.deleteMany(Filters.in("_id", batch)).getDeletedCount();
        batch.clear();
      }
    }
    if (!batch.isEmpty()) {
      deleted += collection.deleteMany(Filters.in("_id", batch)).getDeletedCount();
    }
    return deleted;
  }

  private long upsert(MongoCollection<Document> collection, Dataset<Row> documents, Document meta) {
    long written = 0;
    List<WriteModel<Document>> batch = new ArrayList<>(batchSize);
    ReplaceOptions upsert = new ReplaceOptions().upsert(true);
    // toLocalIterator runs one job per partition, in turn: a table of many small files would make
    // hundreds of tiny jobs, so the rows are first gathered into as many partitions as there are
    // cores.
    int partitions = Math.max(1, documents.sparkSession().sparkContext().defaultParallelism());
    Iterator<Row> rows = documents.coalesce(partitions).toLocalIterator();
    while (rows.hasNext()) {
      Document document = RowDocuments.toDocument(rows.next());
      document.append("_meta", meta);
      batch.add(new ReplaceOneModel<>(Filters.eq("_id", document.get("_id")), document, upsert));
      if (batch.size() == batchSize) {
        collection.bulkWrite(batch, new BulkWriteOptions().ordered(false));
        written += batch.size();
        batch.clear();
      }
    }
    if (!batch.isEmpty()) {
      collection.bulkWrite(batch, new BulkWriteOptions().ordered(false));
      written += batch.size();
    }
    return written;
  }
}
