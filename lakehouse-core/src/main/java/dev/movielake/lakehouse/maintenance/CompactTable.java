package dev.movielake.lakehouse.maintenance;

import dev.movielake.lakehouse.Identifiers;
import dev.movielake.lakehouse.RowFilter;
import dev.movielake.lakehouse.SparkLakehouseCatalog;
import dev.movielake.lakehouse.SqlLiteral;
import dev.movielake.lakehouse.TableName;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.spark.sql.Row;

/**
 * Compacts small data files with Iceberg's {@code rewrite_data_files}: bin-packing, or sorting by
 * columns. Partial progress is on by default so a long compaction commits in steps and a conflict
 * with a streaming writer loses one group, not the whole run; a {@code where} filter keeps it to
 * cold partitions.
 */
public final class CompactTable {
  private static final Pattern SORT_FIELD =
      Pattern.compile(
          "^\\s*([A-Za-z_][A-Za-z0-9_.]*)(\\s+(?i:asc|desc))?(\\s+(?i:nulls\\s+(first|last)))?\\s*$");

  public enum Strategy {
    BINPACK,
    SORT
  }

  /**
   * @param filesBefore live data files before the rewrite
   * @param filesAfter live data files after it
   */
  public record Result(
      TableName table,
      Strategy strategy,
      long rewrittenDataFiles,
      long addedDataFiles,
      long rewrittenBytes,
      long failedDataFiles,
      long filesBefore,
      long filesAfter,
      Duration duration) {}

  private final SparkLakehouseCatalog catalog;
  private final TableName table;
  private Strategy strategy = Strategy.BINPACK;
  private final List<String> sortOrder = new ArrayList<>();
  private Optional<String> where = Optional.empty();
  private Optional<Long> targetFileSizeBytes = Optional.empty();
  private Optional<Integer> minInputFiles = Optional.empty();
  private boolean partialProgress = true;

  public CompactTable(SparkLakehouseCatalog catalog, TableName table) {
    this.catalog = catalog;
    this.table = table;
  }

  public CompactTable binPack() {
    this.strategy = Strategy.BINPACK;
    return this;
  }

  /** Sorts rewritten files, e.g. {@code sort("release_date DESC", "movie_id")}. */
  public CompactTable sort(String... fields) {
    this.strategy = Strategy.SORT;
    for (String field : fields) {
      Matcher matcher = SORT_FIELD.matcher(field);
      if (!matcher.matches()) {
        throw new IllegalArgumentException(
            "invalid sort field '"
                + field
                + "'; expected: column [ASC|DESC] [NULLS FIRST|NULLS LAST]");
      }
      Identifiers.requireColumn(matcher.group(1));
      sortOrder.add(field.strip().replaceAll("\\s+", " "));
    }
    return this;
  }

  /**
   * Only files that may hold rows matching this condition, e.g. {@code release_date <
   * '2020-01-01'}.
   */
  public CompactTable where(String condition) {
    RowFilter.parse(catalog.spark(), condition); // refuse a bad condition before any work
    this.where = Optional.of(condition);
    return this;
  }

  public CompactTable targetFileSizeBytes(long bytes) {
    if (bytes <= 0) {
      throw new IllegalArgumentException("target file size must be positive, got " + bytes);
    }
    this.targetFileSizeBytes = Optional.of(bytes);
    return this;
  }

  /**
   * A file group is rewritten only when it has at least this many files (Iceberg's default is 5).
   */
  public CompactTable minInputFiles(int files) {
    if (files < 1) {
      throw new IllegalArgumentException("min input files must be at least 1, got " + files);
    }
    this.minInputFiles = Optional.of(files);
    return this;
  }

  public CompactTable partialProgress(boolean enabled) {
    this.partialProgress = enabled;
    return this;
  }

  public Result execute() {
    Table before = catalog.loadTable(table);
    long filesBefore = totalDataFiles(before.currentSnapshot());
    long started = System.nanoTime();
    Map<String, String> options = new LinkedHashMap<>();
    options.put(
        "target-file-size-bytes",
        Long.toString(
            targetFileSizeBytes.orElse(catalog.config().tableFormat().targetFileSizeBytes())));
    options.put("partial-progress.enabled", Boolean.toString(partialProgress));
    // Merge-on-read upserts leave position deletes; a file with any is rewritten with them applied,
    // and
    // the delete files left pointing at no live data file are dropped, so the table's record count
    // (total records minus position deletes) stays exact after compaction.
    options.put("delete-file-threshold", "1");
    options.put("remove-dangling-deletes", "true");
    minInputFiles.ifPresent(files -> options.put("min-input-files", Integer.toString(files)));

    Map<String, String> arguments = new LinkedHashMap<>();
    arguments.put("strategy", SqlLiteral.of(strategy.name().toLowerCase(Locale.ROOT)));
    if (strategy == Strategy.SORT && !sortOrder.isEmpty()) {
      arguments.put("sort_order", SqlLiteral.of(String.join(", ", sortOrder)));
    }
    where.ifPresent(condition -> arguments.put("where", SqlLiteral.of(condition)));
    arguments.put("options", Procedures.map(options));

    long rewritten = 0;
    long added = 0;
    long bytes = 0;
    long failed = 0;
    if (before.currentSnapshot() != null) {
      for (Row row : Procedures.call(catalog.spark(), table, "rewrite_data_files", arguments)) {
        rewritten += Procedures.longColumn(row, "rewritten_data_files_count");
        added += Procedures.longColumn(row, "added_data_files_count");
        bytes += Procedures.longColumn(row, "rewritten_bytes_count");
        if (Procedures.hasColumn(row, "failed_data_files_count")) {
          failed += Procedures.longColumn(row, "failed_data_files_count");
        }
      }
    }
    long filesAfter = totalDataFiles(catalog.loadTable(table).currentSnapshot());
    return new Result(
        table,
        strategy,
        rewritten,
        added,
        bytes,
        failed,
        filesBefore,
        filesAfter,
        Duration.ofNanos(System.nanoTime() - started));
  }

  static long totalDataFiles(Snapshot snapshot) {
    if (snapshot == null) {
      return 0;
    }
    String value = snapshot.summary().get("total-data-files");
    return value == null ? 0 : Long.parseLong(value);
  }
}
