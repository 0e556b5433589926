package dev.movielake.lakehouse.maintenance;

import dev.movielake.lakehouse.SparkLakehouseCatalog;
import dev.movielake.lakehouse.TableName;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.iceberg.io.FileIO;

/**
 * Orphan removal's first phase: lists the table's files that no snapshot references, with the same
 * guards as {@link RemoveOrphanFiles} (never files younger than the age, at least 24 hours; never a
 * location another table overlaps) as a dry run, and marks each file not marked yet in the marks
 * table. Nothing is deleted: {@link DeleteMarkedOrphanFiles} deletes a mark after the grace, if the
 * file is still unreferenced then. A file a failed write left behind is found here whether or not
 * the table has snapshots to expire.
 */
public final class MarkOrphanFiles {
  /**
   * @param markedAt the time the new marks carry, from which their grace is counted
   * @param olderThan only files last modified before this were listed (the age guard, by the real
   *     clock)
   * @param found unreferenced files listed
   * @param newlyMarked files marked by this run (on a dry run: that would be)
   * @param alreadyMarked files listed that an earlier run had marked and nothing decided yet
   * @param unreadableTables other tables whose metadata could not be loaded (see {@link
   *     RemoveOrphanFiles.Result})
   */
  public record Result(
      TableName table,
      TableName marksTable,
      Instant markedAt,
      Instant olderThan,
      boolean dryRun,
      int found,
      List<String> newlyMarked,
      int alreadyMarked,
      Map<TableName, String> unreadableTables,
      Duration duration) {
    public Result {
      newlyMarked = List.copyOf(newlyMarked);
      unreadableTables = Map.copyOf(unreadableTables);
    }
  }

  private final SparkLakehouseCatalog catalog;
  private final TableName table;
  private final TableName marksTable;
  private Clock clock = Clock.systemUTC();
  private Duration olderThan;
  private boolean dryRun;
  private Optional<TableLocations> locations = Optional.empty();

  /**
   * @param marksTable where marks are kept (the pipeline's {@code silver.orphan_files}), created on
   *     the first mark
   */
  public MarkOrphanFiles(SparkLakehouseCatalog catalog, TableName table, TableName marksTable) {
    this.catalog = catalog;
    this.table = table;
    this.marksTable = marksTable;
    this.olderThan = Duration.ofDays(catalog.config().maintenance().orphanFileAgeDays());
  }

  /** Only files older than this are listed; at least 24 hours. */
  public MarkOrphanFiles olderThan(Duration age) {
    this.olderThan = OrphanFileScan.requireSafeAge(age);
    return this;
  }

  public MarkOrphanFiles olderThanDays(int days) {
    return olderThan(Duration.ofDays(days));
  }

  /** Lists what would be marked; writes nothing. */
  public MarkOrphanFiles dryRun(boolean dryRun) {
    this.dryRun = dryRun;
    return this;
  }

  /** Compares the table's location with these tables instead of loading every table again. */
  public MarkOrphanFiles locations(TableLocations locations) {
    this.locations = Optional.of(locations);
    return this;
  }

  /**
   * The time marks carry, from which the grace is counted. The age guard ignores it: it compares
   * files' real modification times with the real clock.
   */
  public MarkOrphanFiles clock(Clock clock) {
    this.clock = clock;
    return this;
  }

  public Result execute() {
    long started = System.nanoTime();
    TableLocations known = locations.orElseGet(() -> TableLocations.load(catalog));
    // The real clock: files' modification times are real, whatever time the marks carry.
    OrphanFileScan.Found found =
        new OrphanFileScan(catalog, table, "mark").run(known, Instant.now().minus(olderThan), true);
    OrphanMarks marks = new OrphanMarks(catalog, marksTable);
    Set<String> marked =
        marks.latest(table).stream()
            .filter(mark -> mark.state() == OrphanMark.State.MARKED)
            .map(OrphanMark::filePath)
            .collect(Collectors.toSet());
    // What the marks table keeps: microseconds.
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    List<String> newlyMarked = new ArrayList<>();
    List<OrphanMark> rows = new ArrayList<>();
    for (String file : found.files()) {
      if (!marked.contains(file)) {
        newlyMarked.add(file);
        rows.add(OrphanMark.marked(now, table, file, size(found.table().io(), file)));
      }
    }
    if (!dryRun) {
      marks.recordScan(table, rows, found.files().size());
    }
    return new Result(
        table,
        marksTable,
        now,
        found.olderThan(),
        dryRun,
        found.files().size(),
        newlyMarked,
        found.files().size() - newlyMarked.size(),
        found.unreadableTables(),
        Duration.ofNanos(System.nanoTime() - started));
  }

  /**
   * The file's size, so the deletion can say what it freed; orphans are few (a failed write's
   * files), so asking for each costs little. Unknown when the storage does not say.
   */
  static OptionalLong size(FileIO io, String file) {
    try {
      return OptionalLong.of(io.newInputFile(file).getLength());
    } catch (RuntimeException e) {
      return OptionalLong.empty();
    }
  }
}
