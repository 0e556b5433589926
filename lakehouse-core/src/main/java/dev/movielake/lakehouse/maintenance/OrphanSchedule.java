package dev.movielake.lakehouse.maintenance;

import dev.movielake.lakehouse.LakehouseCatalog;
import dev.movielake.lakehouse.TableName;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * When each table's orphan phases are due, read once from the marks table: a scan (mark) when the
 * table was not scanned within {@code MAINTENANCE_ORPHAN_INTERVAL_HOURS}, since listing a location
 * is the costliest read of all; a deletion when marks have outlived the grace ({@code
 * ICEBERG_ORPHAN_GRACE_HOURS}). Independent of snapshot expiry: a failed write's files are found on
 * a table that has nothing to expire.
 */
public final class OrphanSchedule {
  private final Instant now;
  private final Duration interval;
  private final Duration grace;
  private final Map<String, Instant> lastScans;
  private final Map<String, List<OrphanMark>> pending;

  private OrphanSchedule(
      Instant now,
      Duration interval,
      Duration grace,
      Map<String, Instant> lastScans,
      Map<String, List<OrphanMark>> pending) {
    this.now = now;
    this.interval = interval;
    this.grace = grace;
    this.lastScans = lastScans;
    this.pending = pending;
  }

  /**
   * Reads the marks table once (its snapshots and rows); a missing marks table means no scan yet.
   */
  public static OrphanSchedule read(LakehouseCatalog catalog, TableName marksTable, Clock clock) {
    OrphanMarks marks = new OrphanMarks(catalog, marksTable);
    Map<String, List<OrphanMark>> pending =
        marks.latest().stream()
            .filter(mark -> mark.state() == OrphanMark.State.MARKED)
            .collect(
                Collectors.groupingBy(
                    mark -> mark.layer().id() + "." + mark.tableName(), Collectors.toList()));
    return new OrphanSchedule(
        clock.instant(),
        catalog.config().maintenance().auto().orphanInterval(),
        catalog.config().maintenance().orphanGrace(),
        marks.lastScans(),
        pending);
  }

  /** Why the table should be scanned for unreferenced files now; empty when it was recently. */
  public Optional<String> markDue(TableName table) {
    Instant last = lastScans.get(OrphanMarks.key(table));
    if (last == null) {
      return Optional.of("not scanned for unreferenced files yet");
    }
    Duration since = Duration.between(last, now);
    if (since.compareTo(interval) < 0) {
      return Optional.empty();
    }
    return Optional.of(
        "last scanned for unreferenced files "
            + since.toHours()
            + " h ago; scanned every "
            + interval.toHours()
            + " h");
  }

  /** Why marked files of the table should be decided now; empty while all are in their grace. */
  public Optional<String> deleteDue(TableName table) {
    List<OrphanMark> marked = pending.getOrDefault(OrphanMarks.key(table), List.of());
    Instant graceEnded = now.minus(grace);
    long due = marked.stream().filter(mark -> !mark.markedAt().isAfter(graceEnded)).count();
    if (due == 0) {
      return Optional.empty();
    }
    return Optional.of(
        due
            + " marked file(s) past the grace of "
            + grace.toHours()
            + " h"
            + (marked.size() > due ? " (" + (marked.size() - due) + " more waiting)" : "")
            + "; each deleted only if no snapshot references it then");
  }
}
