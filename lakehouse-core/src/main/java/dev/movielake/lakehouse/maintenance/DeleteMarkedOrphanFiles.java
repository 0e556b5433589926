package dev.movielake.lakehouse.maintenance;

import dev.movielake.lakehouse.SparkLakehouseCatalog;
import dev.movielake.lakehouse.TableName;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.iceberg.io.BulkDeletionFailureException;
import org.apache.iceberg.io.FileIO;
import org.apache.iceberg.io.SupportsBulkOperations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Orphan removal's second phase: the table's files marked by {@link MarkOrphanFiles} at least the
 * grace ago ({@code ICEBERG_ORPHAN_GRACE_HOURS}) and not decided yet are deleted if no snapshot
 * references them now: a fresh listing with the same guards (age, overlapping locations) must still
 * return them. A marked file the listing no longer returns is kept if it exists (a snapshot
 * references it again, e.g. after {@code add_files}) and recorded as gone if it does not. Files are
 * deleted through the table's FileIO, in bulk when it can. Each decision is appended to the marks
 * table.
 */
public final class DeleteMarkedOrphanFiles {
  private static final Logger LOG = LoggerFactory.getLogger(DeleteMarkedOrphanFiles.class);

  /**
   * @param decidedAt the time of the decisions, from which the grace was counted back
   * @param olderThan the age guard of the fresh listing; empty when no mark was due and nothing was
   *     listed
   * @param deleted marked files still unreferenced, deleted (on a dry run: that would be)
   * @param kept marked files referenced again, never deleted
   * @param gone marked files no longer there
   * @param waiting marked files still in their grace
   * @param failed files the storage did not delete: still marked, tried again next time
   * @param bytesFreed the size of the deleted files as measured when marked (a file whose size was
   *     unknown counts nothing)
   */
  public record Result(
      TableName table,
      TableName marksTable,
      Instant decidedAt,
      Duration grace,
      Optional<Instant> olderThan,
      boolean dryRun,
      List<String> deleted,
      List<String> kept,
      List<String> gone,
      int waiting,
      List<String> failed,
      long bytesFreed,
      Map<TableName, String> unreadableTables,
      Duration duration) {
    public Result {
      deleted = List.copyOf(deleted);
      kept = List.copyOf(kept);
      gone = List.copyOf(gone);
      failed = List.copyOf(failed);
      unreadableTables = Map.copyOf(unreadableTables);
    }
  }

  private final SparkLakehouseCatalog catalog;
  private final TableName table;
  private final TableName marksTable;
  private Clock clock = Clock.systemUTC();
  private Duration grace;
  private Duration olderThan;
  private boolean dryRun;
  private Optional<TableLocations> locations = Optional.empty();

  /**
   * @param marksTable where {@link MarkOrphanFiles} kept the marks
   */
  public DeleteMarkedOrphanFiles(
      SparkLakehouseCatalog catalog, TableName table, TableName marksTable) {
    this.catalog = catalog;
    this.table = table;
    this.marksTable = marksTable;
    this.grace = catalog.config().maintenance().orphanGrace();
    this.olderThan = Duration.ofDays(catalog.config().maintenance().orphanFileAgeDays());
  }

  /**
   * How long after its mark a file may be deleted (default: {@code ICEBERG_ORPHAN_GRACE_HOURS}).
   */
  public DeleteMarkedOrphanFiles grace(Duration grace) {
    if (grace.isNegative()) {
      throw new IllegalArgumentException("the grace must not be negative, got " + grace);
    }
    this.grace = grace;
    return this;
  }

  /** The age guard of the fresh listing; at least 24 hours. */
  public DeleteMarkedOrphanFiles olderThan(Duration age) {
    this.olderThan = OrphanFileScan.requireSafeAge(age);
    return this;
  }

  public DeleteMarkedOrphanFiles olderThanDays(int days) {
    return olderThan(Duration.ofDays(days));
  }

  /** Lists what would be deleted, kept and found gone; deletes and writes nothing. */
  public DeleteMarkedOrphanFiles dryRun(boolean dryRun) {
    this.dryRun = dryRun;
    return this;
  }

  /** Compares the table's location with these tables instead of loading every table again. */
  public DeleteMarkedOrphanFiles locations(TableLocations locations) {
    this.locations = Optional.of(locations);
    return this;
  }

