package dev.movielake.lakehouse.maintenance;

import dev.movielake.lakehouse.LakehouseException;
import dev.movielake.lakehouse.SparkLakehouseCatalog;
import dev.movielake.lakehouse.SqlLiteral;
import dev.movielake.lakehouse.TableName;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.iceberg.Table;
import org.apache.iceberg.io.SupportsPrefixOperations;
import org.apache.spark.sql.Row;

/**
 * Deletes files in a table's location that no snapshot references, with Iceberg's {@code
 * remove_orphan_files}. Guarded against the two ways users lost data with it: a short age deleting
 * files of a write still in flight (apache/iceberg#4194), so never under 24 hours; and tables
 * sharing a location (#4265), so a location another table uses is refused.
 */
public final class RemoveOrphanFiles {
  public static final Duration MINIMUM_AGE = Duration.ofHours(24);
  private static final Pattern OBJECT_STORAGE = Pattern.compile("(?i)(s3|s3a|s3n|gs|abfss?)://");

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
    if (age.compareTo(MINIMUM_AGE) < 0) {
      throw new LakehouseException(
          "refusing to remove orphan files younger than 24 hours (asked for "
              + age.toHours()
              + " h): files of a write still in progress would be deleted; use at least 1 day");
    }
    this.olderThan = age;
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
    known
        .error(table)
        .ifPresent(
            error -> {
              throw new LakehouseException(
                  "cannot remove orphan files of "
                      + table
                      + ": its metadata cannot be loaded ("
                      + error
                      + "); repair or drop the table, the other tables are cleaned without it");
            });
    // A table created after the locations were read is loaded on its own.
    Table loaded = known.table(table).orElseGet(() -> catalog.loadTable(table));
    String location = loaded.location();
    refuseSharedLocation(known, location);
    Instant cutoff = clock.instant().minus(olderThan);
    Map<String, String> arguments = new LinkedHashMap<>();
    arguments.put("older_than", SqlLiteral.timestamp(cutoff));
    arguments.put("dry_run", Boolean.toString(dryRun));
    if (onObjectStorage(location) && loaded.io() instanceof SupportsPrefixOperations) {
      // Lists through the table's FileIO (S3FileIO: ListObjectsV2 with each object's Last-Modified)
      // instead of a Hadoop FileSystem, which for s3:// would need hadoop-aws and list folder by
      // folder. Local and HDFS tables keep Hadoop's listing, as before.
      arguments.put("prefix_listing", "true");
    }
    List<String> orphans = new ArrayList<>();
    for (Row row : Procedures.call(catalog.spark(), table, "remove_orphan_files", arguments)) {
      orphans.add(row.getString(row.fieldIndex("orphan_file_location")));
    }
    Map<TableName, String> unreadable = new LinkedHashMap<>(known.unreadable());
    unreadable.remove(table);
    return new Result(
        table,
        cutoff,
        dryRun,
        List.copyOf(orphans),
        unreadable,
        Duration.ofNanos(System.nanoTime() - started));
  }

  private static boolean onObjectStorage(String location) {
    return OBJECT_STORAGE.matcher(location).lookingAt();
  }

  private void refuseSharedLocation(TableLocations known, String location) {
    known
        .overlapping(table, location)
        .ifPresent(
            other -> {
              throw new LakehouseException(
                  "refusing to remove orphan files of "
                      + table
                      + ": its location "
                      + location
                      + " overlaps the location of "
                      + other
                      + ", whose files would look orphaned "
                      + "(apache/iceberg#4265); give each table its own location");
            });
  }
}
