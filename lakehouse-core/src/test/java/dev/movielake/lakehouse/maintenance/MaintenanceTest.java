package dev.movielake.lakehouse.maintenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.movielake.lakehouse.IcebergStorageManager;
import dev.movielake.lakehouse.LakehouseException;
import dev.movielake.lakehouse.TableName;
import dev.movielake.lakehouse.table.ReadOptions;
import dev.movielake.lakehouse.table.TableStatistics;
import dev.movielake.lakehouse.table.WriteOptions;
import dev.movielake.lakehouse.testing.MovieRows;
import dev.movielake.lakehouse.testing.SharedSpark;
import dev.movielake.model.Layer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

class MaintenanceTest {
  private final SparkSession spark = SharedSpark.session();
  private final IcebergStorageManager storage = SharedSpark.storage("maintain");

  /** Past every layer's retention (gold keeps 30 days). */
  private final Clock later = Clock.fixed(Instant.now().plus(Duration.ofDays(40)), ZoneOffset.UTC);

  /** One commit per row: the small-file pattern streaming produces. */
  private void smallAppends(Layer layer, String table, long firstId, int commits, int year) {
    for (int i = 0; i < commits; i++) {
      storage.writeToLayer(
          layer,
          table,
          MovieRows.range(spark, firstId + i, 1, year, 1),
          WriteOptions.append().partitionedBy("years(release_date)"));
    }
  }

  private long files(Layer layer, String table) {
    return storage.getTableStatistics(layer, table).files().fileCount();
  }

  @Test
  void compactionAppliesMergeOnReadDeletesSoTheRecordCountStaysExact() {
    smallAppends(Layer.BRONZE, "upserted", 1, 6, 2001);
    // Bronze is merge-on-read (silver and gold are copy-on-write for their change feeds).
    // Upserts of rows 1 and 2: merge-on-read marks the old rows deleted and writes them anew.
    storage.writeToLayer(
        Layer.BRONZE,
        "upserted",
        MovieRows.range(spark, 1, 2, 2001, 1),
        WriteOptions.upsert("movie_id"));
    assertThat(storage.getTableStatistics(Layer.BRONZE, "upserted").deletes().positionDeleteCount())
        .isEqualTo(2);

    storage.compactTable(Layer.BRONZE, "upserted");

    TableStatistics after = storage.getTableStatistics(Layer.BRONZE, "upserted");
    assertThat(after.deletes().deleteFileCount())
        .as("no delete file left pointing at rewritten data")
        .isZero();
    assertThat(after.records().recordCount())
        .isEqualTo(6)
        .isEqualTo(storage.readFromLayer(Layer.BRONZE, "upserted").count());
  }

  @Test
  void binPackCompactionMergesSmallFilesAndKeepsRows() {
    smallAppends(Layer.SILVER, "movies", 1, 8, 2001);
    assertThat(files(Layer.SILVER, "movies")).isEqualTo(8);

    CompactTable.Result result = storage.compactTable(Layer.SILVER, "movies");

    assertThat(result.rewrittenDataFiles()).isEqualTo(8);
    assertThat(result.addedDataFiles()).isEqualTo(1);
    assertThat(result.filesBefore()).isEqualTo(8);
    assertThat(result.filesAfter()).isEqualTo(1);
    assertThat(result.rewrittenBytes()).isPositive();
    assertThat(files(Layer.SILVER, "movies")).isEqualTo(1);
    assertThat(storage.readFromLayer(Layer.SILVER, "movies").count()).isEqualTo(8);
  }

  @Test
  void sortCompactionWithAWhereFilterOnlyTouchesMatchingPartitions() {
    smallAppends(Layer.GOLD, "by_year", 1, 3, 1999);
    smallAppends(Layer.GOLD, "by_year", 100, 3, 2024);
    TableName name = storage.table(Layer.GOLD, "by_year");

    CompactTable.Result result =
        new CompactTable(storage.catalog(), name)
            .sort("movie_id DESC", "title ASC NULLS LAST")
            .where("release_date < '2000-01-01'")
            .minInputFiles(2)
            .execute();

    assertThat(result.strategy()).isEqualTo(CompactTable.Strategy.SORT);
    assertThat(result.rewrittenDataFiles()).isEqualTo(3);
    assertThat(files(Layer.GOLD, "by_year")).isEqualTo(4); // 1 for 1999 + the 3 untouched of 2024
    assertThatThrownBy(
            () -> new CompactTable(storage.catalog(), name).sort("movie_id; DROP TABLE x"))
        .hasMessageContaining("invalid sort field");
    assertThatThrownBy(
            () ->
                new CompactTable(storage.catalog(), name)
                    .where("reflect('java.lang.System', 'exit', 1)"))
        .hasMessageContaining("not allowed");
  }

