package dev.movielake.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.movielake.cli.Json;
import dev.movielake.lakehouse.IcebergStorageManager;
import dev.movielake.lakehouse.testing.MovieRows;
import dev.movielake.lakehouse.testing.SharedSpark;
import dev.movielake.model.Layer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrateCommandTest {
  private final SparkSession spark = SharedSpark.session();
  private final IcebergStorageManager storage = SharedSpark.storage("cli_migrate");
  private final PipelineRunner pipeline = new PipelineRunner(new LakehouseContext(storage));
  @TempDir Path temporary;

  private Path parquetFolder(int rows) {
    Path folder = temporary.resolve("movies");
    MovieRows.range(spark, 1, rows, 2015, 5).repartition(2).write().parquet(folder.toString());
    return folder;
  }

  @Test
  void aDryRunSaysWhatItWouldDoThenTheSnapshotRunsAndValidatesAndIsNotRepeated() throws Exception {
    Path source = parquetFolder(120);

    PipelineRunner.Run dryRun =
        pipeline.run(
            "migrate",
            "--from",
            source.toString(),
            "--layer",
            "bronze",
            "--table",
            "movies_raw",
            "--mode",
            "snapshot",
            "--dry-run");
    assertThat(dryRun.exitCode()).as("%s", dryRun).isZero();
    assertThat(dryRun.out())
        .contains(
            "2 Parquet file(s)",
            "120 row(s)",
            "movie_id BIGINT",
            "would create namespace " + storage.table(Layer.BRONZE, "movies_raw").database(),
            "would create table "
                + storage.table(Layer.BRONZE, "movies_raw")
                + " (unpartitioned) with gc.enabled=false",
            "dry run: nothing was changed");
    assertThat(storage.tableExists(Layer.BRONZE, "movies_raw")).isFalse();

    PipelineRunner.Run snapshot =
        pipeline.run(
            "migrate",
            "--from",
            source.toUri().toString(),
            "--layer",
            "bronze",
            "--table",
            "movies_raw",
            "--mode",
            "snapshot",
            "--validate",
            "--json");
    assertThat(snapshot.exitCode()).as("%s", snapshot).isZero();
    JsonNode result = Json.mapper().readTree(snapshot.out());
    assertThat(result.get("mode").asText()).isEqualTo("snapshot");
    assertThat(result.get("sourceRows").asLong()).isEqualTo(120);
    assertThat(result.get("migratedFiles").asLong()).isEqualTo(2);
    assertThat(result.get("tableRowsAfter").asLong()).isEqualTo(120);
    assertThat(result.get("dryRun").asBoolean()).isFalse();
    assertThat(result.get("snapshotId").asLong())
        .isEqualTo(storage.loadTable(Layer.BRONZE, "movies_raw").currentSnapshot().snapshotId());
    JsonNode validation = result.get("validation");
    assertThat(validation.get("matched").asBoolean()).isTrue();
    assertThat(validation.get("sourceChecksum").asText())
        .isEqualTo(validation.get("targetChecksum").asText());
    assertThat(snapshot.err())
        .contains("snapshotting into"); // progress on stderr, data alone on stdout

    PipelineRunner.Run again =
        pipeline.run(
            "migrate",
            "--from",
            source.toString(),
            "--layer",
            "bronze",
            "--table",
            "movies_raw",
            "--mode",
            "migrate");
    assertThat(again.exitCode()).isEqualTo(1);
    assertThat(again.err())
        .contains("error: table " + storage.table(Layer.BRONZE, "movies_raw") + " already exists");
  }

  @Test
  void badArgumentsFailWithTheProblemAndTheFixBeforeSparkStarts() throws Exception {
    LakehouseContext context =
        new LakehouseContext(() -> Map.of("LAKEHOUSE_HOME", temporary.resolve("home").toString()));
    PipelineRunner pipeline = new PipelineRunner(context);
    Path missing = temporary.resolve("nothing_here");
    PipelineRunner.Run run =
        pipeline.run(
            "migrate", "--from", missing.toString(), "--layer", "silver", "--table", "movies");
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).startsWith("error: the Parquet source " + missing + " does not exist");

    PipelineRunner.Run mode =
        pipeline.run(
            "migrate", "--from", ".", "--layer", "silver", "--table", "movies", "--mode", "copy");
    assertThat(mode.exitCode()).isEqualTo(2);
    assertThat(mode.err())
        .contains("unknown migration mode 'copy'; accepted: snapshot, migrate, add-files, rewrite");

    PipelineRunner.Run table =
        pipeline.run("migrate", "--from", ".", "--layer", "silver", "--table", "movies-2020");
    assertThat(table.exitCode()).isEqualTo(1);
    assertThat(table.err()).contains("invalid table name 'movies-2020'");

    // Only the file names count before Spark starts: an empty file stands in for a Parquet file.
    Path folder = Files.createDirectories(temporary.resolve("listed"));
    Files.createFile(folder.resolve("part-00000.parquet"));
    PipelineRunner.Run partition =
        pipeline.run(
            "migrate",
            "--from",
            folder.toString(),
            "--layer",
            "silver",
            "--table",
            "movies",
            "--partition",
            "decades(release_date)");
    assertThat(partition.exitCode()).isEqualTo(1);
    assertThat(partition.err())
        .contains("invalid partition field 'decades(release_date)'; accepted: column, years(col)");
    assertThat(context.isStorageInUse()).isFalse();
  }

  @Test
  void partitionFieldsSplitOnTopLevelCommasOnly() {
    assertThat(MigrateCommand.fields("years(release_date), bucket(16, movie_id),title"))
        .containsExactly("years(release_date)", "bucket(16, movie_id)", "title");
    assertThat(MigrateCommand.fields(null)).isEmpty();
  }
}
