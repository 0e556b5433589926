package dev.movielake.stream.gold;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.movielake.lakehouse.IcebergStorageManager;
import dev.movielake.lakehouse.maintenance.Procedures;
import dev.movielake.lakehouse.readers.TableReaders;
import dev.movielake.lakehouse.table.WriteOptions;
import dev.movielake.lakehouse.testing.SharedSpark;
import dev.movielake.model.Columns;
import dev.movielake.model.Layer;
import dev.movielake.model.PipelineTable;
import dev.movielake.stream.testing.RowLines;
import dev.movielake.stream.testing.SilverMovieSchema;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Gold maintained from silver's changes equals gold recomputed from all of silver, row for row,
 * after inserts, updates (a movie changing year, genres, language), deletes, a compaction, replays
 * and a crash between two gold tables' commits.
 */
class GoldIncrementalTest {
  private static final StructType MOVIES = SilverMovieSchema.FOR_GOLD;
  private static final StructType CREDITS =
      StructType.fromDDL(
          "credit_key STRING, movie_id BIGINT, person_id BIGINT, person_name STRING,"
              + " credit_type STRING, is_director BOOLEAN, is_lead_role BOOLEAN,"
              + " observed_at TIMESTAMP");
  private static final List<String> GENRES = List.of("Drama", "Comedy", "Action", "Horror");
  private static final Timestamp AT = Timestamp.valueOf("2026-01-01 00:00:00");

  private final IcebergStorageManager storage = SharedSpark.storage("gold_incremental");
  private final Random random = new Random(16);

  private Row movie(long id) {
    List<String> genres = new ArrayList<>();
    for (String genre : GENRES) {
      if (random.nextInt(3) == 0) {
        genres.add(genre);
      }
    }
    return RowFactory.create(
        id,
        random.nextInt(8) == 0 ? null : 2018 + random.nextInt(4),
        CollectionConverters.asScala(genres).toSeq(),
        random.nextInt(100) / 10.0,
        random.nextInt(4) == 0 ? 0 : random.nextInt(500),
        (long) random.nextInt(1_000_000),
        (long) random.nextInt(500_000),
        random.nextInt(10_000) / 100.0,
        80 + random.nextInt(80),
        random.nextInt(6) == 0 ? null : List.of("en", "fr", "ja").get(random.nextInt(3)),
        random.nextInt(5) == 0 ? null : List.of("low", "high").get(random.nextInt(2)));
  }

  private Row credit(long movie, int index) {
    long person = random.nextInt(40);
    boolean director = index == 0;
    return RowFactory.create(
        movie + "-" + index,
        movie,
        person,
        "Person " + person + (random.nextBoolean() ? "" : " Jr."),
        director ? "crew" : "cast",
        director,
        index == 1,
        new Timestamp(AT.getTime() + random.nextInt(1000) * 1000L));
  }

  private void upsertMovies(List<Row> rows) {
    storage.writeToSilver(
        storage.spark().createDataFrame(rows, MOVIES),
        PipelineTable.MOVIES_CLEAN.tableName(),
        WriteOptions.upsert(Columns.MOVIE_ID).partitionedBy("release_year"));
  }

  private void upsertCredits(List<Row> rows) {
    storage.writeToSilver(
        storage.spark().createDataFrame(rows, CREDITS),
        PipelineTable.CREDITS_CLEAN.tableName(),
        WriteOptions.upsert(Columns.CREDIT_KEY).partitionedBy("bucket(8, movie_id)"));
  }

  private void delete(PipelineTable table, String condition) {
    storage
        .spark()
        .sql(
            "DELETE FROM "
                + storage.table(Layer.SILVER, table.tableName()).sql()
                + " WHERE "
                + condition);
  }

  /** Every gold table as sorted lines, against the same aggregates computed from all of silver. */
  private Map<String, List<String>> gold() {
    Map<String, List<String>> tables = new TreeMap<>();
    for (GoldAggregates.Aggregate aggregate : fullRecompute().all()) {
      String[] columns = aggregate.rows().columns();
      tables.put(
          aggregate.table().tableName(),
          RowLines.of(
              storage.readFromLayer(Layer.GOLD, aggregate.table().tableName()), 6, columns));
    }
    return tables;
  }

  private Map<String, List<String>> expected() {
    Map<String, List<String>> tables = new TreeMap<>();
    for (GoldAggregates.Aggregate aggregate : fullRecompute().all()) {
      tables.put(
          aggregate.table().tableName(),
          RowLines.of(aggregate.rows(), 6, aggregate.rows().columns()));
    }
    return tables;
  }

  private GoldAggregates fullRecompute() {
    return new GoldAggregates(
        storage.readFromLayer(Layer.SILVER, PipelineTable.MOVIES_CLEAN.tableName()),
        Optional.of(storage.readFromLayer(Layer.SILVER, PipelineTable.CREDITS_CLEAN.tableName())));
  }

  private long silverSnapshot() {
    return storage
        .loadTable(Layer.SILVER, PipelineTable.MOVIES_CLEAN.tableName())
        .currentSnapshot()
        .snapshotId();
  }

  private static List<String> incrementalTables(GoldRefresh.Result result) {
    return result.tables().stream()
        .filter(GoldRefresh.TableResult::incremental)
        .map(GoldRefresh.TableResult::table)
        .collect(Collectors.toList());
  }

