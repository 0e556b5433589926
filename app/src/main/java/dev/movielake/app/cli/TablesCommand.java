package dev.movielake.app.cli;

import static org.apache.spark.sql.functions.col;

import dev.movielake.cli.ByteSize;
import dev.movielake.cli.Json;
import dev.movielake.cli.JsonOption;
import dev.movielake.cli.LayerConverter;
import dev.movielake.cli.SecretMasker;
import dev.movielake.cli.TableArgument;
import dev.movielake.cli.TextTable;
import dev.movielake.lakehouse.IcebergStorageManager;
import dev.movielake.lakehouse.TableName;
import dev.movielake.lakehouse.change.ChangeRange;
import dev.movielake.lakehouse.change.TableChanges;
import dev.movielake.lakehouse.table.TableHealth;
import dev.movielake.lakehouse.table.TableStatistics;
import dev.movielake.model.Layer;
import dev.movielake.model.PipelineTable;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.SnapshotRef;
import org.apache.iceberg.Table;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/**
 * {@code pipeline tables ...}: what the tables hold, their history, and moving between snapshots.
 */
@Command(
    name = "tables",
    description = "Inspect tables, their snapshots, files and changes; roll back; tag and branch.",
    subcommands = {
      TablesCommand.ListTables.class,
      TablesCommand.ShowTable.class,
      TablesCommand.History.class,
      TablesCommand.Snapshots.class,
      TablesCommand.Files.class,
      TablesCommand.Stats.class,
      TablesCommand.Changes.class,
      TablesCommand.Rollback.class,
      TablesCommand.Tags.class,
      TablesCommand.Branches.class
    })
public final class TablesCommand {

  @Command(
      name = "list",
      description = "List the tables of one layer, or of all layers, with size and last commit.")
  static final class ListTables extends LakehouseCommand {
    @Parameters(
        index = "0",
        arity = "0..1",
        paramLabel = "LAYER",
        converter = LayerConverter.class,
        description = "bronze, silver or gold; all layers when omitted.")
    Layer layer;

    @Mixin JsonOption json;

    @Override
    protected int run() {
      IcebergStorageManager storage = storage();
      List<TableName> names = layer == null ? storage.listAllTables() : storage.listTables(layer);
      List<TableStatistics> statistics = names.stream().map(storage::getTableStatistics).toList();
      if (json.enabled()) {
        Json.print(out(), statistics);
        return 0;
      }
      if (names.isEmpty()) {
        println("no tables" + (layer == null ? "" : " in " + layer));
        return 0;
      }
      TextTable table =
          new TextTable(
              "NAME", "LAYER", "RECORDS", "FILES", "SIZE", "SNAPSHOTS", "LAST COMMIT", "HEALTH");
      for (int index = 0; index < names.size(); index++) {
        TableStatistics stats = statistics.get(index);
        table.row(
            names.get(index).table(),
            stats.layer(),
            stats.records().recordCount(),
            stats.files().fileCount(),
            new ByteSize(stats.files().totalSizeBytes()),
            stats.snapshots().snapshotCount(),
            stats.current().lastCommitTime(),
            stats.health().healthScore());
      }
      table.print(out());
      return 0;
    }
  }

  /** What {@code tables show --json} prints. */
  record TableDescription(
      TableStatistics statistics,
      List<SchemaCommand.Column> columns,
      List<PartitionsCommand.Spec> partitionSpecs,
      Map<String, String> properties,
      List<Reference> refs) {}

  record Reference(String name, String type, long snapshotId, Optional<Long> maxRefAgeMs) {}

  @Command(
      name = "show",
      description =
          "Show a table: statistics, columns, partitioning, properties, branches and tags.")
  static final class ShowTable extends LakehouseCommand {
    @Mixin TableArgument name;
    @Mixin JsonOption json;

