package dev.movielake.lakehouse.maintenance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.movielake.lakehouse.IcebergStorageManager;
import dev.movielake.lakehouse.SqlLiteral;
import dev.movielake.lakehouse.table.WriteOptions;
import dev.movielake.lakehouse.testing.SharedSpark;
import dev.movielake.model.Layer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * Maintenance leaves the partitions a stream is writing alone: partitions committed to within the
 * window are excluded from compaction by a filter, and a table that cannot be filtered that way
 * waits for a later run. Commit times are real, so the test moves the maintenance clock instead.
 */
class HotPartitionsTest {
  private static final Duration WINDOW = Duration.ofMinutes(60);

  private final SparkSession spark = SharedSpark.session();
  private final IcebergStorageManager storage =
      SharedSpark.storage("hot", Map.of("ICEBERG_COMPACTION_HOT_PARTITION_MINUTES", "60"));

  /**
   * One commit of {@code files} one-row files, all in the partition of that day / genre / month.
   */
  private void appends(String table, String partitioning, int files, String day, String genre) {
    storage.writeToLayer(
        Layer.BRONZE,
        table,
        spark
            .range(0, files, 1, files)
            .selectExpr(
                "id AS event_id",
                "TIMESTAMP '" + day + " 10:00:00' AS ts",
                SqlLiteral.of(genre) + " AS genre",
                "DATE '" + day + "' AS release_date"),
        WriteOptions.append()
            .partitionedBy(partitioning.isEmpty() ? new String[0] : partitioning.split(";")));
  }

  private long lastCommitMillis(String table) {
    return storage.loadTable(Layer.BRONZE, table).currentSnapshot().timestampMillis();
  }

  private Map<String, Long> filesPerPartition(String table) {
    Map<String, Long> files = new TreeMap<>();
    for (Row row :
        spark
            .sql(
                "SELECT partition, file_count FROM "
                    + storage.table(Layer.BRONZE, table).sql()
                    + ".`partitions`")
            .collectAsList()) {
      files.put(row.getStruct(0).toString(), (long) row.getInt(1));
    }
    return files;
  }

  private MaintenanceRun.TableRun maintain(String table, Instant now) {
    MaintenanceManager manager =
        new MaintenanceManager(storage.catalog(), Clock.fixed(now, ZoneOffset.UTC));
    MaintenancePlan plan =
        new MaintenancePlan(
            now,
            List.of(
                new MaintenancePlan.TablePlan(
                    storage.table(Layer.BRONZE, table),
                    List.of(
                        new MaintenancePlan.PlannedAction(
                            MaintenancePlan.Action.COMPACT, "test")))));
    MaintenanceRun run = manager.runPlan(plan, MaintenanceProgress.NONE);
    assertThat(run.succeeded()).as("%s", run).isTrue();
    return run.tables().get(0);
  }

  @Test
  void compactionRewritesColdDayPartitionsAndLeavesTheHotOneToTheStream() throws Exception {
    appends("events", "days(ts)", 6, "2020-01-01", "drama");
    long coldCommit = lastCommitMillis("events");
    Thread.sleep(20);
    appends("events", "days(ts)", 6, "2020-01-02", "drama");
    assertThat(filesPerPartition("events").values()).containsExactly(6L, 6L);

    // An hour after the first day's last commit: that day is cold, the second day is still hot.
    MaintenanceRun.TableRun run =
        maintain("events", Instant.ofEpochMilli(coldCommit).plus(WINDOW).plusMillis(1));

    assertThat(run.notes().get("compact")).startsWith("1 of 2 partition(s) left to the stream");
    assertThat(filesPerPartition("events"))
        .containsExactly(Map.entry("[2020-01-01]", 1L), Map.entry("[2020-01-02]", 6L));
    assertThat(storage.readFromLayer(Layer.BRONZE, "events").count()).isEqualTo(12);

    // Later, when the stream has moved on, the second day is compacted too.
    MaintenanceRun.TableRun later =
        maintain(
            "events", Instant.ofEpochMilli(lastCommitMillis("events")).plus(WINDOW).plusSeconds(1));
    assertThat(later.notes()).isEmpty();
    assertThat(filesPerPartition("events").values()).containsExactly(1L, 1L);
  }

