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
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * {@code maintain auto --once} runs what the triggers call for and logs it; {@code maintain report}
 * then shows the action and why.
 */
class MaintainAutoCommandTest {
  private final SparkSession spark = SharedSpark.session();
  private final IcebergStorageManager storage = SharedSpark.storage("cli_auto");
  private final PipelineRunner pipeline = new PipelineRunner(new LakehouseContext(storage));

  @Test
  void onceRunsTheTriggeredCompactionAndTheReportSaysWhy() throws Exception {
    for (int id = 1; id <= 6; id++) {
      storage.writeToLayer(
          Layer.BRONZE,
          "events",
          MovieRows.of(spark, movie(id, "Movie " + id, "2001-01-01", 5, 0, 1)).coalesce(1),
          WriteOptions.append());
    }

    PipelineRunner.Run once =
        pipeline.run("maintain", "auto", "--once", "--layer", "bronze", "--json");
    assertThat(once.exitCode()).as("%s", once).isZero();
    JsonNode actions = Json.mapper().readTree(once.out());
    assertThat(actions).hasSize(1);
    assertThat(actions.get(0).get("action").asText()).isEqualTo("COMPACT");
    assertThat(actions.get(0).get("trigger").asText()).isEqualTo("SMALL_FILES");
    assertThat(actions.get(0).get("outcome").asText()).isEqualTo("DONE");
    assertThat(storage.getTableStatistics(Layer.BRONZE, "events").files().fileCount()).isEqualTo(1);

    // With its own action done, the table's first orphan scan comes (one table a pass).
    PipelineRunner.Run again = pipeline.run("maintain", "auto", "--once", "--layer", "bronze");
    assertThat(again.out())
        .containsPattern(
            "mark orphan files\\s+orphan_schedule: not scanned for unreferenced files yet")
        .contains("1 action(s)");
    PipelineRunner.Run idle = pipeline.run("maintain", "auto", "--once", "--layer", "bronze");
    assertThat(idle.out()).contains("0 action(s): nothing is due");

    PipelineRunner.Run report = pipeline.run("maintain", "report", "--layer", "bronze", "--json");
    assertThat(report.exitCode()).as("%s", report).isZero();
    JsonNode logged = Json.mapper().readTree(report.out()).get("lastActions");
    assertThat(logged).hasSize(2);
    assertThat(logged.get(0).get("action").asText())
        .as("newest first")
        .isEqualTo("MARK_ORPHAN_FILES");
    JsonNode compaction = logged.get(1);
    assertThat(compaction.get("reason").asText())
        .isEqualTo("6 small files in the table (trigger: 5)");
    assertThat(compaction.get("before").get("dataFiles").asLong()).isEqualTo(6);
    assertThat(compaction.get("after").get("dataFiles").asLong()).isEqualTo(1);

    PipelineRunner.Run text = pipeline.run("maintain", "report", "--layer", "bronze");
    assertThat(text.out())
        .contains("Last actions of the maintenance service")
        .containsPattern(
            "compact\\s+small_files: 6 small files in the table \\(trigger: 5\\)\\s+done")
        .contains("6 -> 1 (predicted 1)");
  }
}