    @Override
    protected int run() {
      IcebergStorageManager storage = storage();
      Table table = storage.loadTable(name.layer(), name.table());
      SecretMasker secrets = context().secrets();
      Map<String, String> properties = new TreeMap<>();
      table
          .properties()
          .forEach((key, value) -> properties.put(key, secrets.maskProperty(key, value)));
      List<Reference> refs = new ArrayList<>();
      table
          .refs()
          .forEach(
              (refName, ref) ->
                  refs.add(
                      new Reference(
                          refName,
                          ref.isBranch() ? "branch" : "tag",
                          ref.snapshotId(),
                          Optional.ofNullable(ref.maxRefAgeMs()))));
      refs.sort((left, right) -> left.name().compareTo(right.name()));
      TableDescription description =
          new TableDescription(
              storage.getTableStatistics(name.layer(), name.table()),
              SchemaCommand.columns(table),
              PartitionsCommand.specs(table),
              properties,
              refs);
      if (json.enabled()) {
        Json.print(out(), description);
        return 0;
      }
      Stats.print(out(), description.statistics());
      println("");
      println("columns:");
      SchemaCommand.table(description.columns()).print(out());
      println("");
      PartitionSpec spec = table.spec();
      println(
          "partitioning (spec "
              + spec.specId()
              + " of "
              + table.specs().size()
              + "): "
              + (spec.isUnpartitioned()
                  ? "unpartitioned"
                  : PartitionsCommand.describe(table, spec)));
      println("");
      println("properties:");
      TextTable propertyTable = new TextTable("KEY", "VALUE");
      properties.forEach(propertyTable::row);
      propertyTable.print(out());
      println("");
      println("branches and tags:");
      TextTable refTable = new TextTable("NAME", "TYPE", "SNAPSHOT", "MAX AGE (ms)");
      refs.forEach(
          ref -> refTable.row(ref.name(), ref.type(), ref.snapshotId(), ref.maxRefAgeMs()));
      refTable.print(out());
      return 0;
    }
  }

  /** A metadata table rendered as rows: full rows in JSON, the telling columns as text. */
  abstract static class MetadataRows extends LakehouseCommand {
    @Mixin TableArgument name;
    @Mixin JsonOption json;

    @Option(
        names = "--limit",
        paramLabel = "N",
        defaultValue = "50",
        description = "Print at most N rows (default: ${DEFAULT-VALUE}).")
    int limit;

    abstract Dataset<Row> rows(IcebergStorageManager storage);

    /** The columns the text table shows, in order; sizes in bytes print as sizes. */
    abstract List<String> textColumns();

    @Override
    protected int run() {
      if (limit < 1) {
        throw new ParameterException(
            spec.commandLine(), "--limit must be at least 1, got " + limit);
      }
      List<Map<String, Object>> rows = SparkRows.collect(rows(storage()), limit);
      if (json.enabled()) {
        Json.print(out(), rows);
        return 0;
      }
      List<String> columns = textColumns();
      TextTable table =
          new TextTable(
              columns.stream()
                  .map(column -> column.toUpperCase(Locale.ROOT).replace('_', ' '))
                  .toArray(String[]::new));
      for (Map<String, Object> row : rows) {
        table.row(columns.stream().map(column -> cell(column, row)).toArray());
      }
      table.print(out());
      return 0;
    }

    Object cell(String column, Map<String, Object> row) {
      Object value = row.get(column);
      return column.endsWith("_in_bytes") && value instanceof Number bytes
          ? new ByteSize(bytes.longValue())
          : value;
    }
  }

  @Command(name = "history", description = "Show which snapshot was current when, newest first.")
  static final class History extends MetadataRows {
    @Override
    Dataset<Row> rows(IcebergStorageManager storage) {
      return storage
          .getTableHistory(name.layer(), name.table())
          .orderBy(col("made_current_at").desc());
    }

    @Override
    List<String> textColumns() {
      return List.of("made_current_at", "snapshot_id", "parent_id", "is_current_ancestor");
    }
  }

  @Command(
      name = "snapshots",
      description = "Show the table's snapshots with their operation and totals, newest first.")
  static final class Snapshots extends MetadataRows {
    private static final List<String> SUMMARY =
        List.of("added-records", "total-records", "total-data-files");