  @Test
  void identityAndMonthPartitionsAreToldApartByTheirSourceColumns() throws Exception {
    String partitioning = "genre;months(release_date)";
    appends("by_genre", partitioning, 5, "2001-01-15", "drama");
    appends("by_genre", partitioning, 5, "2001-02-15", "it's");
    long coldCommit = lastCommitMillis("by_genre");
    Thread.sleep(20);
    appends("by_genre", partitioning, 5, "2001-01-20", "comedy");

    MaintenanceRun.TableRun run =
        maintain("by_genre", Instant.ofEpochMilli(coldCommit).plus(WINDOW).plusMillis(1));

    assertThat(run.notes().get("compact")).startsWith("1 of 3 partition(s) left to the stream");
    assertThat(filesPerPartition("by_genre"))
        .containsExactly(
            Map.entry("[comedy,372]", 5L),
            Map.entry("[drama,372]", 1L),
            Map.entry("[it's,373]", 1L));
  }

  /** One commit of {@code files} one-row files at {@code time}, a wall-clock time of the column. */
  private void timestamps(String table, String type, String partitioning, int files, String time) {
    storage.writeToLayer(
        Layer.BRONZE,
        table,
        spark
            .range(0, files, 1, files)
            .selectExpr("id AS event_id", type + " '" + time + "' AS at"),
        WriteOptions.append().partitionedBy(partitioning));
  }

  /**
   * Spark hands a partition value of a timestamp without zone over as a {@code LocalDateTime}, of a
   * timestamp with zone as an {@code Instant} or {@code Timestamp}: both kinds are told apart by
   * hour, day and identity, and only the cold partitions are rewritten.
   */
  @Test
  void timestampPartitionsWithAndWithoutZoneAreCompactedColdOnly() throws Exception {
    // days() of a timestamp with zone is covered above.
    List<List<String>> cases =
        List.of(
            List.of("TIMESTAMP_NTZ", "hours(at)"),
            List.of("TIMESTAMP_NTZ", "days(at)"),
            List.of("TIMESTAMP_NTZ", "at"),
            List.of("TIMESTAMP", "hours(at)"));
    for (List<String> kind : cases) {
      String type = kind.get(0);
      String partitioning = kind.get(1);
      String table =
          "at_" + type.toLowerCase(Locale.ROOT) + "_" + partitioning.replaceAll("[^a-z]", "");
      timestamps(table, type, partitioning, 5, "2020-01-01 10:00:00");
      long coldCommit = lastCommitMillis(table);
      Thread.sleep(20);
      timestamps(table, type, partitioning, 5, "2020-01-02 11:00:00");

      MaintenanceRun.TableRun run =
          maintain(table, Instant.ofEpochMilli(coldCommit).plus(WINDOW).plusMillis(1));

      assertThat(run.notes().get("compact"))
          .as("%s %s", type, partitioning)
          .startsWith("1 of 2 partition(s) left to the stream");
      assertThat(filesPerPartition(table).values())
          .as("%s %s: the cold partition compacted, the hot one untouched", type, partitioning)
          .containsExactly(1L, 5L);
      assertThat(storage.readFromLayer(Layer.BRONZE, table).count()).isEqualTo(10);
    }
  }

  @Test
  void aHotTableThatNoFilterCanSplitWaitsForALaterRun() {
    appends("bucketed", "bucket(4, event_id)", 6, "2020-01-01", "drama");
    appends("flat", "", 6, "2020-01-01", "drama");
    Instant now = Instant.ofEpochMilli(lastCommitMillis("flat")).plusSeconds(5);

    MaintenanceRun.TableRun bucketed = maintain("bucketed", now);
    assertThat(bucketed.compaction()).isEmpty();
    assertThat(bucketed.notes().get("compact"))
        .startsWith("compaction deferred: partition event_id_bucket (bucket[4])")
        .contains("within the 60 min streaming window (ICEBERG_COMPACTION_HOT_PARTITION_MINUTES)");

    MaintenanceRun.TableRun flat = maintain("flat", now);
    assertThat(flat.compaction()).isEmpty();
    assertThat(flat.notes().get("compact"))
        .startsWith("compaction deferred: unpartitioned table, last commit 0 min ago");
    assertThat(storage.getTableStatistics(Layer.BRONZE, "flat").files().fileCount()).isEqualTo(6);

    assertThat(maintain("flat", now.plus(WINDOW)).compaction())
        .map(CompactTable.Result::filesAfter)
        .contains(1L);
  }
}
