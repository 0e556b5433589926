package dev.movielake.app.cli;

import static dev.movielake.lakehouse.testing.MovieRows.movie;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.movielake.cli.Json;
import dev.movielake.lakehouse.IcebergStorageManager;
import dev.movielake.lakehouse.table.WriteOptions;
import dev.movielake.lakehouse.testing.MovieRows;
import dev.movielake.lakehouse.testing.SharedSpark;
import dev.movielake.model.Layer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.spark.SparkSchemaUtil;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

class MaintainCommandTest {
  private final SparkSession spark = SharedSpark.session();
  private final IcebergStorageManager storage = SharedSpark.storage("cli_maintain");
  private final PipelineRunner pipeline = new PipelineRunner(new LakehouseContext(storage));

  /** One file per append: six small files in one (unpartitioned) partition. */
  private void appendSingleRows(Layer layer, String table, int appends) {
    for (int id = 1; id <= appends; id++) {
      storage.writeToLayer(
          layer,
          table,
          MovieRows.of(spark, movie(id, "Movie " + id, "2001-01-01", 5, 0, 1)).coalesce(1),
          WriteOptions.append());
    }
  }

  private static Path localPath(String location) {
    return location.startsWith("file:") ? Path.of(URI.create(location)) : Path.of(location);
  }

  @Test
  void planFindsSmallFilesAndCompactionMergesThem() throws Exception {
    appendSingleRows(Layer.BRONZE, "events", 6);
    assertThat(storage.getTableStatistics(Layer.BRONZE, "events").files().fileCount()).isEqualTo(6);

    PipelineRunner.Run plan = pipeline.run("maintain", "plan", "--layer", "bronze", "--json");
    assertThat(plan.exitCode()).as("%s", plan).isZero();
    JsonNode tables = Json.mapper().readTree(plan.out()).get("tables");
    assertThat(tables).hasSize(1);
    assertThat(tables.get(0).get("actions").findValuesAsText("action")).contains("COMPACT");
    // planning changes nothing
    assertThat(storage.getTableStatistics(Layer.BRONZE, "events").files().fileCount()).isEqualTo(6);

    PipelineRunner.Run compact = pipeline.run("maintain", "compact", "bronze", "events");
    assertThat(compact.exitCode()).as("%s", compact).isZero();
    assertThat(compact.out()).contains("data files 6 -> 1");
    assertThat(storage.getTableStatistics(Layer.BRONZE, "events").files().fileCount()).isEqualTo(1);
    assertThat(storage.readFromLayer(Layer.BRONZE, "events").count()).isEqualTo(6);

    PipelineRunner.Run planAfter = pipeline.run("maintain", "plan", "--layer", "bronze");
    assertThat(planAfter.out()).contains("(none)", "0 action(s) planned for 0 of 1 table(s)");
  }

  @Test
  void orphanDryRunListsTheFileAndDeletesNothing() throws Exception {
    appendSingleRows(Layer.SILVER, "orphaned", 1);
    Path data = localPath(storage.loadTable(Layer.SILVER, "orphaned").location()).resolve("data");
    Path orphan =
        Files.writeString(data.resolve("left-by-a-failed-write.parquet"), "not referenced");
    Files.setLastModifiedTime(orphan, FileTime.from(Instant.now().minus(Duration.ofDays(5))));

    PipelineRunner.Run dryRun =
        pipeline.run(
            "maintain", "orphans", "silver", "orphaned", "--older-than-days", "1", "--dry-run");
    assertThat(dryRun.exitCode()).as("%s", dryRun).isZero();
    assertThat(dryRun.out())
        .contains(
            "would delete 1 orphan file(s)",
            "left-by-a-failed-write.parquet",
            "nothing was deleted");
    assertThat(orphan).exists();
    assertThat(storage.readFromLayer(Layer.SILVER, "orphaned").count()).isEqualTo(1);

    PipelineRunner.Run tooYoung =
        pipeline.run("maintain", "orphans", "silver", "orphaned", "--older-than-days", "0");
    assertThat(tooYoung.exitCode()).isEqualTo(1);
    assertThat(tooYoung.err())
        .startsWith("error: refusing to remove orphan files younger than 24 hours");
    assertThat(orphan).exists();
  }

  @Test
  void maintainAllFinishesEveryTableAndFailsWhenOneFailed() throws Exception {
    appendSingleRows(Layer.GOLD, "top_movies", 2);
    // A table inside another's location: orphan removal must refuse both, the rest still runs.
    String location = storage.loadTable(Layer.GOLD, "top_movies").location();
    storage
        .catalog()
        .iceberg()
        .createTable(
            TableIdentifier.of(storage.config().database(Layer.GOLD), "nested"),
            SparkSchemaUtil.convert(MovieRows.SCHEMA),
            PartitionSpec.unpartitioned(),
            location + "/nested",
            Map.of());

    PipelineRunner.Run failing = pipeline.run("maintain", "all", "--layer", "gold", "--json");
    assertThat(failing.exitCode()).as("%s", failing).isEqualTo(1);
    assertThat(failing.err()).contains("[1/8] ", ": compact", "[8/8] ", ": remove orphan files");
    JsonNode run = Json.mapper().readTree(failing.out());
    assertThat(run.get("tables")).hasSize(2);
    assertThat(run.get("tables").findValues("errors"))
        .allSatisfy(
            errors ->
                assertThat(errors.get("remove_orphan_files").asText())
                    .startsWith("refusing to remove orphan files"));
    JsonNode topMovies = run.get("tables").get(1);
    assertThat(topMovies.get("table").get("table").asText()).isEqualTo("top_movies");
    assertThat(topMovies.get("compaction").get("filesBefore").asLong())
        .isEqualTo(2); // ran before the failure
    assertThat(topMovies.get("expiry").isNull()).isFalse();

    // Two small files are under min-input-files, so the plan has nothing to run.
    PipelineRunner.Run planned = pipeline.run("maintain", "all", "--layer", "gold", "--planned");
    assertThat(planned.exitCode()).as("%s", planned).isZero();
    assertThat(planned.err()).contains("maintenance: 0 step(s)");
    assertThat(planned.out())
        .containsPattern("top_movies\\s+-\\s+-\\s+-\\s+-\\s+\\d+\\.\\d KB\\s+ok")
        .contains("2 table(s) maintained");

    PipelineRunner.Run report = pipeline.run("maintain", "report", "--layer", "gold");
    assertThat(report.exitCode()).as("%s", report).isZero();
    assertThat(report.out()).containsPattern("TOTAL \\(2 tables\\)\\s+-\\s+2\\s+2\\s+2\\s");
  }
}