    @Override
    Dataset<Row> rows(IcebergStorageManager storage) {
      return storage
          .getTableSnapshots(name.layer(), name.table())
          .orderBy(col("committed_at").desc());
    }

    @Override
    List<String> textColumns() {
      List<String> columns =
          new ArrayList<>(List.of("committed_at", "snapshot_id", "parent_id", "operation"));
      columns.addAll(SUMMARY);
      return columns;
    }

    @Override
    Object cell(String column, Map<String, Object> row) {
      if (SUMMARY.contains(column) && row.get("summary") instanceof Map<?, ?> summary) {
        Object value = summary.get(column);
        return value == null ? null : Long.parseLong(value.toString());
      }
      return super.cell(column, row);
    }
  }

  @Command(name = "files", description = "Show the data and delete files of the current snapshot.")
  static final class Files extends MetadataRows {
    @Override
    Dataset<Row> rows(IcebergStorageManager storage) {
      return storage.getTableFiles(name.layer(), name.table());
    }

    @Override
    List<String> textColumns() {
      return List.of(
          "content",
          "file_format",
          "spec_id",
          "partition",
          "record_count",
          "file_size_in_bytes",
          "file_path");
    }
  }

  @Command(
      name = "stats",
      description = "Show statistics from metadata, of one table or (--all) of every table.")
  static final class Stats extends LakehouseCommand {
    @Parameters(
        index = "0",
        arity = "0..1",
        paramLabel = "LAYER",
        converter = LayerConverter.class,
        description = "The table's layer: bronze, silver or gold.")
    Layer layer;

    @Parameters(
        index = "1",
        arity = "0..1",
        paramLabel = "TABLE",
        description = "The table's name within the layer.")
    String table;

    @Option(names = "--all", description = "Statistics of every table of every layer.")
    boolean all;

    @Mixin JsonOption json;

    @Override
    protected int run() {
      if (all ? layer != null || table != null : layer == null || table == null) {
        throw new ParameterException(spec.commandLine(), "give either LAYER TABLE or --all");
      }
      if (!all) {
        TableStatistics statistics = storage().getTableStatistics(layer, table);
        if (json.enabled()) {
          Json.print(out(), statistics);
        } else {
          print(out(), statistics);
        }
        return 0;
      }
      List<TableStatistics> statistics = storage().getAllTableStatistics();
      if (json.enabled()) {
        Json.print(out(), statistics);
        return 0;
      }
      TextTable rows =
          new TextTable(
              "TABLE",
              "LAYER",
              "RECORDS",
              "FILES",
              "SMALL",
              "SIZE",
              "AVG FILE",
              "DELETE FILES",
              "SNAPSHOTS",
              "PARTITIONS",
              "SPECS",
              "HEALTH");
      for (TableStatistics stats : statistics) {
        rows.row(
            stats.table(),
            stats.layer(),
            stats.records().recordCount(),
            stats.files().fileCount(),
            stats.files().smallFileCount(),
            new ByteSize(stats.files().totalSizeBytes()),
            new ByteSize(stats.files().avgFileSizeBytes()),
            stats.deletes().deleteFileCount(),
            stats.snapshots().snapshotCount(),
            stats.files().partitionCount(),
            stats.layout().specCount(),
            stats.health().healthScore());
      }
      rows.print(out());
      return 0;
    }

