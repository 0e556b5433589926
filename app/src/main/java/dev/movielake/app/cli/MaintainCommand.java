package dev.movielake.app.cli;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.movielake.cli.ByteSize;
import dev.movielake.cli.Json;
import dev.movielake.cli.JsonOption;
import dev.movielake.cli.LayerConverter;
import dev.movielake.cli.SecretMasker;
import dev.movielake.cli.TableArgument;
import dev.movielake.cli.TextTable;
import dev.movielake.lakehouse.TableName;
import dev.movielake.lakehouse.TableNotFoundException;
import dev.movielake.lakehouse.maintenance.CompactTable;
import dev.movielake.lakehouse.maintenance.DeleteMarkedOrphanFiles;
import dev.movielake.lakehouse.maintenance.ExpireSnapshots;
import dev.movielake.lakehouse.maintenance.MaintenanceManager;
import dev.movielake.lakehouse.maintenance.MaintenancePlan;
import dev.movielake.lakehouse.maintenance.MaintenanceReport;
import dev.movielake.lakehouse.maintenance.MaintenanceRun;
import dev.movielake.lakehouse.maintenance.MarkOrphanFiles;
import dev.movielake.lakehouse.maintenance.RewriteManifests;
import dev.movielake.lakehouse.maintenance.TableLocations;
import dev.movielake.lakehouse.maintenance.service.MaintenanceEntry;
import dev.movielake.lakehouse.readers.TableReader;
import dev.movielake.lakehouse.readers.TableReaders;
import dev.movielake.lakehouse.table.TableHealth;
import dev.movielake.lakehouse.table.TableStatistics;
import dev.movielake.model.Layer;
import dev.movielake.stream.maintenance.PipelineMaintenance;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.iceberg.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code pipeline maintain ...}: table maintenance, one action on one table or everything a plan
 * (or a full run) says on many. The order in a run is compaction, manifests, expiry, orphans.
 * Expiry keeps what each table's registered readers need; {@code readers} lists and unregisters
 * them.
 */
@Command(
    name = "maintain",
    description =
        "Compact files, expire snapshots, remove orphan files, rewrite manifests; plan and report.",
    subcommands = {
      MaintainCommand.Compact.class,
      MaintainCommand.Expire.class,
      MaintainCommand.Orphans.class,
      MaintainCommand.Manifests.class,
      MaintainCommand.All.class,
      MaintainCommand.Plan.class,
      MaintainCommand.Report.class,
      MaintainCommand.Readers.class,
      MaintainAutoCommand.class
    })
public final class MaintainCommand {

  /** {@code --layer}: one layer's tables, or every table when omitted. */
  static final class LayerOption {
    @Option(
        names = "--layer",
        paramLabel = "LAYER",
        converter = LayerConverter.class,
        description =
            "Only the tables of this layer (bronze, silver or gold); all layers when omitted.")
    Layer layer;

    Optional<Layer> layer() {
      return Optional.ofNullable(layer);
    }
  }

  @Command(
      name = "compact",
      description = "Rewrite small data files into fewer, larger ones (rewrite_data_files).")
  static final class Compact extends LakehouseCommand {
    @Mixin TableArgument name;
    @Mixin JsonOption json;

    @Option(
        names = "--strategy",
        paramLabel = "binpack|sort",
        description =
            "binpack only merges files; sort also orders rows (default: sort with --sort-order,"
                + " else binpack).")
    CompactTable.Strategy strategy;

    @Option(
        names = "--sort-order",
        paramLabel = "FIELDS",
        description =
            "Comma-separated sort fields, e.g. \"release_date DESC,movie_id\" (implies --strategy"
                + " sort).")
    String sortOrder;

    @Option(
        names = "--where",
        paramLabel = "CONDITION",
        description =
            "Only files that may hold matching rows, e.g. \"release_date < '2020-01-01'\".")
    String where;

    @Option(
        names = "--target-file-size",
        paramLabel = "BYTES",
        description = "Target size of the new files (default: ICEBERG_TARGET_FILE_SIZE_BYTES).")
    Long targetFileSize;

    @Option(
        names = "--min-input-files",
        paramLabel = "N",
        description =
            "Rewrite a file group only when it has at least N files (Iceberg's default: 5).")
    Integer minInputFiles;

