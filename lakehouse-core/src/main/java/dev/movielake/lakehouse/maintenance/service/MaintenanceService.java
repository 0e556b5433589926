package dev.movielake.lakehouse.maintenance.service;

import dev.movielake.config.AutoMaintenanceConfig;
import dev.movielake.config.MaintenancePolicy;
import dev.movielake.lakehouse.SchedulerPool;
import dev.movielake.lakehouse.SparkLakehouseCatalog;
import dev.movielake.lakehouse.TableName;
import dev.movielake.lakehouse.maintenance.CompactTable;
import dev.movielake.lakehouse.maintenance.DeleteMarkedOrphanFiles;
import dev.movielake.lakehouse.maintenance.ExpireSnapshots;
import dev.movielake.lakehouse.maintenance.HotPartitions;
import dev.movielake.lakehouse.maintenance.MaintenancePlan.Action;
import dev.movielake.lakehouse.maintenance.MarkOrphanFiles;
import dev.movielake.lakehouse.maintenance.OrphanSchedule;
import dev.movielake.lakehouse.maintenance.RewriteManifests;
import dev.movielake.lakehouse.table.TableTurns;
import dev.movielake.model.Layer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.iceberg.Table;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.exceptions.ValidationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps tables healthy from their own commits, as Iceberg's Flink TableMaintenance and Apache Amoro
 * do: every check interval it loads each table's metadata; a table with new commits (or, every few
 * minutes, any table, since time makes snapshots expirable) is read ({@link TableCondition}) and
 * its layer's triggers choose at most one action ({@link TriggerPolicy}), which runs unless the
 * table had one within the rate limit. One thread runs the actions, so a table never has two at
 * once. Each action is logged with its trigger, the benefit predicted and the effect realised.
 *
 * <p>Never at the stream's expense: a compaction takes the table's turn ({@link TableTurns}), so
 * the streams of this process never have a commit refused by it; it compacts the partitions no
 * stream wrote lately first and then the others, with partial progress; and when a commit from
 * elsewhere refuses it, the service tries again at its next check, the writer never does.
 */
