package dev.movielake.stream.gold;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.movielake.lakehouse.IcebergStorageManager;
import dev.movielake.lakehouse.table.WriteOptions;
import dev.movielake.lakehouse.testing.SharedSpark;
import dev.movielake.model.Layer;
import dev.movielake.model.PipelineTable;
import dev.movielake.stream.testing.RowLines;
import dev.movielake.stream.testing.SilverMovieSchema;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import scala.jdk.javaapi.CollectionConverters;

/**
 * A gold refresh interrupted between its commits (gold, then its quality log entry) as a crash
 * would: the next refresh completes the log, exactly once, and the log equals an uninterrupted
 * refresh's.
 */
class GoldRefreshTest {
  private static final StructType MOVIES = SilverMovieSchema.FOR_GOLD;

  /** What a crash does to the refresh: it stops there. */
  private static final class Crash extends RuntimeException {
    Crash(GoldRefresh.Step step, PipelineTable table) {
      super("crashed after " + step + " of " + table);
    }
  }

  private static List<String> uninterrupted;

  @BeforeAll
  static void refreshWithoutCrash() {
    IcebergStorageManager storage = silverMovies("gold_whole");
    new GoldRefresh(storage, Clock.systemUTC()).refresh();
    uninterrupted = qualityLog(storage);
  }

  @Test
  void theUninterruptedLogHasOneEntryPerRuleOfEachCheckedGoldTable() {
    // movies_by_year_genre and genre_summary_by_year have 3 rules each; the language summary none.
    assertThat(uninterrupted).hasSize(6);
    assertThat(uninterrupted)
        .filteredOn(line -> line.startsWith(PipelineTable.MOVIES_BY_YEAR_GENRE.tableName() + "|"))
        .hasSize(3);
  }

  @Test
  void aCrashAfterGoldsCommitLeavesTheLogToTheNextRefreshWhichWritesItOnce() {
    IcebergStorageManager storage = silverMovies("gold_crash_after_write");
    assertThatThrownBy(() -> crashingAfter(storage, GoldRefresh.Step.GOLD_WRITTEN).refresh())
        .isInstanceOf(Crash.class);
    assertThat(storage.tableExists(Layer.GOLD, PipelineTable.MOVIES_BY_YEAR_GENRE.tableName()))
        .isTrue();
    assertThat(qualityLog(storage)).isEmpty();

    GoldRefresh.Result recovery = new GoldRefresh(storage, Clock.systemUTC()).refresh();
    // The crashed table's rows waited on its audit branch: published from there, logged once.
    assertThat(recovery.tables())
        .filteredOn(table -> table.table().equals(PipelineTable.MOVIES_BY_YEAR_GENRE.tableName()))
        .extracting(GoldRefresh.TableResult::written)
        .containsExactly(true);
    assertThat(
            storage
                .loadTable(Layer.GOLD, PipelineTable.MOVIES_BY_YEAR_GENRE.tableName())
                .refs()
                .keySet())
        .containsExactly("main");
    assertThat(qualityLog(storage)).isEqualTo(uninterrupted);

    assertThat(new GoldRefresh(storage, Clock.systemUTC()).refresh().writtenTables()).isZero();
    assertThat(qualityLog(storage)).isEqualTo(uninterrupted);
  }

  @Test
  void aCrashAfterTheLogIsWrittenDoesNotLogTheSameGoldStateTwice() {
    IcebergStorageManager storage = silverMovies("gold_crash_after_log");
    assertThatThrownBy(() -> crashingAfter(storage, GoldRefresh.Step.QUALITY_LOGGED).refresh())
        .isInstanceOf(Crash.class);
    assertThat(qualityLog(storage)).hasSize(3);

    new GoldRefresh(storage, Clock.systemUTC()).refresh();
    new GoldRefresh(storage, Clock.systemUTC()).refresh();
    assertThat(qualityLog(storage)).isEqualTo(uninterrupted);
  }

  @Test
  void aLoggedGoldStateIsNotLoggedAgainAfterTheLogsSnapshotsExpiredNorWhenLoggedWithoutMarks() {
    IcebergStorageManager storage = silverMovies("gold_log_expired");
    new GoldRefresh(storage, Clock.systemUTC()).refresh();
    // Only the newest snapshot of the log is kept: the commits of the earlier entries are gone.
    storage.expireSnapshots(Layer.SILVER, PipelineTable.DATA_QUALITY.tableName(), 0);
    assertThat(storage.loadTable(Layer.SILVER, PipelineTable.DATA_QUALITY.tableName()).snapshots())
        .hasSize(1);
    new GoldRefresh(storage, Clock.systemUTC()).refresh();
    assertThat(qualityLog(storage)).isEqualTo(uninterrupted);

    // As a pipeline logged gold before the tables carried the property: the rows tell.
    for (PipelineTable gold :
        List.of(PipelineTable.MOVIES_BY_YEAR_GENRE, PipelineTable.GENRE_SUMMARY_BY_YEAR)) {
      storage
          .loadTable(Layer.GOLD, gold.tableName())
          .updateProperties()
          .remove(GoldRefresh.QUALITY_LOGGED)
          .commit();
    }
    new GoldRefresh(storage, Clock.systemUTC()).refresh();
    assertThat(qualityLog(storage)).isEqualTo(uninterrupted);
  }

  private static GoldRefresh crashingAfter(IcebergStorageManager storage, GoldRefresh.Step at) {
    return new GoldRefresh(
        storage,
        Clock.systemUTC(),
        (step, table) -> {
          if (step == at) {
            throw new Crash(step, table);
          }
        });
  }

  /** Silver movies of two years, enough for every aggregate that reads only movies. */
  private static IcebergStorageManager silverMovies(String prefix) {
    IcebergStorageManager storage = SharedSpark.storage(prefix);
    List<Row> rows = new ArrayList<>();
    for (int index = 0; index < 6; index++) {
      rows.add(movie(index + 1, 2020, List.of("Drama"), 5.0 + index, "en"));
    }
    rows.add(movie(7, 2021, List.of("Comedy", "Drama"), 11.0, "fr")); // a rating out of range
    rows.add(movie(8, null, List.of("Drama"), 7.0, "en"));
    storage.writeToSilver(
        storage.spark().createDataFrame(rows, MOVIES),
        PipelineTable.MOVIES_CLEAN.tableName(),
        WriteOptions.append());
    return storage;
  }

  private static Row movie(long id, Integer year, List<String> genres, double rating, String lang) {
    return RowFactory.create(
        id,
        year,
        CollectionConverters.asScala(genres).toSeq(),
        rating,
        100,
        1000L * id,
        500L,
        10.0 * id,
        100,
        lang,
        id > 4 ? "high" : "low");
  }

  /** The log's entries without their time, sorted: what two runs can be compared on. */
  private static List<String> qualityLog(IcebergStorageManager storage) {
    if (!storage.tableExists(Layer.SILVER, PipelineTable.DATA_QUALITY.tableName())) {
      return List.of();
    }
    return RowLines.of(
        storage.readFromLayer(Layer.SILVER, PipelineTable.DATA_QUALITY.tableName()),
        4,
        "table_name",
        "rule",
        "checked",
        "passed",
        "pass_rate",
        "overall_score");
  }
}