    static void print(PrintWriter out, TableStatistics stats) {
      Map<String, Object> values = new LinkedHashMap<>();
      values.put("table", stats.table());
      values.put("layer", stats.layer());
      values.put("location", stats.location());
      values.put("format version", stats.formatVersion());
      values.put("current snapshot", stats.current().currentSnapshotId());
      values.put("last commit", stats.current().lastCommitTime());
      values.put("records", stats.records().recordCount());
      values.put("data files", stats.files().fileCount());
      values.put("small files", stats.files().smallFileCount());
      values.put("total size", new ByteSize(stats.files().totalSizeBytes()));
      values.put("average file", new ByteSize(stats.files().avgFileSizeBytes()));
      values.put("smallest file", new ByteSize(stats.files().minFileSizeBytes()));
      values.put("largest file", new ByteSize(stats.files().maxFileSizeBytes()));
      values.put("partitions", stats.files().partitionCount());
      values.put(
          "most small files",
          stats.files().maxSmallFilesPerPartition()
              + (stats.files().maxSmallFilesPartition().isEmpty()
                  ? ""
                  : " in " + stats.files().maxSmallFilesPartition()));
      values.put("partitioning", stats.layout().partitioning());
      values.put("partition specs", stats.layout().specCount());
      values.put("delete files", stats.deletes().deleteFileCount());
      values.put("position deletes", stats.deletes().positionDeleteCount());
      values.put("equality deletes", stats.deletes().equalityDeleteCount());
      values.put("snapshots", stats.snapshots().snapshotCount());
      values.put("branches", stats.snapshots().branchCount());
      values.put("tags", stats.snapshots().tagCount());
      values.put("columns", stats.layout().columnCount());
      values.put("manifests", stats.metadata().manifestCount());
      values.put("metadata file", new ByteSize(stats.metadata().metadataFileSizeBytes()));
      values.put("health", stats.health().healthScore() + " of 100");
      // Each value is printed as text, so the column stays left-aligned.
      TextTable table = new TextTable("STATISTIC", "VALUE");
      values.forEach((key, value) -> table.row(key, TextTable.text(value)));
      for (TableHealth.Deduction deduction : stats.health().healthDeductions()) {
        table.row(
            "health lost",
            TextTable.text(deduction.pointsLost()) + " points: " + deduction.reason());
      }
      table.print(out);
    }
  }

  /** The snapshot that is current after a rollback. */
  record RollbackResult(String table, long snapshotId, Instant committedAt) {}

  @Command(
      name = "changes",
      description =
          "Show the rows a table's commits inserted, updated (before and after) and deleted, by the"
              + " table's key; compactions change nothing and do not show.")
  static final class Changes extends LakehouseCommand {
    @Mixin TableArgument name;
    @Mixin JsonOption json;

    @ArgGroup(exclusive = true)
    Start start;

    static final class Start {
      @Option(
          names = "--from",
          paramLabel = "SNAPSHOT",
          description = "Changes of the commits after this snapshot (default: the whole history).")
      Long snapshotId;

      @Option(
          names = "--since",
          paramLabel = "TIME",
          description =
              "Changes of the commits after this time: ISO-8601, e.g. 2025-01-31T12:00:00Z; without"
                  + " zone it is UTC; a date alone means its start.")
      String time;
    }

    @Option(
        names = "--to",
        paramLabel = "SNAPSHOT",
        description = "The last snapshot whose changes to show (default: the current one).")
    Long to;

    @Option(
        names = "--limit",
        paramLabel = "N",
        defaultValue = "100",
        description = "Print at most N changes (default: ${DEFAULT-VALUE}).")
    int limit;

    /** What the command prints as JSON: the range and its changes. */
    record Report(
        String table,
        Optional<Long> afterSnapshot,
        long toSnapshot,
        List<Long> commits,
        List<String> key,
        Map<String, Long> counts,
        List<Map<String, Object>> changes) {}

