package dev.movielake.lakehouse.maintenance;

import dev.movielake.lakehouse.SparkLakehouseCatalog;
import dev.movielake.lakehouse.TableName;
import dev.movielake.lakehouse.maintenance.MaintenancePlan.Action;
import dev.movielake.lakehouse.readers.TableReader;
import dev.movielake.lakehouse.readers.TableReaders;
import dev.movielake.lakehouse.table.TableStatistics;
import dev.movielake.lakehouse.table.TableStatisticsReader;
import dev.movielake.model.Layer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.iceberg.Table;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maintenance of many tables: every action on every table (a full run, {@code pipeline maintain
 * all}) or only what the plan says. Each table and each action is isolated: a failure is recorded
 * and the run goes on. Expiry keeps what registered readers need, noted on the table's run. Order
 * matters: compaction, then manifests, then expiry, then orphans last, so the orphan scan sees what
 * expiry left behind. A full run removes orphans at once (an operator's explicit request, behind
 * the same guards); with a marks table ({@link #withOrphanMarks}) the plan marks and deletes them
 * in two phases, on their own schedule.
 */
public final class MaintenanceManager {
  private static final Logger LOG = LoggerFactory.getLogger(MaintenanceManager.class);

  private final SparkLakehouseCatalog catalog;
  private final TableStatisticsReader statistics;
  private final Clock clock;
  private final Duration hotPartitionWindow;
  private final Optional<TableName> orphanMarks;

  public MaintenanceManager(SparkLakehouseCatalog catalog) {
    this(catalog, Clock.systemUTC());
  }

  /**
   * @param clock the time retention, the plan and the orphan grace are counted in; file ages for
   *     orphans are always real modification times against the real clock
   */
  public MaintenanceManager(SparkLakehouseCatalog catalog, Clock clock) {
    this(
        catalog,
        clock,
        Duration.ofMinutes(catalog.config().maintenance().hotPartitionMinutes()),
        Optional.empty());
  }

  private MaintenanceManager(
      SparkLakehouseCatalog catalog,
      Clock clock,
      Duration hotPartitionWindow,
      Optional<TableName> orphanMarks) {
    this.catalog = catalog;
    this.statistics = new TableStatisticsReader(catalog);
    this.clock = clock;
    this.hotPartitionWindow = hotPartitionWindow;
    this.orphanMarks = orphanMarks;
  }

  /**
   * Compacts recently written partitions too: for a caller that knows no stream is writing (the
   * demo stops its queries before maintenance).
   */
  public MaintenanceManager ignoringHotPartitions() {
    return new MaintenanceManager(catalog, clock, Duration.ZERO, orphanMarks);
  }

  /**
   * Plans and runs orphan removal in two phases with marks kept in this table (the pipeline's
   * {@code silver.orphan_files}): mark on the scan interval, delete after the grace.
   */
  public MaintenanceManager withOrphanMarks(TableName marksTable) {
    return new MaintenanceManager(catalog, clock, hotPartitionWindow, Optional.of(marksTable));
  }

  /** The tables of one layer, or of all layers when empty. */
  public List<TableName> tables(Optional<Layer> layer) {
    return layer.map(catalog::listTables).orElseGet(catalog::listAllTables);
  }

  public MaintenancePlan plan(Optional<Layer> layer) {
    MaintenancePlanner planner = new MaintenancePlanner(catalog, clock);
    orphanMarks.ifPresent(planner::orphanMarks);
    return planner.plan(tables(layer));
  }

  /** Compacts, rewrites manifests, expires snapshots and removes orphans on every table. */
  public MaintenanceRun runFullMaintenance(Optional<Layer> layer, MaintenanceProgress progress) {
    List<MaintenancePlan.TablePlan> everything = new ArrayList<>();
    for (TableName table : tables(layer)) {
      everything.add(
          new MaintenancePlan.TablePlan(
              table,
              List.of(
                  new MaintenancePlan.PlannedAction(Action.COMPACT, "full maintenance"),
                  new MaintenancePlan.PlannedAction(Action.REWRITE_MANIFESTS, "full maintenance"),
                  new MaintenancePlan.PlannedAction(Action.EXPIRE_SNAPSHOTS, "full maintenance"),
                  new MaintenancePlan.PlannedAction(
                      Action.REMOVE_ORPHAN_FILES, "full maintenance"))));
    }
    return run(new MaintenancePlan(clock.instant(), everything), progress, false);
  }

  public MaintenanceRun runFullMaintenance() {
    return runFullMaintenance(Optional.empty(), MaintenanceProgress.NONE);
  }

  /**
   * Runs only the planned actions. Compaction then rewrites only partitions with enough small files
   * ({@code min-input-files}), which is what made the plan pick the table.
   */
  public MaintenanceRun runPlan(MaintenancePlan plan, MaintenanceProgress progress) {
    return run(plan, progress, true);
  }

  private MaintenanceRun run(MaintenancePlan plan, MaintenanceProgress progress, boolean planned) {
    long started = System.nanoTime();
    progress.started((int) plan.actionCount());
    List<MaintenanceRun.TableRun> runs = new ArrayList<>();
    OrphanScanLocations locations = new OrphanScanLocations();
    for (MaintenancePlan.TablePlan tablePlan : plan.tables()) {
      runs.add(runTable(tablePlan, progress, planned, locations));
    }
    return new MaintenanceRun(runs, Duration.ofNanos(System.nanoTime() - started));
  }

  /**
   * The catalog's tables as orphan removal compares locations with them: loaded at the run's first
   * orphan removal and kept for the others (one load per table per run, not one per table cleaned);
   * a listing that fails fails that table's removal and is tried again for the next.
   */
  private final class OrphanScanLocations implements Supplier<TableLocations> {
    private TableLocations locations;

    @Override
    public TableLocations get() {
      if (locations == null) {
        locations = TableLocations.load(catalog);
      }
      return locations;
    }
  }

  private MaintenanceRun.TableRun runTable(
      MaintenancePlan.TablePlan plan,
      MaintenanceProgress progress,
      boolean planned,
      Supplier<TableLocations> locations) {
    TableName table = plan.table();
    Map<String, String> errors = new LinkedHashMap<>();
    Map<String, String> notes = new LinkedHashMap<>();
    Optional<TableStatistics> before = attempt(errors, "statistics", () -> statistics.read(table));
    Optional<CompactTable.Result> compaction = Optional.empty();
    Optional<RewriteManifests.Result> manifests = Optional.empty();
    Optional<ExpireSnapshots.Result> expiry = Optional.empty();
    Optional<RemoveOrphanFiles.Result> orphans = Optional.empty();
    Optional<MarkOrphanFiles.Result> marks = Optional.empty();
    Optional<DeleteMarkedOrphanFiles.Result> deletion = Optional.empty();
    if (plan.needs(Action.COMPACT)) {
      progress.step(table, "compact");
      Optional<HotPartitions.Decision> decision =
          attempt(
              errors,
              "compact",
              () ->
                  HotPartitions.decide(
                      catalog.spark(),
                      table,
                      catalog.loadTable(table),
                      clock.instant(),
                      hotPartitionWindow));
      if (decision.isPresent() && !decision.get().compact()) {
        notes.put("compact", decision.get().reason());
      } else if (decision.isPresent()) {
        decision.get().where().ifPresent(where -> notes.put("compact", decision.get().reason()));
        compaction =
            attempt(
                errors,
                "compact",
                () -> {
                  CompactTable compact = new CompactTable(catalog, table);
                  if (planned) {
                    compact.minInputFiles(
                        catalog
                            .config()
                            .maintenance()
                            .triggers(table.layer())
                            .minSmallFilesPerPartition());
                  }
                  decision.get().where().ifPresent(compact::where);
                  return compact.execute();
                });
      }
    }
    if (plan.needs(Action.REWRITE_MANIFESTS)) {
      progress.step(table, "rewrite manifests");
      manifests =
          attempt(
              errors, "rewrite_manifests", () -> new RewriteManifests(catalog, table).execute());
    }
    if (plan.needs(Action.EXPIRE_SNAPSHOTS)) {
      progress.step(table, "expire snapshots");
      expiry =
          attempt(
              errors,
              "expire_snapshots",
              () -> new ExpireSnapshots(catalog, table).clock(clock).execute());
      expiry
          .flatMap(ExpireSnapshots.Result::heldBack)
          .filter(hold -> hold.keptSnapshots() > 0)
          .ifPresent(hold -> notes.put("expire_snapshots", hold.describe()));
    }
    if (plan.needs(Action.REMOVE_ORPHAN_FILES)) {
      progress.step(table, "remove orphan files");
      // File ages are real modification times, so the orphan scan always uses the real clock.
      orphans =
          attempt(
              errors,
              "remove_orphan_files",
              () -> new RemoveOrphanFiles(catalog, table).locations(locations.get()).execute());
    }
    if (plan.needs(Action.MARK_ORPHAN_FILES)) {
      progress.step(table, "mark orphan files");
      marks =
          attempt(
              errors,
              "mark_orphan_files",
              () ->
                  new MarkOrphanFiles(catalog, table, requireOrphanMarks())
                      .locations(locations.get())
                      .clock(clock)
                      .execute());
    }
    if (plan.needs(Action.DELETE_ORPHAN_FILES)) {
      progress.step(table, "delete orphan files");
      deletion =
          attempt(
              errors,
              "delete_orphan_files",
              () ->
                  new DeleteMarkedOrphanFiles(catalog, table, requireOrphanMarks())
                      .locations(locations.get())
                      .clock(clock)
                      .execute());
    }
    Optional<TableStatistics> after = attempt(errors, "statistics", () -> statistics.read(table));
    return new MaintenanceRun.TableRun(
        table,
        before,
        after,
        compaction,
        manifests,
        expiry,
        orphans,
        marks,
        deletion,
        errors,
        notes);
  }

  private TableName requireOrphanMarks() {
    return orphanMarks.orElseThrow(
        () ->
            new IllegalStateException(
                "the plan marks or deletes orphan files, but this maintenance has no marks table;"
                    + " give it one with withOrphanMarks"));
  }

  private static <T> Optional<T> attempt(
      Map<String, String> errors, String action, Supplier<T> work) {
    try {
      return Optional.of(work.get());
    } catch (RuntimeException e) {
      LOG.warn("maintenance action {} failed: {}", action, e.getMessage());
      errors.put(action, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
      return Optional.empty();
    }
  }

  /**
   * Per table and totals: tables, records, files, size, snapshots, small files; and each table's
   * registered readers with how far behind they are.
   */
  public MaintenanceReport generateMaintenanceReport(Optional<Layer> layer) {
    List<TableStatistics> tables = new ArrayList<>();
    List<MaintenanceReport.ReadersOfTable> readers = new ArrayList<>();
    TableReaders registry = new TableReaders(clock);
    for (TableName table : tables(layer)) {
      Table loaded = catalog.loadTable(table);
      tables.add(statistics.read(table, loaded));
      List<TableReader> registered = registry.readers(loaded);
      if (!registered.isEmpty()) {
        readers.add(
            new MaintenanceReport.ReadersOfTable(table.layer(), table.toString(), registered));
      }
    }
    return MaintenanceReport.of(clock.instant(), tables, readers);
  }

  public MaintenanceReport generateMaintenanceReport() {
    return generateMaintenanceReport(Optional.empty());
  }
}
