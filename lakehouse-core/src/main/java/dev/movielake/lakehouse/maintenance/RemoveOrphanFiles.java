package dev.movielake.lakehouse.maintenance;

import dev.movielake.lakehouse.SparkLakehouseCatalog;
import dev.movielake.lakehouse.TableName;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Deletes files in a table's location that no snapshot references, with Iceberg's {@code
 * remove_orphan_files}. Guarded against the two ways users lost data with it: a short age deleting
 * files of a write still in flight (apache/iceberg#4194), so never under 24 hours; and tables
 * sharing a location (#4265), so a location another table uses is refused (both guards in {@link
 * OrphanFileScan}, shared with the two phases). Removes at once, for an operator's explicit request
 * ({@code maintain all}); scheduled removal marks first ({@link MarkOrphanFiles}) and deletes after
 * a grace ({@link DeleteMarkedOrphanFiles}).
 */
public final class RemoveOrphanFiles {
  public static final Duration MINIMUM_AGE = Duration.ofHours(24);

  /**
   * @param orphanFiles the files deleted, or on a dry run the files that would be
   * @param unreadableTables other tables of the catalog whose metadata could not be loaded, with
   *     the error: their locations could not be compared with this table's, and they need repair
   *     (their own removal fails with that error)
   */
  public record Result(
      TableName table,
      Instant olderThan,
      boolean dryRun,
      List<String> orphanFiles,
      Map<TableName, String> unreadableTables,
      Duration duration) {
    public Result {
      unreadableTables = Map.copyOf(unreadableTables);
    }
  }

  private final SparkLakehouseCatalog catalog;
  private final TableName table;
  private Clock clock = Clock.systemUTC();
  private Duration olderThan;
  private boolean dryRun;
  private Optional<TableLocations> locations = Optional.empty();

  public RemoveOrphanFiles(SparkLakehouseCatalog catalog, TableName table) {
    this.catalog = catalog;
    this.table = table;
    this.olderThan = Duration.ofDays(catalog.config().maintenance().orphanFileAgeDays());
  }

  public RemoveOrphanFiles olderThan(Duration age) {
    this.olderThan = OrphanFileScan.requireSafeAge(age);
    return this;
  }

  public RemoveOrphanFiles olderThanDays(int days) {
    return olderThan(Duration.ofDays(days));
  }

  /** Lists what would be deleted and deletes nothing. */
  public RemoveOrphanFiles dryRun(boolean dryRun) {
    this.dryRun = dryRun;
    return this;
  }

  /**
   * Compares the table's location with these tables instead of loading every table of the catalog
   * again: a run cleaning many tables loads them once (see {@link TableLocations}).
   */
  public RemoveOrphanFiles locations(TableLocations locations) {
    this.locations = Optional.of(locations);
    return this;
  }

  public RemoveOrphanFiles clock(Clock clock) {
    this.clock = clock;
    return this;
  }

  public Result execute() {
    long started = System.nanoTime();
    TableLocations known = locations.orElseGet(() -> TableLocations.load(catalog));
    OrphanFileScan.Found found =
        new OrphanFileScan(catalog, table, "remove")
            .run(known, clock.instant().minus(olderThan), dryRun);
    return new Result(
        table,
        found.olderThan(),
        dryRun,
        found.files(),
        found.unreadableTables(),
        Duration.ofNanos(System.nanoTime() - started));
  }
}
