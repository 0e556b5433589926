package dev.movielake.lakehouse.maintenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.movielake.lakehouse.IcebergStorageManager;
import dev.movielake.lakehouse.TableName;
import dev.movielake.lakehouse.readers.TableReader;
import dev.movielake.lakehouse.readers.TableReaders;
import dev.movielake.lakehouse.table.ReadOptions;
import dev.movielake.lakehouse.table.WriteOptions;
import dev.movielake.lakehouse.testing.MovieRows;
import dev.movielake.lakehouse.testing.SharedSpark;
import dev.movielake.model.Layer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/** Expiry, the planner, a full run and the report with a reader registered on the table. */
class ExpiryHonoursReadersTest {
  private final SparkSession spark = SharedSpark.session();
  private final IcebergStorageManager storage = SharedSpark.storage("readers");
  private final TableReaders readers = new TableReaders();

  /** Past bronze's 3-day retention. */
  private final Clock later = Clock.fixed(Instant.now().plus(Duration.ofDays(4)), ZoneOffset.UTC);

  /** Five appends of one row each; returns their snapshot ids, oldest first. */
  private List<Long> fiveSnapshots(String table) {
    List<Long> snapshots = new ArrayList<>();
    for (int i = 1; i <= 5; i++) {
      storage.writeToLayer(
          Layer.BRONZE, table, MovieRows.range(spark, i, 1, 2001, 1), WriteOptions.append());
      snapshots.add(storage.loadTable(Layer.BRONZE, table).currentSnapshot().snapshotId());
    }
    return snapshots;
  }

  private List<Long> remaining(String table) {
    List<Long> ids = new ArrayList<>();
    for (Snapshot snapshot : storage.loadTable(Layer.BRONZE, table).snapshots()) {
      ids.add(snapshot.snapshotId());
    }
    return ids;
  }

  @Test
  void zeroDayExpiryKeepsEverySnapshotFromTheReadersFloorOnAndExpiresTheOlderOnes() {
    List<Long> snapshots = fiveSnapshots("events");
    TableName name = storage.table(Layer.BRONZE, "events");
    readers.register(
        storage.loadTable(Layer.BRONZE, "events"), "stream.silver_events", snapshots.get(2));

    ExpireSnapshots.Result result =
        new ExpireSnapshots(storage.catalog(), name).olderThanDays(0).execute();

    assertThat(remaining("events")).containsExactlyInAnyOrderElementsOf(snapshots.subList(2, 5));
    assertThat(result.expiredSnapshots()).isEqualTo(2);
    Table table = storage.loadTable(Layer.BRONZE, "events");
    assertThat(result.olderThan().toEpochMilli())
        .isEqualTo(table.snapshot(snapshots.get(2)).timestampMillis());
    ReaderHold hold = result.heldBack().orElseThrow();
    assertThat(hold.readers()).containsExactly("stream.silver_events");
    assertThat(hold.keptSnapshots())
        .as("the floor and the one after it; the current is kept anyway")
        .isEqualTo(2);
    // The reader can still read from its floor on.
    assertThat(
            storage
                .readFromLayer(Layer.BRONZE, "events", ReadOptions.atSnapshot(snapshots.get(2)))
                .count())
        .isEqualTo(3);

    readers.unregister(table, "stream.silver_events");
    ExpireSnapshots.Result unheld =
        new ExpireSnapshots(storage.catalog(), name).olderThanDays(0).execute();
    assertThat(unheld.heldBack()).isEmpty();
    assertThat(remaining("events")).containsExactly(snapshots.get(4));
    assertThat(storage.readFromLayer(Layer.BRONZE, "events").count()).isEqualTo(5);
  }

  @Test
  void plannerFullRunAndReportKnowTheReaders() {
    List<Long> snapshots = fiveSnapshots("observed");
    Table table = storage.loadTable(Layer.BRONZE, "observed");
    readers.register(table, "publisher", snapshots.get(1));
    readers.register(table, "stream.gold_trending", snapshots.get(3));

    MaintenancePlan.TablePlan plan =
        new MaintenancePlanner(storage.catalog(), later)
            .plan(storage.table(Layer.BRONZE, "observed"));
    MaintenancePlan.PlannedAction expire =
        plan.actions().stream()
            .filter(action -> action.action() == MaintenancePlan.Action.EXPIRE_SNAPSHOTS)
            .findFirst()
            .orElseThrow();
    assertThat(expire.reason())
        .startsWith("1 snapshot(s) older than the")
        .contains("3 more kept for reader(s) publisher, stream.gold_trending");
    assertThat(MaintenancePlanner.expirableSnapshots(table, later.instant())).isEqualTo(1);

    MaintenanceReport report =
        new MaintenanceManager(storage.catalog(), later)
            .generateMaintenanceReport(Optional.of(Layer.BRONZE));
    assertThat(report.readers())
        .singleElement()
        .satisfies(
            entry -> {
              assertThat(entry.table())
                  .isEqualTo(storage.config().database(Layer.BRONZE) + ".observed");
              assertThat(entry.readers())
                  .extracting(TableReader::name, TableReader::snapshotsBehind)
                  .containsExactly(tuple("publisher", 3L), tuple("stream.gold_trending", 1L));
            });

    MaintenanceRun run =
        new MaintenanceManager(storage.catalog(), later)
            .runFullMaintenance(Optional.of(Layer.BRONZE), MaintenanceProgress.NONE);
    MaintenanceRun.TableRun tableRun = run.tables().get(0);
    assertThat(tableRun.succeeded()).as(tableRun.errors().toString()).isTrue();
    // Compaction and the manifest rewrite each committed a snapshot before expiry: of the seven,
    // the oldest is expired, the current kept anyway, the five between kept for the readers.
    assertThat(tableRun.notes().get("expire_snapshots"))
        .isEqualTo("kept 5 snapshot(s) for reader(s) publisher, stream.gold_trending");
    assertThat(remaining("observed"))
        .containsAll(snapshots.subList(1, 5))
        .doesNotContain(snapshots.get(0));
  }
}