  @Test
  void expiryKeepsTheCurrentAndEveryTaggedSnapshot() {
    smallAppends(Layer.BRONZE, "events", 1, 4, 2010);
    Table table = storage.loadTable(Layer.BRONZE, "events");
    long tagged = table.snapshots().iterator().next().snapshotId();
    storage.createTag(Layer.BRONZE, "events", "audit_2010", Optional.of(tagged), Optional.empty());

    ExpireSnapshots.Result nothingYet =
        new ExpireSnapshots(storage.catalog(), storage.table(Layer.BRONZE, "events")).execute();
    assertThat(nothingYet.expiredSnapshots()).isZero(); // all younger than bronze's 3 days

    ExpireSnapshots.Result result =
        new ExpireSnapshots(storage.catalog(), storage.table(Layer.BRONZE, "events"))
            .clock(later)
            .execute();

    assertThat(result.snapshotsBefore()).isEqualTo(4);
    assertThat(result.snapshotsAfter()).isEqualTo(2);
    assertThat(result.expiredSnapshots()).isEqualTo(2);
    assertThat(storage.readFromLayer(Layer.BRONZE, "events").count()).isEqualTo(4);
    assertThat(
            storage.readFromLayer(Layer.BRONZE, "events", ReadOptions.atTag("audit_2010")).count())
        .isEqualTo(1);
    assertThatThrownBy(
            () ->
                new ExpireSnapshots(storage.catalog(), storage.table(Layer.BRONZE, "events"))
                    .retainLast(0))
        .hasMessageContaining("at least 1");
  }

  @Test
  void orphanRemovalListsOnDryRunDeletesOldOrphansOnlyAndRefusesUnder24Hours() throws Exception {
    smallAppends(Layer.SILVER, "people", 1, 2, 2005);
    Table table = storage.loadTable(Layer.SILVER, "people");
    Path data = Path.of(table.location(), "data");
    Path old = Files.writeString(data.resolve("orphan-old.parquet"), "left by a failed write");
    old.toFile().setLastModified(Instant.now().minus(Duration.ofDays(5)).toEpochMilli());
    Path fresh = Files.writeString(data.resolve("orphan-fresh.parquet"), "a write in flight");
    TableName name = storage.table(Layer.SILVER, "people");

    RemoveOrphanFiles.Result dryRun =
        new RemoveOrphanFiles(storage.catalog(), name).dryRun(true).execute();
    assertThat(dryRun.orphanFiles()).singleElement().asString().endsWith("orphan-old.parquet");
    assertThat(old).exists();

    RemoveOrphanFiles.Result removed = new RemoveOrphanFiles(storage.catalog(), name).execute();
    assertThat(removed.orphanFiles()).hasSize(1);
    assertThat(old).doesNotExist();
    assertThat(fresh).exists();
    assertThat(storage.readFromLayer(Layer.SILVER, "people").count()).isEqualTo(2);

    assertThatThrownBy(
            () -> new RemoveOrphanFiles(storage.catalog(), name).olderThan(Duration.ofHours(2)))
        .isInstanceOf(LakehouseException.class)
        .hasMessageContaining("younger than 24 hours");
  }

  /**
   * Makes {@code inner} live inside {@code outer}'s location, the layout that lost data in #4265.
   */
  private void nestTable(Layer layer, String outer, String inner) {
    Table outerTable = storage.loadTable(layer, outer);
    storage
        .catalog()
        .iceberg()
        .createTable(
            TableIdentifier.of(storage.config().database(layer), inner),
            outerTable.schema(),
            outerTable.spec(),
            outerTable.location() + "/nested",
            outerTable.properties());
  }