    @Option(
        names = "--no-partial-progress",
        description = "Commit the whole compaction at once instead of group by group.")
    boolean noPartialProgress;

    @Override
    protected int run() {
      CompactTable.Strategy chosen =
          strategy != null
              ? strategy
              : sortOrder != null ? CompactTable.Strategy.SORT : CompactTable.Strategy.BINPACK;
      if (chosen == CompactTable.Strategy.BINPACK && sortOrder != null) {
        throw new ParameterException(spec.commandLine(), "--sort-order needs --strategy sort");
      }
      CompactTable compact =
          new CompactTable(storage().catalog(), storage().table(name.layer(), name.table()));
      if (chosen == CompactTable.Strategy.SORT) {
        compact.sort(
            sortOrder == null
                ? new String[0]
                : Arrays.stream(sortOrder.split(","))
                    .map(String::strip)
                    .filter(field -> !field.isEmpty())
                    .toArray(String[]::new));
      } else {
        compact.binPack();
      }
      if (where != null) {
        compact.where(where);
      }
      if (targetFileSize != null) {
        compact.targetFileSizeBytes(targetFileSize);
      }
      if (minInputFiles != null) {
        compact.minInputFiles(minInputFiles);
      }
      compact.partialProgress(!noPartialProgress);
      CompactTable.Result result = compact.execute();
      if (json.enabled()) {
        Json.print(out(), result);
        return 0;
      }
      println(
          "compacted "
              + result.table()
              + " ("
              + result.strategy().name().toLowerCase(Locale.ROOT)
              + "): rewrote "
              + result.rewrittenDataFiles()
              + " data file(s) of "
              + ByteSize.format(result.rewrittenBytes())
              + " into "
              + result.addedDataFiles()
              + "; data files "
              + result.filesBefore()
              + " -> "
              + result.filesAfter()
              + " in "
              + TextTable.text(result.duration())
              + (result.failedDataFiles() > 0
                  ? "; " + result.failedDataFiles() + " file(s) failed and stay as they were"
                  : ""));
      return 0;
    }
  }

  @Command(
      name = "expire",
      description =
          "Expire old snapshots and delete the files only they referenced (expire_snapshots).")
  static final class Expire extends LakehouseCommand {
    @Mixin TableArgument name;
    @Mixin JsonOption json;

    @Option(
        names = "--older-than-days",
        paramLabel = "N",
        description =
            "Expire snapshots older than N days (default: the layer's retention,"
                + " ICEBERG_<LAYER>_RETENTION_DAYS).")
    Integer olderThanDays;

    @Option(
        names = "--retain-last",
        paramLabel = "N",
        description = "Keep at least the N newest snapshots whatever their age (default: 1).")
    Integer retainLast;

    @Override
    protected int run() {
      ExpireSnapshots expire =
          new ExpireSnapshots(storage().catalog(), storage().table(name.layer(), name.table()));
      if (olderThanDays != null) {
        expire.olderThanDays(olderThanDays);
      }
      if (retainLast != null) {
        expire.retainLast(retainLast);
      }
      ExpireSnapshots.Result result = expire.execute();
      if (json.enabled()) {
        Json.print(out(), result);
        return 0;
      }
      println(
          "expired "
              + result.expiredSnapshots()
              + " snapshot(s) of "
              + result.table()
              + " older than "
              + TextTable.text(result.olderThan())
              + " (snapshots "
              + result.snapshotsBefore()
              + " -> "
              + result.snapshotsAfter()
              + "); deleted "
              + result.deletedDataFiles()
              + " data file(s), "
              + result.deletedDeleteFiles()
              + " delete file(s), "
              + result.deletedManifests()
              + " manifest(s), "
              + result.deletedManifestLists()
              + " manifest list(s) in "
              + TextTable.text(result.duration())
              + result
                  .heldBack()
                  .filter(hold -> hold.keptSnapshots() > 0)
                  .map(
                      hold ->
                          "; "
                              + hold.describe()
                              + " (the retention alone would expire before "
                              + TextTable.text(hold.retentionCutoff())
                              + ")")
                  .orElse(""));
      return 0;
    }
  }