    @Override
    protected int run() {
      if (limit < 1) {
        throw new ParameterException(
            spec.commandLine(), "--limit must be at least 1, got " + limit);
      }
      ChangeRange range = ChangeRange.all();
      if (start != null && start.snapshotId != null) {
        range = ChangeRange.after(start.snapshotId);
      } else if (start != null) {
        range = ChangeRange.since(parseTime(spec, "--since", start.time));
      }
      if (to != null) {
        range = range.to(to);
      }
      // The contract's key for the pipeline's tables; Iceberg's identifier fields for others.
      List<String> key =
          PipelineTable.find(name.layer(), name.table()).map(PipelineTable::key).orElse(List.of());
      TableChanges changes = storage().changes(name.layer(), name.table(), range, key);
      Dataset<Row> rows =
          changes
              .rows()
              .orderBy(col(TableChanges.COMMIT_SNAPSHOT_ID), col(TableChanges.CHANGE_TYPE).desc())
              .cache();
      try {
        Map<String, Long> counts = new TreeMap<>();
        for (Row row : rows.groupBy(TableChanges.CHANGE_TYPE).count().collectAsList()) {
          counts.put(row.getString(0), row.getLong(1));
        }
        Report report =
            new Report(
                changes.table().toString(),
                changes.afterSnapshot(),
                changes.toSnapshot(),
                changes.commits(),
                changes.key(),
                counts,
                SparkRows.collect(rows, limit));
        if (json.enabled()) {
          Json.print(out(), report);
        } else {
          print(report, rows.columns());
        }
      } finally {
        rows.unpersist();
      }
      return 0;
    }

    private void print(Report report, String[] columns) {
      long total = report.counts().values().stream().mapToLong(Long::longValue).sum();
      println(
          report.table()
              + ": "
              + total
              + " changes in "
              + report.commits().size()
              + " commits "
              + report.afterSnapshot().map(id -> "after snapshot " + id).orElse("from the start")
              + " up to snapshot "
              + report.toSnapshot()
              + (report.counts().isEmpty() ? "" : " " + report.counts()));
      if (report.changes().isEmpty()) {
        return;
      }
      TextTable table =
          new TextTable(
              Arrays.stream(columns)
                  .map(
                      column ->
                          column.replaceFirst("^_", "").toUpperCase(Locale.ROOT).replace('_', ' '))
                  .toArray(String[]::new));
      for (Map<String, Object> change : report.changes()) {
        table.row(Arrays.stream(columns).map(change::get).toArray());
      }
      table.print(out());
      if (report.changes().size() < total) {
        println("(" + (total - report.changes().size()) + " more; raise --limit or use --json)");
      }
    }
  }

  @Command(
      name = "rollback",
      description = "Make an earlier snapshot current again; later snapshots stay in the history.")
  static final class Rollback extends LakehouseCommand {
    @Mixin TableArgument name;
    @Mixin JsonOption json;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Target target;

    static final class Target {
      @Option(
          names = "--snapshot",
          paramLabel = "ID",
          description = "The snapshot to make current.")
      Long snapshotId;

      @Option(
          names = "--timestamp",
          paramLabel = "TIME",
          description =
              "Make current the last snapshot committed before this time: ISO-8601, e.g."
                  + " 2025-01-31T12:00:00Z; without zone it is UTC; a date alone means its start.")
      String timestamp;
    }

    @Override
    protected int run() {
      Snapshot current;
      if (target.snapshotId != null) {
        current = storage().rollbackToSnapshot(name.layer(), name.table(), target.snapshotId);
      } else {
        Instant time = parseTime(spec, "--timestamp", target.timestamp);
        current = storage().rollbackToTimestamp(name.layer(), name.table(), time);
      }
      RollbackResult result =
          new RollbackResult(
              storage().table(name.layer(), name.table()).toString(),
              current.snapshotId(),
              Instant.ofEpochMilli(current.timestampMillis()));
      if (json.enabled()) {
        Json.print(out(), result);
      } else {
        println(
            "rolled back "
                + result.table()
                + ": current snapshot is "
                + result.snapshotId()
                + " (committed "
                + TextTable.text(result.committedAt())
                + ")");
      }
      return 0;
    }
  }

