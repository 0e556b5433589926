package dev.movielake.app.cli;

import static dev.movielake.lakehouse.testing.MovieRows.movie;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.movielake.cli.Json;
import dev.movielake.lakehouse.IcebergStorageManager;
import dev.movielake.lakehouse.TableName;
import dev.movielake.lakehouse.maintenance.MarkOrphanFiles;
import dev.movielake.lakehouse.readers.TableReaders;
import dev.movielake.lakehouse.table.WriteOptions;
import dev.movielake.lakehouse.testing.MovieRows;
import dev.movielake.lakehouse.testing.SharedSpark;
import dev.movielake.model.Layer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Table;
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

    // Six small files in one partition, against 5: (6 - 1) / 9 of the small files' 40 points.
    PipelineRunner.Run report = pipeline.run("maintain", "report", "--layer", "bronze", "--json");
    assertThat(report.exitCode()).as("%s", report).isZero();
    JsonNode events = Json.mapper().readTree(report.out()).get("tables").get(0);
    assertThat(events.get("maxSmallFilesPerPartition").asLong()).isEqualTo(6);
    assertThat(events.get("healthScore").asInt()).isBetween(70, 78);
    JsonNode worst = events.get("healthDeductions").get(0);
    assertThat(worst.get("input").asText()).isEqualTo("small_files");
    assertThat(worst.get("pointsLost").asDouble()).isEqualTo(22.2);
    assertThat(worst.get("reason").asText()).isEqualTo("6 small files in the table (limit 5)");
    PipelineRunner.Run reportText = pipeline.run("maintain", "report", "--layer", "bronze");
    assertThat(reportText.out())
        .contains("HEALTH", "POINTS LOST")
        .containsPattern(
            "events\\s+"
                + events.get("healthScore").asInt()
                + "\\s+22\\.20\\s+6 small files in the"
                + " table \\(limit 5\\)");

    PipelineRunner.Run compact = pipeline.run("maintain", "compact", "bronze", "events");
    assertThat(compact.exitCode()).as("%s", compact).isZero();
    assertThat(compact.out()).contains("data files 6 -> 1");
    assertThat(storage.getTableStatistics(Layer.BRONZE, "events").files().fileCount()).isEqualTo(1);
    assertThat(storage.readFromLayer(Layer.BRONZE, "events").count()).isEqualTo(6);

    // Orphan removal's first phase runs on its own schedule: never scanned, so due.
    PipelineRunner.Run planAfter = pipeline.run("maintain", "plan", "--layer", "bronze");
    assertThat(planAfter.out())
        .containsPattern("events\\s+MARK_ORPHAN_FILES\\s+not scanned for unreferenced files yet")
        .contains("1 action(s) planned for 1 of 1 table(s)");
    PipelineRunner.Run marked = pipeline.run("maintain", "orphans", "bronze", "events", "--mark");
    assertThat(marked.exitCode()).as("%s", marked).isZero();
    PipelineRunner.Run planScanned = pipeline.run("maintain", "plan", "--layer", "bronze");
    assertThat(planScanned.out()).contains("(none)", "0 action(s) planned for 0 of 1 table(s)");
    assertThat(storage.getTableStatistics(Layer.BRONZE, "events").health().healthScore())
        .as("one file left: only the manifests and snapshots of seven commits cost a little")
        .isGreaterThanOrEqualTo(95);
  }

  @Test
  void orphansAreMarkedFirstAndDeletedOnlyAfterTheGrace() throws Exception {
    appendSingleRows(Layer.SILVER, "orphaned", 1);
    Path data = localPath(storage.loadTable(Layer.SILVER, "orphaned").location()).resolve("data");
    Path orphan =
        Files.writeString(data.resolve("left-by-a-failed-write.parquet"), "not referenced");
    Files.setLastModifiedTime(orphan, FileTime.from(Instant.now().minus(Duration.ofDays(5))));
    Path inFlight = Files.writeString(data.resolve("write-in-flight.parquet"), "being written");
    TableName marks = storage.table(Layer.SILVER, "orphan_files");

    PipelineRunner.Run dryRun =
        pipeline.run("maintain", "orphans", "silver", "orphaned", "--dry-run");
    assertThat(dryRun.exitCode()).as("%s", dryRun).isZero();
    assertThat(dryRun.out())
        .containsPattern("left-by-a-failed-write\\.parquet\\s+would be marked")
        .contains("dry run: nothing was marked, deleted or recorded")
        .doesNotContain("write-in-flight");
    assertThat(storage.catalog().tableExists(marks)).isFalse();

    PipelineRunner.Run both = pipeline.run("maintain", "orphans", "silver", "orphaned");
    assertThat(both.exitCode()).as("%s", both).isZero();
    assertThat(both.out())
        .contains("TABLE", "FOUND", "MARKED", "WAITING", "DELETED", "KEPT", "GONE", "FREED")
        .containsPattern("orphaned\\s+1\\s+1\\s+1\\s+0\\s+0\\s+0\\s+0 B\\s+ok")
        .containsPattern("left-by-a-failed-write\\.parquet\\s+marked")
        .contains("1 table(s): 1 file(s) marked, 0 deleted (0 B), 1 waiting for their grace");
    assertThat(orphan).as("marked, not deleted: the grace has not passed").exists();

    // A second orphan marked three days ago, as an earlier run would have.
    Path older = Files.writeString(data.resolve("marked-days-ago.parquet"), "older");
    Files.setLastModifiedTime(older, FileTime.from(Instant.now().minus(Duration.ofDays(6))));
    new MarkOrphanFiles(storage.catalog(), storage.table(Layer.SILVER, "orphaned"), marks)
        .clock(Clock.fixed(Instant.now().minus(Duration.ofDays(3)), ZoneOffset.UTC))
        .execute();

    PipelineRunner.Run deleted =
        pipeline.run("maintain", "orphans", "silver", "orphaned", "--delete", "--json");
    assertThat(deleted.exitCode()).as("%s", deleted).isZero();
    JsonNode run = Json.mapper().readTree(deleted.out());
    assertThat(run.get("marksTable").get("table").asText()).isEqualTo("orphan_files");
    JsonNode table = run.get("tables").get(0);
    assertThat(table.get("marking").isNull()).isTrue();
    JsonNode deletion = table.get("deletion");
    assertThat(deletion.get("deleted")).hasSize(1);
    assertThat(deletion.get("deleted").get(0).asText()).endsWith("marked-days-ago.parquet");
    assertThat(deletion.get("waiting").asInt()).isEqualTo(1);
    assertThat(deletion.get("bytesFreed").asLong()).isEqualTo(5);
    assertThat(older).doesNotExist();
    assertThat(orphan).exists();
    assertThat(inFlight).exists();
    assertThat(storage.readFromLayer(Layer.SILVER, "orphaned").count()).isEqualTo(1);

    PipelineRunner.Run tooYoung =
        pipeline.run("maintain", "orphans", "silver", "orphaned", "--older-than-days", "0");
    assertThat(tooYoung.exitCode()).isEqualTo(1);
    assertThat(tooYoung.err())
        .startsWith("error: refusing to remove orphan files younger than 24 hours");

    PipelineRunner.Run missing = pipeline.run("maintain", "orphans", "silver", "nowhere");
    assertThat(missing.exitCode()).isEqualTo(1);
    assertThat(missing.err()).contains("nowhere");

    PipelineRunner.Run help = pipeline.run("maintain", "orphans", "--help");
    assertThat(help.out())
        .contains(
            "[LAYER]",
            "[TABLE]",
            "--mark",
            "--delete",
            "--dry-run",
            "1. Mark",
            "2. Delete",
            "ICEBERG_ORPHAN_FILE_AGE_DAYS",
            "ICEBERG_ORPHAN_GRACE_HOURS");
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

    // Two small files are under min-input-files, so the plan only scans for orphans (never
    // scanned yet), and that phase refuses the overlapping locations as well.
    PipelineRunner.Run planned = pipeline.run("maintain", "all", "--layer", "gold", "--planned");
    assertThat(planned.exitCode()).as("%s", planned).isEqualTo(1);
    assertThat(planned.err()).contains("maintenance: 2 step(s)", ": mark orphan files");
    assertThat(planned.out())
        .containsPattern(
            "top_movies\\s+-\\s+-\\s+-\\s+-\\s+\\d+\\.\\d KB\\s+failed: mark_orphan_files:"
                + " refusing to mark orphan files")
        .contains("2 table(s) maintained");

    PipelineRunner.Run report = pipeline.run("maintain", "report", "--layer", "gold");
    assertThat(report.exitCode()).as("%s", report).isZero();
    assertThat(report.out()).containsPattern("TOTAL \\(2 tables\\)\\s+-\\s+2\\s+2\\s+2\\s");
  }

  @Test
  void readersAreListedReportedKeptByExpiryAndUnregistered() throws Exception {
    appendSingleRows(Layer.BRONZE, "watched", 3);
    Table watched = storage.loadTable(Layer.BRONZE, "watched");
    long first = watched.snapshots().iterator().next().snapshotId();
    new TableReaders().register(watched, "stream.silver_watched", first);

    PipelineRunner.Run listed = pipeline.run("maintain", "readers", "--json");
    assertThat(listed.exitCode()).as("%s", listed).isZero();
    JsonNode tables = Json.mapper().readTree(listed.out());
    assertThat(tables).hasSize(1);
    assertThat(tables.get(0).get("table").asText())
        .isEqualTo(storage.config().database(Layer.BRONZE) + ".watched");
    JsonNode reader = tables.get(0).get("readers").get(0);
    assertThat(reader.get("name").asText()).isEqualTo("stream.silver_watched");
    assertThat(reader.get("snapshotId").asLong()).isEqualTo(first);
    assertThat(reader.get("snapshotsBehind").asLong()).isEqualTo(2);
    assertThat(reader.get("snapshotExists").asBoolean()).isTrue();

    PipelineRunner.Run report = pipeline.run("maintain", "report", "--layer", "bronze");
    assertThat(report.exitCode()).as("%s", report).isZero();
    assertThat(report.out())
        .contains("READER", "SNAPSHOTS BEHIND", "TIME BEHIND")
        .containsPattern(
            "watched\\s+stream\\.silver_watched\\s+" + first + "\\s+\\S+\\s+2\\s+\\d+ s\\s+ok");

    PipelineRunner.Run reportJson =
        pipeline.run("maintain", "report", "--layer", "bronze", "--json");
    JsonNode reported = Json.mapper().readTree(reportJson.out()).get("readers");
    assertThat(reported.get(0).get("readers").get(0).get("name").asText())
        .isEqualTo("stream.silver_watched");
    assertThat(reported.get(0).get("readers").get(0).get("snapshotsBehind").asLong()).isEqualTo(2);

    PipelineRunner.Run expire =
        pipeline.run("maintain", "expire", "bronze", "watched", "--older-than-days", "0");
    assertThat(expire.exitCode()).as("%s", expire).isZero();
    assertThat(expire.out())
        .contains(
            "expired 0 snapshot(s)", "kept 2 snapshot(s) for reader(s) stream.silver_watched");

    PipelineRunner.Run unregistered =
        pipeline.run(
            "maintain",
            "readers",
            "--unregister",
            "bronze",
            "watched",
            "stream.silver_watched",
            "--json");
    assertThat(unregistered.exitCode()).as("%s", unregistered).isZero();
    assertThat(Json.mapper().readTree(unregistered.out()).get("unregistered").asText())
        .isEqualTo("stream.silver_watched");
    assertThat(new TableReaders().readers(storage.loadTable(Layer.BRONZE, "watched"))).isEmpty();
    assertThat(pipeline.run("maintain", "readers").out())
        .contains("no table has a registered reader");

    PipelineRunner.Run again =
        pipeline.run(
            "maintain", "readers", "--unregister", "bronze", "watched", "stream.silver_watched");
    assertThat(again.exitCode()).isEqualTo(1);
    assertThat(again.err())
        .contains("no reader 'stream.silver_watched' is registered on", "it has no reader");
    PipelineRunner.Run badLayer =
        pipeline.run("maintain", "readers", "--unregister", "brass", "watched", "x");
    assertThat(badLayer.exitCode()).isEqualTo(2);
    assertThat(badLayer.err()).contains("--unregister", "brass");

    new TableReaders().register(storage.loadTable(Layer.BRONZE, "watched"), "publisher", first);
    PipelineRunner.Run human =
        pipeline.run("maintain", "readers", "--unregister", "bronze", "watched", "publisher");
    assertThat(human.out())
        .contains("unregistered reader publisher from", "expiry no longer keeps snapshots for it");

    PipelineRunner.Run expireAll =
        pipeline.run("maintain", "expire", "bronze", "watched", "--older-than-days", "0");
    assertThat(expireAll.out()).contains("expired 2 snapshot(s)").doesNotContain("kept");

    PipelineRunner.Run help = pipeline.run("maintain", "readers", "--help");
    assertThat(help.out()).contains("--unregister=LAYER TABLE READER", "--json");
  }
}
