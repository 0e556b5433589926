package dev.movielake.publish;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;

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
import dev.movielake.publish.Publication.Mode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.util.SnapshotUtil;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes silver and gold tables into the serving collections, as idempotent bulk upserts keyed
 * by natural key. Each collection remembers the Iceberg snapshot it was published from; the next
 * run sends only the rows in data files added since then (Iceberg's snapshot lineage), reading the
 * table at one snapshot so a collection always matches one table version.
 *
 * <p>A full publish happens the first time, with {@code full}, for {@link Mode#REPLACE}
 * collections, and when the published snapshot is no longer an ancestor of the current one
 * (expired, or a rollback): it sends every row and deletes the documents the table no longer has.
 */
public final class Publisher {
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
    for (Publication publication : publications) {
      if (collections.isEmpty() || collections.contains(publication.collection())) {
        CollectionResult result = publish(publication, full);
        progress.accept(result);
        results.add(result);
      }
    }
    return new Result(results, Duration.between(started, clock.instant()));
  }

  public Result publishAll() {
    return publish(Set.of(), false, result -> {});
  }

  private CollectionResult publish(Publication publication, boolean forceFull) {
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
    boolean incremental =
        !forceFull
            && publication.mode() == Mode.INCREMENTAL
            && published.isPresent()
            && SnapshotUtil.isAncestorOf(table, current.snapshotId(), published.get());

    // Said before the slow part, so an operator (and the crash benchmark) can see a publish under
    // way, not only after its first collection is done.
    log.info(
        "Publishing {} from {} at snapshot {} ({})",
        publication.collection(),
        name,
        current.snapshotId(),
        incremental ? "changes only" : "in full");

    // One read at one snapshot; the data file of each row tells what changed since the last
    // publish.
    Dataset<Row> rows =
        storage
            .spark()
            .sql(
                "SELECT *, _file AS _source_file FROM "
                    + name.sql()
                    + " VERSION AS OF "
                    + current.snapshotId());
    Dataset<Row> whole = rows.drop("_source_file");
    Dataset<Row> changed = incremental ? addedSince(rows, table, current, published.get()) : whole;
    Dataset<Row> documents = publication.documents().apply(changed, whole);

    Instant publishedAt = clock.instant();
    Document meta =
        new Document("published_at", Date.from(publishedAt))
            .append("source_table", publication.sourceTable())
            .append("source_snapshot_id", current.snapshotId());
    long written = upsert(database.getCollection(publication.collection()), documents, meta);
    long deleted = 0;
    if (!incremental) {
      // Everything the table has now was just stamped with this snapshot: the rest is gone from it.
      deleted =
          database
              .getCollection(publication.collection())
              .deleteMany(Filters.ne("_meta.source_snapshot_id", current.snapshotId()))
              .getDeletedCount();
    }
    state.record(publication, current.snapshotId(), publishedAt, written, incremental);
    log.info(
        "Published {} documents to {} from {} at snapshot {} ({})",
        written,
        publication.collection(),
        name,
        current.snapshotId(),
        incremental ? "changes only" : "in full");
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
   * The rows, as of {@code current}, of the data files the snapshots after {@code published} added.
   * Silver upserts and gold merges write a changed row into a new file (merge-on-read marks the old
   * one deleted), so these are exactly the new and changed rows, plus the rows a compaction moved,
   * which upserting again leaves as they are.
   */
  private Dataset<Row> addedSince(
      Dataset<Row> rows, Table table, Snapshot current, long published) {
    Set<String> files = new LinkedHashSet<>();
    for (Snapshot snapshot :
        SnapshotUtil.ancestorsBetween(table, current.snapshotId(), published)) {
      for (DataFile file : snapshot.addedDataFiles(table.io())) {
        files.add(file.location());
      }
    }
    Dataset<Row> added =
        storage
            .spark()
            .createDataset(new ArrayList<>(files), Encoders.STRING())
            .toDF("_added_file");
    return rows.join(broadcast(added), col("_source_file").equalTo(col("_added_file")), "left_semi")
        .drop("_source_file");
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