  @Command(
      name = "orphans",
      description = {
        "Remove files that no snapshot references, in two phases: of every table, of LAYER's"
            + " tables, or of the table LAYER TABLE.",
        "",
        "1. Mark (--mark): list the files no snapshot references that are older than the age"
            + " guard (ICEBERG_ORPHAN_FILE_AGE_DAYS, default 3 days, never under 1 day: a write"
            + " in flight has files no snapshot references yet) and record each new one in"
            + " silver.orphan_files. Nothing is deleted.",
        "",
        "2. Delete (--delete): marks older than the grace (ICEBERG_ORPHAN_GRACE_HOURS, default"
            + " 48 h) are checked against a fresh listing: a file still unreferenced is deleted,"
            + " one a snapshot references again (e.g. after add_files) is kept, one no longer"
            + " there is recorded as gone. Marks in their grace wait.",
        "",
        "Without --mark and --delete both phases run, marking first. A table whose location"
            + " overlaps another table's is refused. 'maintain all' removes orphans at once;"
            + " 'maintain all --planned' runs the two phases when due (a scan every"
            + " MAINTENANCE_ORPHAN_INTERVAL_HOURS). Exit code 1 if a table failed."
      })
  static final class Orphans extends LakehouseCommand {
    @Parameters(
        index = "0",
        arity = "0..1",
        paramLabel = "LAYER",
        converter = LayerConverter.class,
        description = "Only this layer's tables: bronze, silver or gold; every table when omitted.")
    Layer layer;

    @Parameters(
        index = "1",
        arity = "0..1",
        paramLabel = "TABLE",
        description = "Only this table of the layer, e.g. movies.")
    String table;

    @Mixin JsonOption json;

    @Option(names = "--mark", description = "Run the first phase: mark unreferenced files.")
    boolean mark;

    @Option(
        names = "--delete",
        description =
            "Run the second phase: delete marked files past the grace if still unreferenced.")
    boolean delete;

    @Option(
        names = "--older-than-days",
        paramLabel = "N",
        description =
            "The age guard: only files older than N days, at least 1"
                + " (default: ICEBERG_ORPHAN_FILE_AGE_DAYS).")
    Integer olderThanDays;

    @Option(
        names = "--dry-run",
        description = "List what would be marked and deleted; mark, delete and record nothing.")
    boolean dryRun;

    /** One table's phases: what each found and decided, or why the table failed. */
    record TableOrphans(
        TableName table,
        Optional<MarkOrphanFiles.Result> marking,
        Optional<DeleteMarkedOrphanFiles.Result> deletion,
        Optional<String> error) {}

    /** The whole run, as {@code --json} prints it. */
    record OrphansRun(TableName marksTable, boolean dryRun, List<TableOrphans> tables) {}

