package dev.movielake.lakehouse.maintenance.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.movielake.lakehouse.IcebergStorageManager;
import dev.movielake.lakehouse.TableName;
import dev.movielake.lakehouse.maintenance.MaintenancePlan.Action;
import dev.movielake.lakehouse.table.TableTurns;
import dev.movielake.lakehouse.table.WriteOptions;
import dev.movielake.lakehouse.testing.SharedSpark;
import dev.movielake.model.Layer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.apache.iceberg.Table;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * The maintenance service on real tables: commits trigger the action their layer's triggers call
 * for, each is logged with trigger, prediction and effect, the rate limit and the table's turn are
 * kept, and a table nobody writes is left alone.
 */
class MaintenanceServiceTest {
  private final SparkSession spark = SharedSpark.session();
  private final IcebergStorageManager storage =
      SharedSpark.storage(
          "service",
          Map.of(
              "MAINTENANCE_MIN_INTERVAL_SECONDS", "60",
              "MAINTENANCE_CHECK_SECONDS", "1",
              "ICEBERG_BRONZE_RETENTION_DAYS", "3"));
  private final MovableClock clock = new MovableClock(Instant.now());

  /** One commit of one single-row file in the day's partition. */
  private void commit(String table, String day) {
    storage.writeToLayer(
        Layer.BRONZE,
        table,
        spark
            .range(0, 1, 1, 1)
            .selectExpr("id AS event_id", "TIMESTAMP '" + day + " 10:00:00' AS ts"),
        WriteOptions.append().partitionedBy("days(ts)"));
  }

  private MaintenanceLog log() {
    return new MaintenanceLog(
        storage.catalog(),
        storage.table(Layer.SILVER, "maintenance_log"),
        List.of("months(started_at)"));
  }

  private MaintenanceService service(List<MaintenanceEntry> acted, List<TableCondition> read) {
    return new MaintenanceService(
        storage.catalog(),
        log(),
        Optional.empty(),
        clock,
        Optional.of(Layer.BRONZE),
        new MaintenanceService.Listener() {
          @Override
          public void checked(TableCondition condition, Table table) {
            read.add(condition);
          }

          @Override
          public void acted(MaintenanceEntry entry) {
            acted.add(entry);
          }
        });
  }

  private MaintenanceService service() {
    return service(new ArrayList<>(), new ArrayList<>());
  }

  @Test
  void smallFilesTriggerACompactionLoggedWithItsPredictionAndEffect() {
    for (int commit = 0; commit < 5; commit++) {
      commit("clicks", "2024-03-01");
    }
    commit("clicks", "2024-03-02");
    List<MaintenanceEntry> acted = new ArrayList<>();
    MaintenanceService service = service(acted, new ArrayList<>());

    List<MaintenanceEntry> actions = service.check();

    assertThat(actions).hasSize(1).isEqualTo(acted);
    MaintenanceEntry compaction = actions.get(0);
    assertThat(compaction.table()).isEqualTo(storage.table(Layer.BRONZE, "clicks").toString());
    assertThat(compaction.action()).isEqualTo(Action.COMPACT);
    assertThat(compaction.trigger()).isEqualTo(Trigger.SMALL_FILES);
    assertThat(compaction.reason()).startsWith("5 small files in partition ts_day=2024-03-01");
    assertThat(compaction.outcome()).isEqualTo(Outcome.DONE);
    assertThat(compaction.before().dataFiles()).isEqualTo(6);
    assertThat(compaction.predicted().dataFiles()).isEqualTo(2);
    assertThat(compaction.after().dataFiles()).isEqualTo(2);
    assertThat(compaction.after().snapshots()).isEqualTo(compaction.before().snapshots() + 1);
    assertThat(storage.readFromLayer(Layer.BRONZE, "clicks").count()).isEqualTo(6);

    // Logged at once, and read back as written.
    assertThat(log().latest(10)).hasSize(1);
    MaintenanceEntry logged = log().latest(10).get(0);
    assertThat(logged.trigger()).isEqualTo(Trigger.SMALL_FILES);
    assertThat(logged.before()).isEqualTo(compaction.before());
    assertThat(logged.after()).isEqualTo(compaction.after());
    assertThat(logged.predicted()).isEqualTo(compaction.predicted());

    // Nothing committed since: the next checks leave the table alone, even past the rate limit.
    clock.advance(Duration.ofMinutes(2));
    assertThat(service.check()).isEmpty();
  }

  @Test
  void theRateLimitKeepsOneActionPerTablePerInterval() {
    for (int commit = 0; commit < 5; commit++) {
      commit("views", "2024-03-01");
    }
    MaintenanceService service = service();
    assertThat(service.check())
        .extracting(MaintenanceEntry::action)
        .containsExactly(Action.COMPACT);

    for (int commit = 0; commit < 5; commit++) {
      commit("views", "2024-03-01");
    }
    clock.advance(Duration.ofSeconds(30));
    assertThat(service.check()).as("within MAINTENANCE_MIN_INTERVAL_SECONDS").isEmpty();

    clock.advance(Duration.ofSeconds(31));
    List<MaintenanceEntry> later = service.check();
    assertThat(later).extracting(MaintenanceEntry::trigger).containsExactly(Trigger.SMALL_FILES);
    assertThat(later.get(0).after().dataFiles()).isEqualTo(1);
  }

