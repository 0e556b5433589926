package dev.movielake.lakehouse.maintenance;

import dev.movielake.lakehouse.LakehouseException;
import dev.movielake.lakehouse.SparkLakehouseCatalog;
import dev.movielake.lakehouse.SqlLiteral;
import dev.movielake.lakehouse.TableName;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.iceberg.Table;
import org.apache.iceberg.io.SupportsPrefixOperations;
import org.apache.spark.sql.Row;

/**
 * One call of Iceberg's {@code remove_orphan_files} behind the guards every orphan action shares:
 * never files younger than 24 hours (a write still in flight, apache/iceberg#4194), never a table
 * whose location overlaps another table's (#4265), a table whose metadata cannot be loaded failing
 * alone. Immediate removal deletes through it; the two phases (mark, then delete after the grace)
 * only list with it, as a dry run.
 */
final class OrphanFileScan {
  private static final Pattern OBJECT_STORAGE = Pattern.compile("(?i)(s3|s3a|s3n|gs|abfss?)://");

  /**
   * @param table the table as loaded for the scan: its FileIO reads and deletes the files
   * @param olderThan files modified before this instant were candidates
   * @param files the files no snapshot references (deleted, unless the scan was a dry run)
   * @param unreadableTables other tables whose locations could not be compared, with the error
   */
  record Found(
      Table table, Instant olderThan, List<String> files, Map<TableName, String> unreadableTables) {
    Found {
      files = List.copyOf(files);
      unreadableTables = Map.copyOf(unreadableTables);
    }
  }

  private final SparkLakehouseCatalog catalog;
  private final TableName table;
  private final String verb;

  /**
   * @param verb what the caller does with orphan files ({@code remove}, {@code mark}, {@code
   *     delete}), named in refusals
   */
  OrphanFileScan(SparkLakehouseCatalog catalog, TableName table, String verb) {
    this.catalog = catalog;
    this.table = table;
    this.verb = verb;
  }

  /** The age under which no file is ever taken for an orphan, checked for every orphan action. */
  static Duration requireSafeAge(Duration age) {
    if (age.compareTo(RemoveOrphanFiles.MINIMUM_AGE) < 0) {
      throw new LakehouseException(
          "refusing to remove orphan files younger than 24 hours (asked for "
              + age.toHours()
              + " h): files of a write still in progress would be deleted; use at least 1 day");
    }
    return age;
  }

  /**
   * Lists (on a dry run) or deletes the table's files that no snapshot references and that were
   * last modified before {@code olderThan}.
   *
   * @param known the catalog's tables, to refuse a location another table overlaps
   */
  Found run(TableLocations known, Instant olderThan, boolean dryRun) {
    known
        .error(table)
        .ifPresent(
            error -> {
              throw new LakehouseException(
                  "cannot "
                      + verb
                      + " orphan files of "
                      + table
                      + ": its metadata cannot be loaded ("
                      + error
                      + "); repair or drop the table, the other tables are cleaned without it");
            });
    // A table created after the locations were read is loaded on its own.
    Table loaded = known.table(table).orElseGet(() -> catalog.loadTable(table));
    String location = loaded.location();
    known
        .overlapping(table, location)
        .ifPresent(
            other -> {
              throw new LakehouseException(
                  "refusing to "
                      + verb
                      + " orphan files of "
                      + table
                      + ": its location "
                      + location
                      + " overlaps the location of "
                      + other
                      + ", whose files would look orphaned "
                      + "(apache/iceberg#4265); give each table its own location");
            });
    Map<String, String> arguments = new LinkedHashMap<>();
    arguments.put("older_than", SqlLiteral.timestamp(olderThan));
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
    return new Found(loaded, olderThan, orphans, unreadable);
  }

  private static boolean onObjectStorage(String location) {
    return OBJECT_STORAGE.matcher(location).lookingAt();
  }
}