    @Override
    protected int run() {
      boolean marking = mark || !delete;
      boolean deleting = delete || !mark;
      List<TableName> tables;
      if (table != null) {
        TableName name = storage().table(layer, table);
        if (!storage().catalog().tableExists(name)) {
          throw new TableNotFoundException(name);
        }
        tables = List.of(name);
      } else {
        tables = context().maintenance().tables(Optional.ofNullable(layer));
      }
      TableName marksTable = context().orphanMarks();
      // Every action is configured before any runs, so a bad option touches no table.
      Map<TableName, MarkOrphanFiles> marks = new LinkedHashMap<>();
      Map<TableName, DeleteMarkedOrphanFiles> deletions = new LinkedHashMap<>();
      for (TableName name : tables) {
        MarkOrphanFiles markFiles =
            new MarkOrphanFiles(storage().catalog(), name, marksTable).dryRun(dryRun);
        DeleteMarkedOrphanFiles deleteFiles =
            new DeleteMarkedOrphanFiles(storage().catalog(), name, marksTable).dryRun(dryRun);
        if (olderThanDays != null) {
          markFiles.olderThanDays(olderThanDays);
          deleteFiles.olderThanDays(olderThanDays);
        }
        marks.put(name, markFiles);
        deletions.put(name, deleteFiles);
      }
      // The catalog's tables are loaded once, for every table's overlap check.
      TableLocations locations = TableLocations.load(storage().catalog());
      List<TableOrphans> results = new ArrayList<>();
      for (TableName name : tables) {
        Optional<MarkOrphanFiles.Result> marked = Optional.empty();
        Optional<DeleteMarkedOrphanFiles.Result> deleted = Optional.empty();
        Optional<String> error = Optional.empty();
        try {
          if (marking) {
            marked = Optional.of(marks.get(name).locations(locations).execute());
          }
          if (deleting) {
            deleted = Optional.of(deletions.get(name).locations(locations).execute());
          }
        } catch (RuntimeException e) {
          error =
              Optional.of(
                  context()
                      .secrets()
                      .mask(
                          e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        }
        results.add(new TableOrphans(name, marked, deleted, error));
      }
      OrphansRun run = new OrphansRun(marksTable, dryRun, results);
      if (json.enabled()) {
        println(context().secrets().mask(Json.text(run)));
      } else {
        print(run);
      }
      return results.stream().anyMatch(result -> result.error().isPresent()) ? 1 : 0;
    }

    private void print(OrphansRun run) {
      TextTable summary =
          new TextTable(
              "TABLE", "FOUND", "MARKED", "WAITING", "DELETED", "KEPT", "GONE", "FREED", "STATUS");
      TextTable files = new TextTable("TABLE", "FILE", "DECISION");
      String would = run.dryRun() ? "would be " : "";
      long marked = 0;
      long deleted = 0;
      long waiting = 0;
      long freed = 0;
      for (TableOrphans result : run.tables()) {
        Optional<MarkOrphanFiles.Result> marking = result.marking();
        Optional<DeleteMarkedOrphanFiles.Result> deletion = result.deletion();
        summary.row(
            result.table(),
            marking.map(MarkOrphanFiles.Result::found),
            marking.map(found -> found.newlyMarked().size()),
            deletion.map(DeleteMarkedOrphanFiles.Result::waiting),
            deletion.map(decided -> decided.deleted().size()),
            deletion.map(decided -> decided.kept().size()),
            deletion.map(decided -> decided.gone().size()),
            deletion.map(decided -> new ByteSize(decided.bytesFreed())),
            result.error().map(error -> "failed: " + error).orElse("ok"));
        marking.ifPresent(
            found ->
                found
                    .newlyMarked()
                    .forEach(file -> files.row(result.table(), file, would + "marked")));
        deletion.ifPresent(
            decided -> {
              decided.deleted().forEach(file -> files.row(result.table(), file, would + "deleted"));
              decided
                  .kept()
                  .forEach(
                      file -> files.row(result.table(), file, would + "kept: referenced again"));
              decided.gone().forEach(file -> files.row(result.table(), file, would + "gone"));
              decided
                  .failed()
                  .forEach(file -> files.row(result.table(), file, "not deleted: still marked"));
            });
        marked += marking.map(found -> found.newlyMarked().size()).orElse(0);
        deleted += deletion.map(decided -> decided.deleted().size()).orElse(0);
        waiting += deletion.map(DeleteMarkedOrphanFiles.Result::waiting).orElse(0);
        freed += deletion.map(DeleteMarkedOrphanFiles.Result::bytesFreed).orElse(0L);
      }
      if (!summary.isEmpty()) {
        summary.print(out());
      }
      if (!files.isEmpty()) {
        println("");
        files.print(out());
      }
      long failed = run.tables().stream().filter(result -> result.error().isPresent()).count();
      println(
          run.tables().size()
              + " table(s): "
              + marked
              + " file(s) "
              + would
              + "marked, "
              + deleted
              + " "
              + would
              + "deleted ("
              + new ByteSize(freed)
              + "), "
              + waiting
              + " waiting for their grace; marks in "
              + run.marksTable()
              + (run.dryRun() ? " (dry run: nothing was marked, deleted or recorded)" : "")
              + (failed > 0 ? "; " + failed + " failed" : ""));
    }
  }

  @Command(
      name = "manifests",
      description =
          "Rewrite many small manifests into few, clustered by partition (rewrite_manifests).")
  static final class Manifests extends LakehouseCommand {
    @Mixin TableArgument name;
    @Mixin JsonOption json;

    @Override
    protected int run() {
      RewriteManifests.Result result =
          new RewriteManifests(storage().catalog(), storage().table(name.layer(), name.table()))
              .execute();
      if (json.enabled()) {
        Json.print(out(), result);
        return 0;
      }
      println(
          "rewrote "
              + result.rewrittenManifests()
              + " manifest(s) of "
              + result.table()
              + " into "
              + result.addedManifests()
              + " in "
              + TextTable.text(result.duration()));
      return 0;
    }
  }

  @Command(
      name = "all",
      description =
          "Maintain every table (or one layer's): compact, rewrite manifests, expire snapshots,"
              + " remove orphan files. A failing table is reported and the others still run; exit"
              + " code 1 if any failed.")
  static final class All extends LakehouseCommand {
    @Mixin LayerOption layer;
    @Mixin JsonOption json;

    @Option(
        names = "--planned",
        description =
            "Run only the actions 'maintain plan' lists, instead of all four on every table.")
    boolean planned;

    @Override
    protected int run() {
      MaintenanceManager manager = context().maintenance();
      MaintenanceRun run;
      try (MaintenanceProgressReporter progress =
          MaintenanceProgressReporter.create(err(), json.enabled())) {
        run =
            planned
                ? manager.runPlan(manager.plan(layer.layer()), progress)
                : manager.runFullMaintenance(layer.layer(), progress);
      }
      SecretMasker secrets = context().secrets();
      if (json.enabled()) {
        // Error messages of failed actions come from the catalog and storage: masked like any
        // error.
        println(secrets.mask(Json.text(run)));
      } else {
        print(run, secrets);
      }
      return run.succeeded() ? 0 : 1;
    }

    private void print(MaintenanceRun run, SecretMasker secrets) {
      TextTable table =
          new TextTable("TABLE", "DATA FILES", "MANIFESTS", "EXPIRED", "ORPHANS", "SIZE", "STATUS");
      for (MaintenanceRun.TableRun tableRun : run.tables()) {
        table.row(
            tableRun.table(),
            tableRun
                .compaction()
                .map(result -> result.filesBefore() + " -> " + result.filesAfter()),
            tableRun
                .manifests()
                .map(result -> result.rewrittenManifests() + " -> " + result.addedManifests()),
            tableRun.expiry().map(ExpireSnapshots.Result::expiredSnapshots),
            orphans(tableRun),
            tableRun.after().map(statistics -> new ByteSize(statistics.files().totalSizeBytes())),
            (tableRun.succeeded()
                    ? "ok"
                    : "failed: "
                        + tableRun.errors().entrySet().stream()
                            .map(error -> error.getKey() + ": " + secrets.mask(error.getValue()))
                            .collect(Collectors.joining("; ")))
                + tableRun.notes().entrySet().stream()
                    .map(note -> "; " + note.getKey() + ": " + note.getValue())
                    .collect(Collectors.joining()));
      }
      if (!table.isEmpty()) {
        table.print(out());
      }
      println(
          run.tables().size()
              + " table(s) maintained in "
              + TextTable.text(run.duration())
              + (run.succeeded() ? "" : "; " + run.failedTables() + " failed"));
    }
  }

  /**
   * The ORPHANS column of {@code all}: files removed at once, or what the two phases did (files
   * marked, marks deleted); {@code -} when no orphan action ran.
   */
  static Optional<String> orphans(MaintenanceRun.TableRun run) {
    List<String> parts = new ArrayList<>();
    run.orphans().ifPresent(removed -> parts.add(Integer.toString(removed.orphanFiles().size())));
    run.orphanMarks().ifPresent(marked -> parts.add(marked.newlyMarked().size() + " marked"));
    run.orphanDeletion().ifPresent(decided -> parts.add(decided.deleted().size() + " deleted"));
    return parts.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", parts));
  }

  @Command(
      name = "plan",
      description = "Show what each table needs, decided from metadata; changes nothing.")
  static final class Plan extends LakehouseCommand {
    @Mixin LayerOption layer;
    @Mixin JsonOption json;

    @Override
    protected int run() {
      MaintenancePlan plan = context().maintenance().plan(layer.layer());
      if (json.enabled()) {
        Json.print(out(), plan);
        return 0;
      }
      TextTable table = new TextTable("TABLE", "ACTION", "REASON");
      for (MaintenancePlan.TablePlan tablePlan : plan.tables()) {
        if (tablePlan.actions().isEmpty()) {
          table.row(tablePlan.table(), "(none)", "nothing to do");
        }
        for (MaintenancePlan.PlannedAction action : tablePlan.actions()) {
          table.row(tablePlan.table(), action.action(), action.reason());
        }
      }
      if (!table.isEmpty()) {
        table.print(out());
      }
      long busy =
          plan.tables().stream().filter(tablePlan -> !tablePlan.actions().isEmpty()).count();
      println(
          plan.actionCount()
              + " action(s) planned for "
              + busy
              + " of "
              + plan.tables().size()
              + " table(s); run them with 'pipeline maintain all --planned'");
      return 0;
    }
  }

  @Command(
      name = "report",
      description =
          "Show records, files, size, snapshots and health (0-100) per table, with totals; then"
              + " what each table's health lost points for, and each table's registered readers"
              + " and how far behind they are.")
  static final class Report extends LakehouseCommand {
    @Mixin LayerOption layer;
    @Mixin JsonOption json;

    @Option(
        names = "--actions",
        defaultValue = "10",
        description =
            "How many of the maintenance service's last actions to show, with why (default"
                + " ${DEFAULT-VALUE}; 0 shows none).")
    int actions;

    /** The report with the service's last actions, as {@code --json} prints it. */
    record WithActions(
        @JsonUnwrapped MaintenanceReport report, List<MaintenanceEntry> lastActions) {}

    @Override
    protected int run() {
      MaintenanceReport report = context().maintenance().generateMaintenanceReport(layer.layer());
      List<MaintenanceEntry> lastActions =
          actions <= 0
              ? List.of()
              : PipelineMaintenance.log(storage()).latest(Integer.MAX_VALUE).stream()
                  .filter(
                      entry -> layer.layer().map(chosen -> chosen == entry.layer()).orElse(true))
                  .limit(actions)
                  .toList();
      if (json.enabled()) {
        Json.print(out(), new WithActions(report, lastActions));
        return 0;
      }
      TextTable table =
          new TextTable(
              "TABLE",
              "LAYER",
              "RECORDS",
              "FILES",
              "SMALL FILES",
              "SIZE",
              "SNAPSHOTS",
              "DELETE FILES",
              "LAST COMMIT",
              "HEALTH");
      for (TableStatistics statistics : report.tables()) {
        table.row(
            statistics.table(),
            statistics.layer(),
            statistics.records().recordCount(),
            statistics.files().fileCount(),
            statistics.files().smallFileCount(),
            new ByteSize(statistics.files().totalSizeBytes()),
            statistics.snapshots().snapshotCount(),
            statistics.deletes().deleteFileCount(),
            statistics.current().lastCommitTime(),
            statistics.health().healthScore());
      }
      MaintenanceReport.Totals totals = report.totals();
      table.row(
          "TOTAL (" + totals.tables() + " tables)",
          null,
          totals.records(),
          totals.files(),
          totals.smallFiles(),
          new ByteSize(totals.totalSizeBytes()),
          totals.snapshots(),
          totals.deleteFiles(),
          null,
          null);
      table.print(out());
      if (report.tables().stream()
          .anyMatch(statistics -> !statistics.health().healthDeductions().isEmpty())) {
        println("");
        printHealth(out(), report.tables());
      }
      if (!report.readers().isEmpty()) {
        println("");
        printReaders(out(), report.readers());
      }
      if (!lastActions.isEmpty()) {
        println("");
        println("Last actions of the maintenance service (silver.maintenance_log):");
        printActions(out(), lastActions);
      }
      return 0;
    }
  }

  /** The maintenance service's actions: what triggered each, and what it predicted and did. */
  static void printActions(PrintWriter out, List<MaintenanceEntry> actions) {
    TextTable table =
        new TextTable(
            "STARTED", "TABLE", "ACTION", "WHY", "OUTCOME", "DATA FILES", "SNAPSHOTS", "TOOK");
    for (MaintenanceEntry entry : actions) {
      table.row(
          entry.startedAt(),
          entry.table(),
          entry.action().name().toLowerCase(Locale.ROOT).replace('_', ' '),
          entry.trigger().id() + ": " + entry.reason(),
          entry.outcome().id() + (entry.detail().isEmpty() ? "" : " (" + entry.detail() + ")"),
          entry.before().dataFiles()
              + " -> "
              + entry.after().dataFiles()
              + " (predicted "
              + entry.predicted().dataFiles()
              + ")",
          entry.before().snapshots() + " -> " + entry.after().snapshots(),
          TextTable.text(entry.duration()));
    }
    table.print(out);
  }

  /** Why each table's health is under 100: its deductions, the costliest first. */
  static void printHealth(PrintWriter out, List<TableStatistics> tables) {
    TextTable table = new TextTable("TABLE", "HEALTH", "POINTS LOST", "WHY");
    for (TableStatistics statistics : tables) {
      for (TableHealth.Deduction deduction : statistics.health().healthDeductions()) {
        table.row(
            statistics.table(),
            statistics.health().healthScore(),
            deduction.pointsLost(),
            deduction.reason());
      }
    }
    table.print(out);
  }

  /** The readers' table that {@code report} and {@code readers} print. */
  static void printReaders(PrintWriter out, List<MaintenanceReport.ReadersOfTable> tables) {
    TextTable table =
        new TextTable(
            "TABLE",
            "READER",
            "SNAPSHOT",
            "REGISTERED",
            "SNAPSHOTS BEHIND",
            "TIME BEHIND",
            "STATUS");
    for (MaintenanceReport.ReadersOfTable readers : tables) {
      for (TableReader reader : readers.readers()) {
        table.row(
            readers.table(),
            reader.name(),
            reader.snapshotId(),
            reader.registeredAt(),
            reader.snapshotsBehind(),
            reader.ageBehind() == null ? null : behind(reader.ageBehind()),
            reader.snapshotExists()
                ? "ok"
                : "snapshot expired: the reader lost its position; unregister it if it is gone");
      }
    }
    table.print(out);
  }

  /** A reader's lag as people read it: seconds, minutes, hours or days. */
  static String behind(Duration age) {
    long seconds = age.toSeconds();
    if (seconds < 120) {
      return seconds + " s";
    }
    if (seconds < 2 * 3600) {
      return seconds / 60 + " min";
    }
    if (seconds < 2 * 86400) {
      return String.format(Locale.ROOT, "%.1f h", seconds / 3600.0);
    }
    return String.format(Locale.ROOT, "%.1f d", seconds / 86400.0);
  }

  @Command(
      name = "readers",
      description =
          "List each table's registered readers (streams, gold, the publisher): the oldest"
              + " snapshot each still needs, which expiry keeps with every later one, and how far"
              + " behind it is. --unregister forgets a reader gone for good, so expiry stops"
              + " keeping snapshots for it.")
  static final class Readers extends LakehouseCommand {
    @Mixin LayerOption layer;
    @Mixin JsonOption json;

    @Option(
        names = "--unregister",
        arity = "3",
        paramLabel = "LAYER TABLE READER",
        hideParamSyntax = true,
        description =
            "Unregister READER from the table, e.g. --unregister bronze movies_raw"
                + " stream.silver_movies (repeatable). A stream that still runs registers again"
                + " after its next batch.")
    String[] unregister;

    @Override
    protected int run() {
      if (unregister != null) {
        // Repeatable: each occurrence adds its three values.
        for (int index = 0; index + 2 < unregister.length; index += 3) {
          unregister(unregister[index], unregister[index + 1], unregister[index + 2]);
        }
        return 0;
      }
      List<MaintenanceReport.ReadersOfTable> readers =
          context().maintenance().generateMaintenanceReport(layer.layer()).readers();
      if (json.enabled()) {
        Json.print(out(), readers);
        return 0;
      }
      if (readers.isEmpty()) {
        println("no table has a registered reader");
        return 0;
      }
      printReaders(out(), readers);
      return 0;
    }

    private void unregister(String layerName, String tableName, String readerName) {
      Layer tableLayer;
      try {
        tableLayer = new LayerConverter().convert(layerName);
      } catch (TypeConversionException e) {
        throw new ParameterException(spec.commandLine(), "--unregister: " + e.getMessage());
      }
      TableName name = storage().table(tableLayer, tableName);
      String reader = TableReaders.requireName(readerName);
      TableReaders registry = new TableReaders();
      Table table = storage().loadTable(name);
      if (!registry.unregister(table, reader)) {
        List<String> registered = registry.readers(table).stream().map(TableReader::name).toList();
        throw new IllegalArgumentException(
            "no reader '"
                + reader
                + "' is registered on "
                + name
                + (registered.isEmpty()
                    ? ": it has no reader"
                    : "; its readers: " + String.join(", ", registered))
                + " (see 'pipeline maintain readers')");
      }
      if (json.enabled()) {
        Json.print(out(), Map.of("table", name.toString(), "unregistered", reader));
        return;
      }
      println(
          "unregistered reader "
              + reader
              + " from "
              + name
              + ": expiry no longer keeps snapshots for it");
    }
  }
}
