package dev.movielake.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.movielake.cli.Json;
import dev.movielake.lakehouse.IcebergStorageManager;
import dev.movielake.lakehouse.table.WriteOptions;
import dev.movielake.lakehouse.testing.SharedSpark;
import dev.movielake.model.PipelineTable;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import scala.jdk.javaapi.CollectionConverters;

class GoldCommandTest {
  private static final StructType MOVIES =
      StructType.fromDDL(
          "movie_id BIGINT, release_year INT, genre_names ARRAY<STRING>, vote_average DOUBLE,"
              + " vote_count INT, revenue BIGINT, budget BIGINT, popularity DOUBLE, runtime INT,"
              + " language STRING, popularity_tier STRING");

  private final IcebergStorageManager storage = SharedSpark.storage("cli_gold");
  private final PipelineRunner pipeline = new PipelineRunner(new LakehouseContext(storage));

  private void upsert(Row... movies) {
    storage.writeToSilver(
        storage.spark().createDataFrame(List.of(movies), MOVIES),
        PipelineTable.MOVIES_CLEAN.tableName(),
        WriteOptions.upsert("movie_id"));
  }

  private static Row movie(long id, int year, String genre, double rating) {
    return RowFactory.create(
        id,
        year,
        CollectionConverters.asScala(List.of(genre)).toSeq(),
        rating,
        10,
        1000L,
        500L,
        1.5,
        90,
        "en",
        "low");
  }

  @Test
  void refreshWritesChangesOnlyAfterTheFirstRunAndRebuildRecomputesEverything() throws Exception {
    PipelineRunner.Run empty = pipeline.run("gold", "refresh");
    assertThat(empty.exitCode()).as("%s", empty).isZero();
    assertThat(empty.out()).contains("silver has no movies yet");

    upsert(movie(1, 2020, "Drama", 7), movie(2, 2021, "Comedy", 6));
    PipelineRunner.Run first = pipeline.run("gold", "refresh", "--json");
    assertThat(first.exitCode()).as("%s", first).isZero();
    JsonNode tables = Json.mapper().readTree(first.out()).get("tables");
    assertThat(tables).hasSize(3); // no credits yet: no filmographies
    assertThat(tables.findValues("incremental")).allMatch(value -> !value.asBoolean());

    upsert(movie(2, 2022, "Comedy", 6.5));
    PipelineRunner.Run changes = pipeline.run("gold", "refresh");
    assertThat(changes.exitCode()).as("%s", changes).isZero();
    assertThat(changes.out())
        .containsPattern("gold\\.movies_by_year_genre\\s+changes only\\s+2\\s+movies_clean@\\d+")
        .contains("3 of 3 tables written");

    PipelineRunner.Run unchanged = pipeline.run("gold", "refresh");
    assertThat(unchanged.out()).contains("up to date").contains("0 of 3 tables written");

    PipelineRunner.Run rebuild = pipeline.run("gold", "rebuild");
    assertThat(rebuild.exitCode()).as("%s", rebuild).isZero();
    assertThat(rebuild.out()).contains("in full").contains("3 of 3 tables written");
  }
}