  /**
   * The time the grace is counted to and decisions carry. The age guard ignores it: it compares
   * files' real modification times with the real clock.
   */
  public DeleteMarkedOrphanFiles clock(Clock clock) {
    this.clock = clock;
    return this;
  }

  public Result execute() {
    long started = System.nanoTime();
    // What the marks table keeps: microseconds.
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    Instant graceEnded = now.minus(grace);
    OrphanMarks marks = new OrphanMarks(catalog, marksTable);
    List<OrphanMark> pending =
        marks.latest(table).stream()
            .filter(mark -> mark.state() == OrphanMark.State.MARKED)
            .toList();
    List<OrphanMark> due =
        pending.stream().filter(mark -> !mark.markedAt().isAfter(graceEnded)).toList();
    int waiting = pending.size() - due.size();
    if (due.isEmpty()) {
      return new Result(
          table,
          marksTable,
          now,
          grace,
          Optional.empty(),
          dryRun,
          List.of(),
          List.of(),
          List.of(),
          waiting,
          List.of(),
          0,
          Map.of(),
          Duration.ofNanos(System.nanoTime() - started));
    }
    TableLocations known = locations.orElseGet(() -> TableLocations.load(catalog));
    // The real clock: files' modification times are real, whatever time the grace is counted in.
    OrphanFileScan.Found fresh =
        new OrphanFileScan(catalog, table, "delete")
            .run(known, Instant.now().minus(olderThan), true);
    Set<String> unreferenced = Set.copyOf(fresh.files());
    FileIO io = fresh.table().io();
    List<OrphanMark> deletable = new ArrayList<>();
    List<OrphanMark> decisions = new ArrayList<>();
    List<String> kept = new ArrayList<>();
    List<String> gone = new ArrayList<>();
    for (OrphanMark mark : due) {
      if (unreferenced.contains(mark.filePath())) {
        deletable.add(mark);
      } else if (io.newInputFile(mark.filePath()).exists()) {
        kept.add(mark.filePath());
        decisions.add(
            mark.decided(
                OrphanMark.State.KEPT,
                now,
                "referenced again or younger than the age guard: the listing no longer returns"
                    + " it"));
      } else {
        gone.add(mark.filePath());
        decisions.add(mark.decided(OrphanMark.State.GONE, now, "no longer exists"));
      }
    }
    Set<String> failed = dryRun ? Set.of() : delete(io, deletable);
    List<String> deleted = new ArrayList<>();
    long bytesFreed = 0;
    for (OrphanMark mark : deletable) {
      if (failed.contains(mark.filePath())) {
        continue;
      }
      deleted.add(mark.filePath());
      bytesFreed += mark.fileSizeBytes().orElse(0);
      decisions.add(
          mark.decided(
              OrphanMark.State.DELETED,
              now,
              "still unreferenced " + grace.toHours() + " h after it was marked"));
    }
    if (!dryRun) {
      marks.recordDecisions(decisions);
    }
    return new Result(
        table,
        marksTable,
        now,
        grace,
        Optional.of(fresh.olderThan()),
        dryRun,
        deleted,
        kept,
        gone,
        waiting,
        List.copyOf(failed),
        bytesFreed,
        fresh.unreadableTables(),
        Duration.ofNanos(System.nanoTime() - started));
  }

  /** Deletes the files; returns those still there afterwards. */
  private Set<String> delete(FileIO io, List<OrphanMark> marks) {
    List<String> files = marks.stream().map(OrphanMark::filePath).toList();
    if (files.isEmpty()) {
      return Set.of();
    }
    boolean complete = true;
    if (io instanceof SupportsBulkOperations bulk) {
      try {
        bulk.deleteFiles(files);
      } catch (BulkDeletionFailureException e) {
        LOG.warn(
            "{} orphan file(s) of {} not deleted: {}",
            e.numberFailedObjects(),
            table,
            e.getMessage());
        complete = false;
      }
    } else {
      for (String file : files) {
        try {
          io.deleteFile(file);
        } catch (RuntimeException e) {
          LOG.warn("orphan file {} of {} not deleted: {}", file, table, e.getMessage());
          complete = false;
        }
      }
    }
    Set<String> remaining = new LinkedHashSet<>();
    if (!complete) {
      for (String file : files) {
        if (io.newInputFile(file).exists()) {
          remaining.add(file);
        }
      }
    }
    return remaining;
  }
}