  @Test
  void incrementalRefreshesEqualAFullRecomputeRowForRow() {
    List<Row> movies = new ArrayList<>();
    List<Row> credits = new ArrayList<>();
    for (long id = 1; id <= 120; id++) {
      movies.add(movie(id));
      for (int index = 0; index < 4; index++) {
        credits.add(credit(id, index));
      }
    }
    upsertMovies(movies);
    upsertCredits(credits);
    GoldRefresh refresh = new GoldRefresh(storage, Clock.systemUTC());
    GoldRefresh.Result first = refresh.refresh();
    assertThat(first.writtenTables()).isEqualTo(5);
    assertThat(incrementalTables(first)).as("the first refresh computes everything").isEmpty();
    Map<String, List<String>> initial = gold();
    assertThat(initial).isEqualTo(expected());

    // Round 1: updates (new year, genres, language, rating), inserts, deletes of movies and
    // credits.
    List<Row> changed = new ArrayList<>();
    for (long id = 1; id <= 12; id++) {
      changed.add(movie(id));
    }
    for (long id = 121; id <= 126; id++) {
      changed.add(movie(id));
      credits.add(credit(id, 0));
    }
    upsertMovies(changed);
    upsertCredits(List.of(credit(130, 0), credit(121, 0), credit(5, 2), credit(7, 3)));
    delete(PipelineTable.MOVIES_CLEAN, "movie_id IN (20, 21, 22)");
    delete(PipelineTable.CREDITS_CLEAN, "credit_key IN ('30-1', '31-0')");
    GoldRefresh.Result second = refresh.refresh();
    assertThat(incrementalTables(second)).hasSize(5);
    assertThat(
            new TableReaders()
                .readers(storage.loadTable(Layer.SILVER, PipelineTable.MOVIES_CLEAN.tableName())))
        .as("the snapshot the next refresh reads changes from is kept by expiry")
        .anySatisfy(
            reader -> {
              assertThat(reader.name()).isEqualTo(GoldRefresh.READER);
              assertThat(reader.snapshotId()).isEqualTo(silverSnapshot());
            });
    assertThat(gold()).isEqualTo(expected()).isNotEqualTo(initial);

    // A replay of the same refresh writes nothing.
    assertThat(refresh.refresh().writtenTables()).isZero();

    // Round 2, crashing after the first gold table's commit to its audit branch: the next refresh
    // publishes it and finishes the rest.
    upsertMovies(List.of(movie(40), movie(41), movie(127)));
    delete(PipelineTable.MOVIES_CLEAN, "movie_id = 42");
    GoldRefresh crashing =
        new GoldRefresh(
            storage,
            Clock.systemUTC(),
            (step, table) -> {
              if (step == GoldRefresh.Step.GOLD_WRITTEN) {
                throw new IllegalStateException("crashed after " + table);
              }
            });
    assertThatThrownBy(crashing::refresh).hasMessageContaining("crashed after");
    // Main never had the crashed table's commit: it is published from its branch, with the rest.
    GoldRefresh.Result resumed = refresh.refresh();
    assertThat(resumed.writtenTables()).isEqualTo(5);
    assertThat(incrementalTables(resumed)).hasSize(5);
    assertThat(gold()).isEqualTo(expected());

    // A compaction changes no row: gold records the new sources and stays as it is. A compacted
    // gold table still knows the sources of its rows, from the commit before the compaction.
    Map<String, List<String>> beforeCompaction = gold();
    long beforeRewrite = silverSnapshot();
    compact(Layer.SILVER, PipelineTable.MOVIES_CLEAN);
    compact(Layer.GOLD, PipelineTable.ACTOR_FILMOGRAPHY);
    assertThat(silverSnapshot()).as("the compaction committed").isNotEqualTo(beforeRewrite);
    assertThat(
            storage
                .loadTable(Layer.GOLD, PipelineTable.ACTOR_FILMOGRAPHY.tableName())
                .currentSnapshot()
                .operation())
        .isEqualTo("replace");
    GoldRefresh.Result afterCompaction = refresh.refresh();
    assertThat(incrementalTables(afterCompaction)).hasSize(5);
    assertThat(gold()).isEqualTo(beforeCompaction).isEqualTo(expected());

    // The full rebuild is the reference and agrees.
    GoldRefresh.Result rebuilt = refresh.rebuild();
    assertThat(rebuilt.writtenTables()).isEqualTo(5);
    assertThat(incrementalTables(rebuilt)).isEmpty();
    assertThat(gold()).isEqualTo(beforeCompaction);
  }

  private void compact(Layer layer, PipelineTable table) {
    Procedures.call(
        storage.spark(),
        storage.table(layer, table.tableName()),
        "rewrite_data_files",
        Map.of("options", Procedures.map(Map.of("rewrite-all", "true"))));
  }

  @Test
  void recordedSourcesAreParsedAndUnknownOnesMeanAFullRecompute() {
    assertThat(GoldRefresh.sources("movies_clean@12,credits_clean@34"))
        .contains(Map.of(PipelineTable.MOVIES_CLEAN, 12L, PipelineTable.CREDITS_CLEAN, 34L));
    assertThat(GoldRefresh.sources("movies_clean@x")).isEmpty();
    assertThat(GoldRefresh.sources("nothing@1")).isEmpty();
    assertThat(GoldRefresh.sources(null)).isEmpty();
  }
}
