package dev.movielake.lakehouse.maintenance;

import dev.movielake.lakehouse.SparkLakehouseCatalog;
import dev.movielake.lakehouse.SqlLiteral;
import dev.movielake.lakehouse.TableName;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.iceberg.Table;
import org.apache.spark.sql.Row;

/**
 * Expires snapshots older than the layer's retention (bronze 3, silver 7, gold 30 days by default)
 * with Iceberg's {@code expire_snapshots}, deleting the files only they referenced. The newest
 * snapshot is always kept, and so is every snapshot a tag or branch points at, and every snapshot
 * from the oldest registered reader's floor on ({@link ReaderHold}, {@code TableReaders}): the
 * result says which readers held how many snapshots back.
 */
public final class ExpireSnapshots {
  /**
   * @param olderThan what was expired before: the retention's cutoff, or the oldest registered
   *     reader's floor when that is earlier
   * @param heldBack present when registered readers kept snapshots the retention would expire
   */
  public record Result(
      TableName table,
      Instant olderThan,
      int snapshotsBefore,
      int snapshotsAfter,
      long deletedDataFiles,
      long deletedDeleteFiles,
      long deletedManifests,
      long deletedManifestLists,
      Duration duration,
      Optional<ReaderHold> heldBack) {

    public int expiredSnapshots() {
      return snapshotsBefore - snapshotsAfter;
    }
  }

  private final SparkLakehouseCatalog catalog;
  private final TableName table;
  private Clock clock = Clock.systemUTC();
  private Duration olderThan;
  private int retainLast = 1;

  public ExpireSnapshots(SparkLakehouseCatalog catalog, TableName table) {
    this.catalog = catalog;
    this.table = table;
    this.olderThan = Duration.ofDays(catalog.config().maintenance().retentionDays(table.layer()));
  }

  public ExpireSnapshots olderThanDays(int days) {
    if (days < 0) {
      throw new IllegalArgumentException("older-than days must not be negative, got " + days);
    }
    return olderThan(Duration.ofDays(days));
  }

  public ExpireSnapshots olderThan(Duration age) {
    this.olderThan = age;
    return this;
  }

  /** Keeps at least this many of the newest snapshots whatever their age (at least 1). */
  public ExpireSnapshots retainLast(int snapshots) {
    if (snapshots < 1) {
      throw new IllegalArgumentException(
          "retain-last must be at least 1: the current snapshot is always kept");
    }
    this.retainLast = snapshots;
    return this;
  }

  public ExpireSnapshots clock(Clock clock) {
    this.clock = clock;
    return this;
  }

  public Result execute() {
    long started = System.nanoTime();
    Table loaded = catalog.loadTable(table);
    // A reader registered on the table (a stream's checkpoint, gold, the publisher) needs its floor
    // snapshot and every one after it, whatever the retention: expire only what is older than both.
    Instant retentionCutoff = clock.instant().minus(olderThan);
    Optional<ReaderHold> hold = ReaderHold.of(loaded, retentionCutoff);
    Instant cutoff = hold.map(ReaderHold::floor).orElse(retentionCutoff);
    int before = count(loaded);
    long dataFiles = 0;
    long deleteFiles = 0;
    long manifests = 0;
    long manifestLists = 0;
    if (before > 0) {
      Map<String, String> arguments = new LinkedHashMap<>();
      arguments.put("older_than", SqlLiteral.timestamp(cutoff));
      arguments.put("retain_last", Integer.toString(retainLast));
      // Streams the deleted files instead of collecting them on the driver (apache/iceberg#11017).
      arguments.put("stream_results", "true");
      for (Row row : Procedures.call(catalog.spark(), table, "expire_snapshots", arguments)) {
        dataFiles += Procedures.longColumn(row, "deleted_data_files_count");
        deleteFiles +=
            Procedures.longColumn(row, "deleted_position_delete_files_count")
                + Procedures.longColumn(row, "deleted_equality_delete_files_count");
        manifests += Procedures.longColumn(row, "deleted_manifest_files_count");
        manifestLists += Procedures.longColumn(row, "deleted_manifest_lists_count");
      }
    }
    int after = count(catalog.loadTable(table));
    return new Result(
        table,
        cutoff,
        before,
        after,
        dataFiles,
        deleteFiles,
        manifests,
        manifestLists,
        Duration.ofNanos(System.nanoTime() - started),
        hold);
  }

  private static int count(Table table) {
    int count = 0;
    for (Object ignored : table.snapshots()) {
      count++;
    }
    return count;
  }
}