  @Test
  void compactionWaitsForTheTurnOfABatchInFlightAndTriesAgain() throws Exception {
    for (int commit = 0; commit < 5; commit++) {
      commit("plays", "2024-03-01");
    }
    TableName table = storage.table(Layer.BRONZE, "plays");
    CountDownLatch taken = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Thread batch =
        new Thread(
            () -> {
              try (TableTurns.Turn turn = TableTurns.take(table)) {
                taken.countDown();
                release.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    batch.start();
    taken.await();
    MaintenanceService service = service();
    try {
      List<MaintenanceEntry> busy = service.check();
      assertThat(busy).extracting(MaintenanceEntry::outcome).containsExactly(Outcome.BUSY);
      assertThat(busy.get(0).after().dataFiles()).isEqualTo(5);
    } finally {
      release.countDown();
      batch.join();
    }

    // No new commit, no time passed: the retry alone brings the table back.
    List<MaintenanceEntry> retried = service.check();
    assertThat(retried).extracting(MaintenanceEntry::outcome).containsExactly(Outcome.DONE);
    assertThat(retried.get(0).after().dataFiles()).isEqualTo(1);
  }

  @Test
  void snapshotsOutlivingTheRetentionAreExpired() {
    commit("shares", "2024-03-01");
    commit("shares", "2024-03-02");
    commit("shares", "2024-03-03");
    MaintenanceService service = service();
    assertThat(service.check()).as("one file per partition, snapshots within retention").isEmpty();

    clock.advance(Duration.ofDays(4));
    List<MaintenanceEntry> actions = service.check();

    assertThat(actions)
        .extracting(MaintenanceEntry::action)
        .containsExactly(Action.EXPIRE_SNAPSHOTS);
    MaintenanceEntry expiry = actions.get(0);
    assertThat(expiry.trigger()).isEqualTo(Trigger.SNAPSHOTS);
    assertThat(expiry.before().snapshots()).isEqualTo(3);
    assertThat(expiry.predicted().snapshots()).isEqualTo(1);
    assertThat(expiry.after().snapshots()).isEqualTo(1);
    assertThat(storage.readFromLayer(Layer.BRONZE, "shares").count()).isEqualTo(3);
  }

  @Test
  void orphanFilesAreMarkedOnTheirScheduleAndDeletedAfterTheGrace() throws Exception {
    commit("downloads", "2024-03-01");
    TableName table = storage.table(Layer.BRONZE, "downloads");
    String location = storage.loadTable(Layer.BRONZE, "downloads").location();
    Path data =
        (location.startsWith("file:") ? Path.of(URI.create(location)) : Path.of(location))
            .resolve("data");
    Path orphan = Files.writeString(data.resolve("failed-write.parquet"), "left by a failed write");
    Files.setLastModifiedTime(orphan, FileTime.from(Instant.now().minus(Duration.ofDays(4))));
    MaintenanceService service =
        new MaintenanceService(
            storage.catalog(),
            log(),
            Optional.of(storage.table(Layer.SILVER, "orphan_files")),
            clock,
            Optional.of(Layer.BRONZE),
            MaintenanceService.Listener.NONE);

    List<MaintenanceEntry> marked = service.check();
    assertThat(marked)
        .extracting(MaintenanceEntry::action)
        .containsExactly(Action.MARK_ORPHAN_FILES);
    assertThat(marked.get(0).trigger()).isEqualTo(Trigger.ORPHAN_SCHEDULE);
    assertThat(marked.get(0).detail()).startsWith("1 unreferenced file(s) found, 1 newly marked");
    assertThat(orphan).exists();

    clock.advance(Duration.ofHours(1));
    assertThat(service.check()).as("marked, in its grace, scanned within the interval").isEmpty();

    clock.advance(Duration.ofHours(48));
    List<MaintenanceEntry> deleted = service.check();
    assertThat(deleted)
        .extracting(MaintenanceEntry::action)
        .containsExactly(Action.DELETE_ORPHAN_FILES);
    assertThat(deleted.get(0).trigger()).isEqualTo(Trigger.ORPHAN_GRACE);
    assertThat(deleted.get(0).detail()).startsWith("1 deleted");
    assertThat(orphan).doesNotExist();
    assertThat(storage.readFromLayer(Layer.BRONZE, "downloads").count()).isEqualTo(1);
    assertThat(table.toString()).isEqualTo(deleted.get(0).table());
  }

  /** A clock the test moves, as time passing between checks. */
  private static final class MovableClock extends Clock {
    private volatile Instant now;

    MovableClock(Instant now) {
      this.now = now;
    }

    void advance(Duration duration) {
      now = now.plus(duration);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