  /**
   * An ISO-8601 instant; without zone it is UTC, a date alone means its start.
   *
   * @param option the option it came from, for the error
   */
  static Instant parseTime(CommandSpec spec, String option, String text) {
    String value = text.strip();
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException notAnInstant) {
      try {
        return OffsetDateTime.parse(value).toInstant();
      } catch (DateTimeParseException notOffset) {
        try {
          return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException notLocal) {
          try {
            return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
          } catch (DateTimeParseException notDate) {
            throw new ParameterException(
                spec.commandLine(),
                "invalid "
                    + option
                    + " '"
                    + text
                    + "'; expected ISO-8601 such as 2025-01-31T12:00:00Z, "
                    + "2025-01-31T12:00:00 (UTC) or 2025-01-31");
          }
        }
      }
    }
  }

  /** Whether a reference command works on tags or on branches. */
  enum ReferenceKind {
    TAG,
    BRANCH;

    @Override
    public String toString() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  abstract static class CreateReference extends LakehouseCommand {
    @Mixin TableArgument name;

    @Parameters(index = "2", paramLabel = "NAME", description = "The name of the tag or branch.")
    String reference;

    @Option(
        names = "--snapshot",
        paramLabel = "ID",
        description = "The snapshot it points at (default: the current one).")
    Long snapshotId;

    @Option(
        names = "--retain-days",
        paramLabel = "N",
        description = "Keep it N days; after that snapshot expiry removes it (default: forever).")
    Integer retainDays;

    abstract ReferenceKind kind();

    @Override
    protected int run() {
      if (retainDays != null && retainDays < 1) {
        throw new ParameterException(
            spec.commandLine(), "--retain-days must be at least 1, got " + retainDays);
      }
      Optional<Long> snapshot = Optional.ofNullable(snapshotId);
      Optional<Duration> retain = Optional.ofNullable(retainDays).map(Duration::ofDays);
      if (kind() == ReferenceKind.TAG) {
        storage().createTag(name.layer(), name.table(), reference, snapshot, retain);
      } else {
        storage().createBranch(name.layer(), name.table(), reference, snapshot, retain);
      }
      SnapshotRef ref = storage().loadTable(name.layer(), name.table()).refs().get(reference);
      println(
          "created "
              + kind()
              + " "
              + reference
              + " on "
              + storage().table(name.layer(), name.table())
              + " at snapshot "
              + ref.snapshotId()
              + (retainDays == null ? "" : ", kept " + retainDays + " day(s)"));
      return 0;
    }
  }

  abstract static class DropReference extends LakehouseCommand {
    @Mixin TableArgument name;

    @Parameters(index = "2", paramLabel = "NAME", description = "The name of the tag or branch.")
    String reference;

    abstract ReferenceKind kind();

    @Override
    protected int run() {
      if (kind() == ReferenceKind.TAG) {
        storage().dropTag(name.layer(), name.table(), reference);
      } else {
        storage().dropBranch(name.layer(), name.table(), reference);
      }
      println(
          "dropped "
              + kind()
              + " "
              + reference
              + " of "
              + storage().table(name.layer(), name.table()));
      return 0;
    }
  }

  @Command(
      name = "tag",
      description = "Create or drop a tag: a named snapshot that expiry keeps.",
      subcommands = {Tags.Create.class, Tags.Drop.class})
  static final class Tags {
    @Command(name = "create", description = "Tag a snapshot (default: the current one).")
    static final class Create extends CreateReference {
      @Override
      ReferenceKind kind() {
        return ReferenceKind.TAG;
      }
    }

    @Command(name = "drop", description = "Drop a tag; the snapshot stays until expiry.")
    static final class Drop extends DropReference {
      @Override
      ReferenceKind kind() {
        return ReferenceKind.TAG;
      }
    }
  }

  @Command(
      name = "branch",
      description = "Create or drop a branch: an independent line of snapshots.",
      subcommands = {Branches.Create.class, Branches.Drop.class})
  static final class Branches {
    @Command(name = "create", description = "Branch from a snapshot (default: the current one).")
    static final class Create extends CreateReference {
      @Override
      ReferenceKind kind() {
        return ReferenceKind.BRANCH;
      }
    }

    @Command(name = "drop", description = "Drop a branch (never main).")
    static final class Drop extends DropReference {
      @Override
      ReferenceKind kind() {
        return ReferenceKind.BRANCH;
      }
    }
  }
}
