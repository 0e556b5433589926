package dev.movielake.stream.silver;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.from_json;
import static org.apache.spark.sql.functions.get_json_object;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;

import dev.movielake.lakehouse.IcebergStorageManager;
import dev.movielake.lakehouse.table.Partitioning;
import dev.movielake.lakehouse.table.WriteOptions;
import dev.movielake.model.Columns;
import dev.movielake.model.Layer;
import dev.movielake.model.PipelineTable;
import dev.movielake.model.RecordType;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Referential consistency in silver: the credits and reviews of a held movie are held with it in
 * {@code silver.quarantine} (rule {@value #RULE}), and released with it.
 *
 * <p>A movie is <em>held</em> when silver quarantined it and {@code movies_clean} does not have it.
 * A movie silver already has keeps its credits and reviews even when a later version of it is
 * quarantined: silver keeps its last good version, so what refers to it stays true. Credits of a
 * movie that never arrived are not held (it may still come, and nothing says it is bad): they go to
 * silver, and move to the hold if their movie then arrives quarantined.
 *
 * <p>Every step is decided from the tables' state, not from a batch's marks, so a replayed batch
 * and two streams racing (the movies stream quarantining a movie while the credits stream writes
 * its credits) converge: each silver batch of movies, credits and reviews ends with {@link
 * #reconcile} for the movies it touched, after its own commits, so whichever commits last sees the
 * other's rows. Rows move with two commits, added where they go before they are removed where they
 * were, by identity (key and Kafka position), so a crash between the two leaves a copy that the
 * replay's reconcile removes, and nothing is lost.
 */
public final class MovieHold {
  /** The quarantine reason of a row held with its movie. */
  public static final String RULE = "movie_quarantined";

  /** Snapshot summary key of the commits that hold rows: the batch that held them. */
  public static final String HOLD_MARK = "movielake.silver.hold";

  /** Snapshot summary key of the commits that release rows: the batch that released them. */
  public static final String RELEASE_MARK = "movielake.silver.release";

  /** The record types whose rows refer to a movie and are held with it. */
  public static final List<RecordType> HELD_TYPES = List.of(RecordType.CREDITS, RecordType.REVIEWS);

  private static final String MOVIE_ID = Columns.MOVIE_ID;

  /** A held row's record, as the quarantine keeps it: JSON. */
  private static final StructType RECORD = StructType.fromDDL("record STRING");

  private final IcebergStorageManager storage;
  private final Quarantine quarantine;

  public MovieHold(IcebergStorageManager storage) {
    this.storage = storage;
    this.quarantine = new Quarantine(storage);
  }

  /** Rows moved by one step: into the hold, and out of it into silver. */
  public record Moved(long held, long released) {
    Moved plus(Moved other) {
      return new Moved(held + other.held, released + other.released);
    }
  }

  /** Accepted rows split: those silver may take, and how many were held instead. */
  public record Split(Dataset<Row> free, long held) {}

  public static boolean heldWithMovie(RecordType type) {
    return HELD_TYPES.contains(type);
  }

  /**
   * Of the given movies, the held ones: quarantined, and not in {@code movies_clean}. Few in
   * practice (blank titles, impossible years), so they are returned as a list.
   *
   * @param movieIds rows with a {@code movie_id} column
   */
  public List<Long> heldMovies(Dataset<Row> movieIds) {
    Dataset<Row> quarantinedMovies =
        quarantine
            .quarantined(RecordType.MOVIES)
            .where(col("record_key").isNotNull())
            .select(col("record_key").cast(DataTypes.LongType).as(MOVIE_ID));
    Dataset<Row> held =
        movieIds
            .select(col(MOVIE_ID).cast(DataTypes.LongType).as(MOVIE_ID))
            .where(col(MOVIE_ID).isNotNull())
            .distinct()
            .join(quarantinedMovies, MOVIE_ID, "left_semi");
    if (storage.tableExists(Layer.SILVER, PipelineTable.MOVIES_CLEAN.tableName())) {
      held = held.join(silverMovies(), MOVIE_ID, "left_anti");
    }
    return held.collectAsList().stream().map(row -> row.getLong(0)).sorted().toList();
  }

  /**
   * Holds the accepted rows (credits or reviews) whose movie is held, before they reach silver.
   *
   * @return the rows silver may take, and how many were held
   */
  public Split withoutHeld(RecordType type, Dataset<Row> accepted, String batch) {
    List<Long> held = heldMovies(accepted);
    if (held.isEmpty()) {
      return new Split(accepted, 0);
    }
    // The accepted rows passed movie_id_present, so no row is lost to a null comparison.
    Column ofHeldMovie = col(MOVIE_ID).isin(held.toArray());
    Dataset<Row> rows = accepted.where(ofHeldMovie);
    quarantine.hold(type, rows, RULE, batch, HOLD_MARK);
    return new Split(accepted.where(not(ofHeldMovie)), rows.count());
  }

  /**
   * Brings the given movies' credits and reviews in line with the movies: silver rows of a held
   * movie move into the hold, held rows of a movie silver now has move into silver. Idempotent.
   *
   * @param movieIds rows with a {@code movie_id} column: the movies a batch touched
   * @param batch written into the commits' summaries, to trace a move to its batch
   */
  public Moved reconcile(Dataset<Row> movieIds, String batch) {
    long held = 0;
    List<Long> heldMovies = heldMovies(movieIds);
    if (!heldMovies.isEmpty()) {
      for (RecordType type : HELD_TYPES) {
        held += holdFromSilver(type, heldMovies, batch);
      }
    }
    return new Moved(held, release(movieIds, batch));
  }

  /**
   * {@link #reconcile} for every movie the quarantine knows: after a movie was fixed by hand in
   * {@code movies_clean}, or to check the whole catalog.
   */
  public Moved reconcileAll(String batch) {
    Dataset<Row> movieIds =
        quarantine
            .quarantined(RecordType.MOVIES)
            .select(col("record_key").cast(DataTypes.LongType).as(MOVIE_ID));
    for (RecordType type : HELD_TYPES) {
      movieIds =
          movieIds.union(
              quarantine
                  .held(type, RULE)
                  .select(
                      get_json_object(col("record"), "$." + MOVIE_ID)
                          .cast(DataTypes.LongType)
                          .as(MOVIE_ID)));
    }
    return reconcile(movieIds, batch);
  }

  /** Moves the silver rows of held movies into the hold: added there first, then removed here. */
  private long holdFromSilver(RecordType type, List<Long> heldMovies, String batch) {
    PipelineTable table = type.requireSilverTable();
    if (!storage.tableExists(Layer.SILVER, table.tableName())) {
      return 0;
    }
    Dataset<Row> inSilver =
        storage
            .readFromLayer(Layer.SILVER, table.tableName())
            .where(col(MOVIE_ID).isin(heldMovies.toArray()));
    // Collected, so the rows removed are exactly the rows held, whatever silver receives meanwhile.
    List<Row> rows = inSilver.collectAsList();
    if (rows.isEmpty()) {
      return 0;
    }
    Dataset<Row> moving = storage.spark().createDataFrame(rows, inSilver.schema());
    quarantine.hold(type, moving, RULE, batch, HOLD_MARK);
    // By key and Kafka position: a newer version upserted since stays, for its batch to hold.
    storage.writeToSilver(
        moving,
        table.tableName(),
        WriteOptions.deleteMatching(table.keyColumn(), "source_partition", "source_offset")
            .withCommitProperties(Map.of(HOLD_MARK, batch)));
    return rows.size();
  }

  /**
   * Moves held rows whose movie silver now has into silver: upserted there first (an older held
   * version never overwrites a newer one), then removed from the hold. One scan of the hold finds
   * them for every held type: most batches find none.
   */
  private long release(Dataset<Row> movieIds, String batch) {
    if (!storage.tableExists(Layer.SILVER, PipelineTable.MOVIES_CLEAN.tableName())) {
      return 0;
    }
    Dataset<Row> releasable =
        quarantine
            .held(RULE)
            .select(
                col("record_type"),
                col("record"),
                get_json_object(col("record"), "$." + MOVIE_ID)
                    .cast(DataTypes.LongType)
                    .as(MOVIE_ID))
            .join(
                movieIds.select(col(MOVIE_ID).cast(DataTypes.LongType).as(MOVIE_ID)).distinct(),
                MOVIE_ID,
                "left_semi")
            .join(silverMovies(), MOVIE_ID, "left_semi");
    List<Row> rows = releasable.collectAsList();
    long released = 0;
    for (RecordType type : HELD_TYPES) {
      List<Row> records =
          rows.stream()
              .filter(row -> type.recordType().equals(row.getAs("record_type")))
              .map(row -> RowFactory.create((Object) row.getAs("record")))
              .toList();
      if (!records.isEmpty()) {
        release(type, records, batch);
        released += records.size();
      }
    }
    return released;
  }

  private void release(RecordType type, List<Row> records, String batch) {
    PipelineTable table = type.requireSilverTable();
    Dataset<Row> released =
        storage
            .spark()
            .createDataFrame(records, RECORD)
            .select(from_json(col("record"), silverShape(type)).as("row"))
            .select("row.*");
    storage.writeToSilver(
        released,
        table.tableName(),
        WriteOptions.upsert(table.keyColumn())
            .latestBy(Columns.OBSERVED_AT)
            .partitionedBy(Partitioning.of(table.partitioning()))
            .withCommitProperties(Map.of(RELEASE_MARK, batch)));
    quarantine.remove(
        released.select(
            lit(table.tableName()).as("table_name"),
            col(table.keyColumn()).cast(DataTypes.StringType).as("record_key"),
            col("source_partition"),
            col("source_offset")),
        RELEASE_MARK,
        batch);
  }

  private Dataset<Row> silverMovies() {
    return storage
        .readFromLayer(Layer.SILVER, PipelineTable.MOVIES_CLEAN.tableName())
        .select(col(MOVIE_ID));
  }

  /**
   * The silver table's columns, read back from a held row's JSON: the table's own (columns added by
   * schema evolution included), or what the cleaner makes when the table does not exist yet (every
   * row of it was held so far).
   */
  private StructType silverShape(RecordType type) {
    PipelineTable table = type.requireSilverTable();
    if (storage.tableExists(Layer.SILVER, table.tableName())) {
      return storage.readFromLayer(Layer.SILVER, table.tableName()).schema();
    }
    // The date only feeds computed ages, which do not change the columns.
    return SilverBatchWriter.cleaned(
            type, SilverBatchWriter.emptyBronze(storage, type), LocalDate.EPOCH)
        .schema();
  }
}