public final class MaintenanceService implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(MaintenanceService.class);

  /** A table without new commits is read again after this long, for its time triggers. */
  static final Duration TIME_TRIGGERS_CHECK = Duration.ofMinutes(5);

  /** What the service did, for metrics: each table's condition when read, and each action. */
  public interface Listener {
    Listener NONE = new Listener() {};

    /** The table as read for its triggers, loaded: its condition's files come from it. */
    default void checked(TableCondition condition, Table table) {}

    default void acted(MaintenanceEntry entry) {}
  }

  private final SparkLakehouseCatalog catalog;
  private final MaintenanceLog log;
  private final Clock clock;
  private final Optional<Layer> layer;
  private final Listener listener;
  private final AutoMaintenanceConfig settings;
  private final Optional<TableName> orphanMarks;
  private final Map<TableName, TableState> states = new ConcurrentHashMap<>();
  private ScheduledExecutorService executor;
  private OrphanSchedule orphanSchedule;
  private Instant orphanScheduleReadAt = Instant.EPOCH;
  // Orphan phases due, by table, oldest first; one runs a pass (see check()).
  private final Map<TableName, MaintenanceDecision> orphanQueue = new LinkedHashMap<>();
  private final List<MaintenanceEntry> unlogged = new ArrayList<>();

  /** What the service remembers of a table between checks. */
  private static final class TableState {
    Optional<Long> seenSnapshot = Optional.empty();
    Instant readAt = Instant.EPOCH;
    Instant actedAt = Instant.EPOCH;
    boolean retry;
  }

  /**
   * @param orphanMarks the table where orphan removal marks unreferenced files (the pipeline's is
   *     {@code silver.orphan_files}); empty: the service leaves orphan files alone
   * @param layer the tables of one layer, or of all layers when empty
   * @param listener told of each table read and each action (metrics)
   */
  public MaintenanceService(
      SparkLakehouseCatalog catalog,
      MaintenanceLog log,
      Optional<TableName> orphanMarks,
      Clock clock,
      Optional<Layer> layer,
      Listener listener) {
    this.catalog = catalog;
    this.log = log;
    this.orphanMarks = orphanMarks;
    this.clock = clock;
    this.layer = layer;
    this.listener = listener;
    this.settings = catalog.config().maintenance().auto();
  }

  /** Checks every {@code MAINTENANCE_CHECK_SECONDS} on a thread of its own until closed. */
  public synchronized MaintenanceService start() {
    if (executor == null) {
      executor =
          Executors.newSingleThreadScheduledExecutor(
              runnable -> {
                Thread thread = new Thread(runnable, "maintenance-service");
                thread.setDaemon(true);
                return thread;
              });
      long interval = settings.checkInterval().toMillis();
      executor.scheduleWithFixedDelay(this::checkQuietly, 0, interval, TimeUnit.MILLISECONDS);
      LOG.info(
          "maintenance service started: checking {} every {} s, at most one action per table"
              + " every {} s",
          layer.map(Layer::id).orElse("all layers"),
          settings.checkInterval().toSeconds(),
          settings.minInterval().toSeconds());
    }
    return this;
  }

  private void checkQuietly() {
    SchedulerPool.MAINTENANCE.enter(catalog.spark());
    try {
      check();
    } catch (RuntimeException e) {
      LOG.warn("maintenance check failed, trying again at the next: {}", e.getMessage());
    }
  }

  /**
   * One pass over the tables: each table with new commits, a pending retry, or time triggers to
   * look at is read, and runs the action its triggers choose.
   *
   * @return the actions run, in order
   */
  public synchronized List<MaintenanceEntry> check() {
    List<MaintenanceEntry> actions = new ArrayList<>();
    List<TableName> tables = layer.map(catalog::listTables).orElseGet(catalog::listAllTables);
    for (TableName table : tables) {
      if (Thread.currentThread().isInterrupted()) {
        logPass();
        return actions;
      }
      try {
        check(table).ifPresent(actions::add);
      } catch (RuntimeException e) {
        LOG.warn("cannot check {} for maintenance: {}", table, e.getMessage());
      }
    }
    // An orphan scan lists a whole location (seconds a table): one a pass, after every table's own
    // action, so a day's scans of every table never hold compaction back for minutes.
    Iterator<MaintenanceDecision> queued = orphanQueue.values().iterator();
    if (queued.hasNext() && !Thread.currentThread().isInterrupted()) {
      MaintenanceDecision orphans = queued.next();
      queued.remove();
      try {
        act(orphans).ifPresent(actions::add);
      } catch (RuntimeException e) {
        LOG.warn("cannot remove orphan files of {}: {}", orphans.table(), e.getMessage());
      }
    }
    logPass();
    return actions;
  }

  /** The pass's actions, in one append to the log (see {@link MaintenanceLog#record}). */
  private void logPass() {
    try {
      log.record(unlogged);
      unlogged.clear();
    } catch (RuntimeException e) {
      // Kept for the next pass: a log table that cannot take a commit now may later.
      LOG.warn(
          "cannot log {} maintenance action(s) to {}: {}",
          unlogged.size(),
          log.table(),
          e.getMessage());
    }
  }

  /** A queued orphan phase, unless its table had an action within the rate limit. */
  private Optional<MaintenanceEntry> act(MaintenanceDecision decision) {
    TableName name = decision.table();
    TableState state = states.computeIfAbsent(name, ignored -> new TableState());
    Instant now = clock.instant();
    if (Duration.between(state.actedAt, now).compareTo(settings.minInterval()) < 0) {
      orphanQueue.put(name, decision); // again at a later pass
      return Optional.empty();
    }
    Table table = catalog.loadTable(name);
    TableCondition condition = TableCondition.read(catalog, name, table, now);
    return Optional.of(finish(name, state, run(decision, condition, table, state), now));
  }

  private Optional<MaintenanceEntry> check(TableName name) {
    TableState state = states.computeIfAbsent(name, ignored -> new TableState());
    Instant now = clock.instant();
    boolean limited = Duration.between(state.actedAt, now).compareTo(settings.minInterval()) < 0;
    Table table = catalog.loadTable(name);
    Optional<Long> snapshot = Optional.ofNullable(table.currentSnapshot()).map(s -> s.snapshotId());
    boolean committed = !snapshot.equals(state.seenSnapshot);
    boolean timeTriggers = Duration.between(state.readAt, now).compareTo(TIME_TRIGGERS_CHECK) >= 0;
    if (!committed && !state.retry && !timeTriggers) {
      return Optional.empty();
    }
    if (limited && !committed) {
      return Optional.empty(); // nothing new to read; what is due runs once the limit is over
    }
    TableCondition condition = TableCondition.read(catalog, name, table, now);
    state.seenSnapshot = snapshot;
    state.readAt = now;
    listener.checked(condition, table);
    MaintenancePolicy policy = catalog.config().maintenance();
    Optional<MaintenanceDecision> decision =
        new TriggerPolicy(policy.triggers(name.layer())).decide(condition, now);
    if (decision.isEmpty()) {
      state.retry = false;
      orphans(condition, now).ifPresent(orphans -> orphanQueue.putIfAbsent(name, orphans));
      return Optional.empty();
    }
    if (limited) {
      state.retry = true; // read (and scored) now, acted on once the rate limit is over
      return Optional.empty();
    }
    return Optional.of(finish(name, state, run(decision.get(), condition, table, state), now));
  }

  /** Remembers, logs and tells of an action that ran. */
  private MaintenanceEntry finish(
      TableName name, TableState state, MaintenanceEntry entry, Instant now) {
    state.retry = entry.outcome() == Outcome.CONFLICT || entry.outcome() == Outcome.BUSY;
    if (entry.outcome() != Outcome.BUSY) {
      state.actedAt = now;
    }
    LOG.info(
        "maintenance: {} {} ({}: {}) {} in {} ms{}",
        entry.action().name().toLowerCase(Locale.ROOT),
        name,
        entry.trigger().id(),
        entry.reason(),
        entry.outcome().id(),
        entry.duration().toMillis(),
        entry.detail().isEmpty() ? "" : "; " + entry.detail());
    unlogged.add(entry);
    listener.acted(entry);
    return entry;
  }

  /**
   * Orphan removal's phases on their own schedule, when the table needs nothing else: marks past
   * the grace are decided first, then a table not scanned within the interval is scanned. The
   * schedule (the marks table's rows and scans) is read at most every few minutes.
   */
  private Optional<MaintenanceDecision> orphans(TableCondition condition, Instant now) {
    if (orphanMarks.isEmpty()) {
      return Optional.empty();
    }
    if (orphanSchedule == null
        || Duration.between(orphanScheduleReadAt, now).compareTo(TIME_TRIGGERS_CHECK) >= 0) {
      orphanSchedule = OrphanSchedule.read(catalog, orphanMarks.get(), clock);
      orphanScheduleReadAt = now;
    }
    MaintenanceDecision.Shape unchanged = MaintenanceDecision.Shape.of(condition);
    OrphanSchedule schedule = orphanSchedule;
    return schedule
        .deleteDue(condition.table())
        .map(
            reason ->
                new MaintenanceDecision(
                    condition.table(),
                    Action.DELETE_ORPHAN_FILES,
                    Trigger.ORPHAN_GRACE,
                    reason,
                    0,
                    unchanged))
        .or(
            () ->
                schedule
                    .markDue(condition.table())
                    .map(
                        reason ->
                            new MaintenanceDecision(
                                condition.table(),
                                Action.MARK_ORPHAN_FILES,
                                Trigger.ORPHAN_SCHEDULE,
                                reason,
                                0,
                                unchanged)));
  }

  /**
   * Runs the action; the table's snapshot after it counts as seen, so the service's own commit is
   * not taken for a new one (a compaction that could merge nothing would otherwise be triggered
   * again by its own commit at every rate-limit interval).
   */
  private MaintenanceEntry run(
      MaintenanceDecision decision, TableCondition before, Table table, TableState state) {
    Instant started = clock.instant();
    long nanos = System.nanoTime();
    TableName name = decision.table();
    Outcome outcome = Outcome.DONE;
    String detail = "";
    try {
      switch (decision.action()) {
        case COMPACT -> {
          Optional<TableTurns.Turn> turn = TableTurns.tryTake(name, settings.checkInterval());
          if (turn.isEmpty()) {
            outcome = Outcome.BUSY;
            detail = "a batch kept the table's turn; compaction tries again at the next check";
          } else {
            try (TableTurns.Turn held = turn.get()) {
              CompactionRun run = compact(decision, table, started);
              outcome = run.failedFiles() > 0 ? Outcome.CONFLICT : Outcome.DONE;
              detail = run.note();
            }
          }
        }
        case EXPIRE_SNAPSHOTS -> {
          ExpireSnapshots.Result result = new ExpireSnapshots(catalog, name).clock(clock).execute();
          detail =
              result
                  .heldBack()
                  .filter(hold -> hold.keptSnapshots() > 0)
                  .map(hold -> hold.describe())
                  .orElse("");
        }
        case REWRITE_MANIFESTS -> new RewriteManifests(catalog, name).execute();
        case MARK_ORPHAN_FILES -> {
          MarkOrphanFiles.Result marked =
              new MarkOrphanFiles(catalog, name, orphanMarks.orElseThrow()).clock(clock).execute();
          orphanSchedule = null; // read again: the scan is recorded
          detail =
              marked.found()
                  + " unreferenced file(s) found, "
                  + marked.newlyMarked().size()
                  + " newly marked; deleted after the grace if still unreferenced";
        }
        case DELETE_ORPHAN_FILES -> {
          DeleteMarkedOrphanFiles.Result decided =
              new DeleteMarkedOrphanFiles(catalog, name, orphanMarks.orElseThrow())
                  .clock(clock)
                  .execute();
          orphanSchedule = null;
          detail =
              decided.deleted().size()
                  + " deleted ("
                  + decided.bytesFreed()
                  + " bytes), "
                  + decided.kept().size()
                  + " referenced again and kept, "
                  + decided.gone().size()
                  + " gone, "
                  + decided.waiting()
                  + " waiting"
                  + (decided.failed().isEmpty()
                      ? ""
                      : ", " + decided.failed().size() + " could not be deleted (tried again)");
        }
        default -> throw new IllegalStateException("the service does not run " + decision.action());
      }
    } catch (RuntimeException e) {
      outcome = conflict(e) ? Outcome.CONFLICT : Outcome.FAILED;
      detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
    TableCondition after =
        TableCondition.read(catalog, name, catalog.loadTable(name), clock.instant());
    state.seenSnapshot = after.snapshotId();
    return new MaintenanceEntry(
        started,
        Duration.ofNanos(System.nanoTime() - nanos),
        name.layer(),
        name.toString(),
        decision.action(),
        decision.trigger(),
        decision.reason(),
        outcome,
        decision.predicted(),
        MaintenanceDecision.Shape.of(before),
        MaintenanceDecision.Shape.of(after),
        before.files().totalBytes(),
        after.files().totalBytes(),
        detail);
  }

  private record CompactionRun(long failedFiles, String note) {}

  /**
   * Cold partitions first, each group committed as it completes (partial progress), then the
   * partitions streams wrote lately: this process's streams wait on the table's turn meanwhile, and
   * when the rest is left for the next action, the cold part has landed.
   */
  private CompactionRun compact(MaintenanceDecision decision, Table table, Instant now) {
    TableName name = decision.table();
    Duration window = Duration.ofMinutes(catalog.config().maintenance().hotPartitionMinutes());
    HotPartitions.Decision hot = HotPartitions.decide(catalog.spark(), name, table, now, window);
    long failed = 0;
    String note = "";
    if (hot.where().isPresent()) {
      failed +=
          new CompactTable(catalog, name)
              .minInputFiles(decision.minInputFiles())
              .where(hot.where().get())
              .execute()
              .failedDataFiles();
      note = "cold partitions first: " + hot.reason();
    }
    failed +=
        new CompactTable(catalog, name)
            .minInputFiles(decision.minInputFiles())
            .execute()
            .failedDataFiles();
    return new CompactionRun(failed, note);
  }

  /** Another writer's commit refused this one: the service's to try again. */
  private static boolean conflict(Throwable error) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (cause instanceof CommitFailedException || cause instanceof ValidationException) {
        return true;
      }
    }
    return false;
  }

  @Override
  public synchronized void close() {
    if (executor != null) {
      executor.shutdownNow();
      try {
        if (!executor.awaitTermination(1, TimeUnit.MINUTES)) {
          LOG.warn("the maintenance service did not stop within a minute");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      executor = null;
    }
  }
}