  @Test
  void fullMaintenanceIsolatesAFailingTableAndReportsIt() {
    smallAppends(Layer.GOLD, "healthy", 1, 6, 2001);
    smallAppends(Layer.GOLD, "shared", 100, 2, 2002);
    nestTable(Layer.GOLD, "shared", "squatter");

    MaintenanceRun run =
        new MaintenanceManager(storage.catalog(), later)
            .runFullMaintenance(Optional.of(Layer.GOLD), MaintenanceProgress.NONE);

    assertThat(run.tables())
        .extracting(t -> t.table().table())
        .containsExactly("healthy", "shared", "squatter");
    MaintenanceRun.TableRun healthy = run.tables().get(0);
    assertThat(healthy.succeeded()).isTrue();
    assertThat(healthy.before().orElseThrow().files().fileCount()).isEqualTo(6);
    assertThat(healthy.after().orElseThrow().files().fileCount()).isEqualTo(1);
    assertThat(healthy.expiry().orElseThrow().snapshotsAfter()).isEqualTo(1);
    assertThat(healthy.manifests().orElseThrow().addedManifests()).isPositive();
    assertThat(healthy.orphans().orElseThrow().orphanFiles()).isEmpty();
    MaintenanceRun.TableRun shared = run.tables().get(1);
    assertThat(shared.errors()).containsOnlyKeys("remove_orphan_files");
    assertThat(shared.errors().get("remove_orphan_files")).contains("overlaps the location of");
    assertThat(shared.compaction()).isPresent(); // the other actions still ran
    assertThat(run.failedTables()).isEqualTo(2);
  }

  @Test
  void planPicksOnlyWhatEachTableNeedsAndRunPlanCompactsOnlyCrowdedPartitions() {
    smallAppends(Layer.SILVER, "crowded", 1, 6, 2001); // 6 small files in one partition
    smallAppends(Layer.SILVER, "crowded", 50, 2, 2002); // 2 in another
    smallAppends(Layer.SILVER, "tidy", 100, 2, 2003);

    MaintenanceManager manager = new MaintenanceManager(storage.catalog());
    MaintenancePlan plan = manager.plan(Optional.of(Layer.SILVER));
    MaintenancePlan.TablePlan crowded = plan.tables().get(0);
    assertThat(crowded.table().table()).isEqualTo("crowded");
    assertThat(crowded.actions())
        .extracting(MaintenancePlan.PlannedAction::action)
        .containsExactly(MaintenancePlan.Action.COMPACT);
    assertThat(crowded.actions().get(0).reason())
        .contains("release_date_year=2001")
        .contains("6 small of 6");
    assertThat(plan.tables().get(1).actions()).isEmpty();
    assertThat(files(Layer.SILVER, "crowded")).isEqualTo(8); // planning changed nothing

    MaintenancePlan aged =
        new MaintenanceManager(storage.catalog(), later).plan(Optional.of(Layer.SILVER));
    assertThat(aged.tables().get(1).actions())
        .extracting(MaintenancePlan.PlannedAction::action)
        .containsExactly(
            MaintenancePlan.Action.EXPIRE_SNAPSHOTS, MaintenancePlan.Action.REMOVE_ORPHAN_FILES);

    MaintenanceRun run = manager.runPlan(plan, MaintenanceProgress.NONE);
    assertThat(run.succeeded()).isTrue();
    assertThat(files(Layer.SILVER, "crowded")).isEqualTo(3); // 1 for 2001, the 2 of 2002 untouched
    assertThat(files(Layer.SILVER, "tidy")).isEqualTo(2);
  }

  @Test
  void reportTotalsAreTheSumOfItsTables() {
    smallAppends(Layer.BRONZE, "a", 1, 3, 2001);
    smallAppends(Layer.SILVER, "b", 10, 2, 2002);

    MaintenanceReport report =
        new MaintenanceManager(storage.catalog()).generateMaintenanceReport();

    assertThat(report.totals().tables()).isEqualTo(2);
    assertThat(report.totals().records()).isEqualTo(5);
    assertThat(report.totals().files()).isEqualTo(5);
    assertThat(report.totals().snapshots()).isEqualTo(5);
    assertThat(report.totals().totalSizeBytes())
        .isEqualTo(
            report.tables().stream()
                .mapToLong(statistics -> statistics.files().totalSizeBytes())
                .sum());
    assertThat(
            new MaintenanceManager(storage.catalog())
                .generateMaintenanceReport(Optional.of(Layer.SILVER))
                .tables())
        .singleElement()
        .extracting(TableStatistics::table)
        .isEqualTo(storage.config().database(Layer.SILVER) + ".b");
  }
}
