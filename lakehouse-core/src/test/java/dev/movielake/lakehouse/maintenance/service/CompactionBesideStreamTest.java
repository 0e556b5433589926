package dev.movielake.lakehouse.maintenance.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.movielake.lakehouse.IcebergStorageManager;
import dev.movielake.lakehouse.TableName;
import dev.movielake.lakehouse.maintenance.MaintenancePlan.Action;
import dev.movielake.lakehouse.table.WriteOptions;
import dev.movielake.lakehouse.testing.SharedSpark;
import dev.movielake.model.Layer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * The promise, on a real table: a stream upserting batch after batch (MERGE, which rewrites
 * and deletes from files) while the service compacts the same table as often as its triggers allow
 * never has a commit refused. Without the table's turns, a compaction landing between a MERGE's
 * scan and its commit makes the MERGE plan again (apache/iceberg#13972).
 */
class CompactionBesideStreamTest {
  private static final int BATCHES = 6;
  private static final int KEYS = 100;

  private final SparkSession spark = SharedSpark.session();
  private final IcebergStorageManager storage =
      SharedSpark.storage(
          "beside",
          Map.of(
              "MAINTENANCE_MIN_INTERVAL_SECONDS", "0",
              "MAINTENANCE_CHECK_SECONDS", "1",
              "ICEBERG_COMPACTION_MIN_SMALL_FILES", "2",
              "ICEBERG_COMPACTION_DELETE_FILES", "2"));

  /** One batch: every key of one residue updated (and a few new keys), in two files a bucket. */
  private void upsert(int batch) {
    storage.writeToLayer(
        Layer.SILVER,
        "ratings",
        spark
            .range(0, KEYS + batch, 1, 2)
            .where("id % 3 = " + (batch % 3) + " OR id >= " + KEYS)
            .selectExpr("id AS rating_id", "CAST(" + batch + " AS INT) AS batch"),
        WriteOptions.upsert("rating_id").partitionedBy("bucket(4, rating_id)"));
  }

  @Test
  void aStreamsUpsertsNeverCollideWithTheServicesCompactions() throws Exception {
    upsert(0);
    TableName table = storage.table(Layer.SILVER, "ratings");
    List<MaintenanceEntry> actions = Collections.synchronizedList(new ArrayList<>());
    MaintenanceService service =
        new MaintenanceService(
            storage.catalog(),
            new MaintenanceLog(
                storage.catalog(),
                storage.table(Layer.SILVER, "maintenance_log"),
                List.of("months(started_at)")),
            Optional.empty(),
            Clock.systemUTC(),
            Optional.of(Layer.SILVER),
            MaintenanceService.Listener.NONE);
    AtomicBoolean streaming = new AtomicBoolean(true);
    Thread maintenance =
        new Thread(
            () -> {
              while (streaming.get()) {
                actions.addAll(service.check());
              }
            },
            "maintenance-beside-stream");
    maintenance.start();
    try {
      for (int batch = 1; batch <= BATCHES; batch++) {
        upsert(batch);
      }
    } finally {
      streaming.set(false);
      maintenance.join();
    }

    List<MaintenanceEntry> compactions =
        actions.stream()
            .filter(entry -> entry.table().equals(table.toString()))
            .filter(entry -> entry.action() == Action.COMPACT)
            .toList();
    assertThat(compactions).as("compactions while the stream wrote").hasSizeGreaterThan(1);
    assertThat(compactions)
        .extracting(MaintenanceEntry::outcome)
        .allMatch(outcome -> outcome == Outcome.DONE || outcome == Outcome.BUSY);
    assertThat(storage.commitRetries()).as("streaming commits refused").doesNotContainKey(table);
    // Every key once, at its latest batch.
    assertThat(storage.readFromLayer(Layer.SILVER, "ratings").count()).isEqualTo(KEYS + BATCHES);
    assertThat(
            storage
                .readFromLayer(Layer.SILVER, "ratings")
                .where("rating_id = " + (KEYS + BATCHES - 1))
                .first()
                .getInt(1))
        .isEqualTo(BATCHES);
  }
}
