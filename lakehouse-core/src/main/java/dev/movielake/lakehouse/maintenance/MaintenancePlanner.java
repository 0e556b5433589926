package dev.movielake.lakehouse.maintenance;

import dev.movielake.config.MaintenancePolicy;
import dev.movielake.lakehouse.LakehouseCatalog;
import dev.movielake.lakehouse.TableName;
import dev.movielake.lakehouse.maintenance.MaintenancePlan.Action;
import dev.movielake.lakehouse.maintenance.MaintenancePlan.PlannedAction;
import dev.movielake.lakehouse.table.TableFiles;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.iceberg.Table;

/**
 * Decides from metadata alone what each table needs, with the policies of automatic maintenance
 * services: compact a partition holding at least N files under a share of the target size (AWS
 * Glue, Apache Amoro); expire when snapshots outlive the layer's retention and more than one
 * remains (S3 Tables), keeping what registered readers still need; rewrite manifests when there are
 * too many. Orphans: with a marks table, in two phases on their own schedule ({@link
 * OrphanSchedule}: mark when the table was not scanned within the interval, delete when marks
 * outlived the grace), whether or not anything expires; without one, removed at once after an
 * expiry, as before the marks existed.
 */
public final class MaintenancePlanner {
  private final LakehouseCatalog catalog;
  private final Clock clock;
  private Optional<TableName> orphanMarks = Optional.empty();

  public MaintenancePlanner(LakehouseCatalog catalog, Clock clock) {
    this.catalog = catalog;
    this.clock = clock;
  }

  /**
   * Plans orphan removal in two phases, from the marks kept in this table (the pipeline's {@code
   * silver.orphan_files}), instead of a removal at once after each expiry.
   */
  public MaintenancePlanner orphanMarks(TableName marksTable) {
    this.orphanMarks = Optional.of(marksTable);
    return this;
  }

  public MaintenancePlan plan(List<TableName> tables) {
    Optional<OrphanSchedule> schedule = orphanSchedule();
    List<MaintenancePlan.TablePlan> plans = new ArrayList<>();
    for (TableName table : tables) {
      plans.add(plan(table, schedule));
    }
    return new MaintenancePlan(clock.instant(), plans);
  }

  public MaintenancePlan.TablePlan plan(TableName name) {
    return plan(name, orphanSchedule());
  }

  private Optional<OrphanSchedule> orphanSchedule() {
    return orphanMarks.map(marks -> OrphanSchedule.read(catalog, marks, clock));
  }

  private MaintenancePlan.TablePlan plan(TableName name, Optional<OrphanSchedule> orphans) {
    MaintenancePolicy policy = catalog.config().maintenance();
    Table table = catalog.loadTable(name);
    List<PlannedAction> actions = new ArrayList<>();
    if (table.currentSnapshot() == null) {
      // A first write that failed leaves files and no snapshot: still scanned for orphans.
      orphans.ifPresent(schedule -> addOrphanPhases(name, schedule, actions));
      return new MaintenancePlan.TablePlan(name, actions);
    }

    long threshold = TableFiles.smallFileThresholdBytes(catalog.config(), table);
    TableFiles files = TableFiles.of(table, threshold);
    List<TableFiles.PartitionFiles> crowded =
        files.partitions().stream()
            .filter(
                partition ->
                    partition.smallFiles()
                        >= policy.triggers(name.layer()).minSmallFilesPerPartition())
            .toList();
    if (!crowded.isEmpty()) {
      TableFiles.PartitionFiles worst = crowded.get(0);
      actions.add(
          new PlannedAction(
              Action.COMPACT,
              crowded.size()
                  + " partition(s) hold at least "
                  + policy.triggers(name.layer()).minSmallFilesPerPartition()
                  + " files under "
                  + megabytes(threshold)
                  + "; most: "
                  + (worst.partition().isEmpty() ? "(unpartitioned)" : worst.partition())
                  + " with "
                  + worst.smallFiles()
                  + " small of "
                  + worst.files()
                  + " files"));
    }

    int manifests = table.currentSnapshot().dataManifests(table.io()).size();
    if (manifests > policy.triggers(name.layer()).maxManifests()) {
      actions.add(
          new PlannedAction(
              Action.REWRITE_MANIFESTS,
              manifests
                  + " data manifests, more than "
                  + policy.triggers(name.layer()).maxManifests()));
    }

    int retentionDays = policy.retentionDays(name.layer());
    Instant retentionCutoff = clock.instant().minus(Duration.ofDays(retentionDays));
    long expirable = expirableSnapshots(table, retentionCutoff);
    if (expirable > 0) {
      Optional<ReaderHold> hold =
          ReaderHold.of(table, retentionCutoff).filter(held -> held.keptSnapshots() > 0);
      actions.add(
          new PlannedAction(
              Action.EXPIRE_SNAPSHOTS,
              expirable
                  + " snapshot(s) older than the "
                  + name.layer()
                  + " retention of "
                  + retentionDays
                  + " days"
                  + hold.map(
                          held ->
                              "; "
                                  + held.keptSnapshots()
                                  + " more kept for reader(s) "
                                  + String.join(", ", held.readers()))
                      .orElse("")));
      if (orphans.isEmpty()) {
        actions.add(
            new PlannedAction(
                Action.REMOVE_ORPHAN_FILES,
                "after expiry, files older than "
                    + policy.orphanFileAgeDays()
                    + " days that no snapshot references"));
      }
    }
    orphans.ifPresent(schedule -> addOrphanPhases(name, schedule, actions));
    return new MaintenancePlan.TablePlan(name, actions);
  }

  private static void addOrphanPhases(
      TableName name, OrphanSchedule schedule, List<PlannedAction> actions) {
    schedule
        .markDue(name)
        .ifPresent(reason -> actions.add(new PlannedAction(Action.MARK_ORPHAN_FILES, reason)));
    schedule
        .deleteDue(name)
        .ifPresent(reason -> actions.add(new PlannedAction(Action.DELETE_ORPHAN_FILES, reason)));
  }

  /**
   * Snapshots older than the cutoff that no branch or tag references and no registered reader needs
   * (nothing from the oldest reader's floor on): what expiry would remove.
   */
  public static long expirableSnapshots(Table table, Instant cutoff) {
    return ReaderHold.olderUnreferenced(table, ReaderHold.clamp(table, cutoff));
  }

  private static String megabytes(long bytes) {
    return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
  }
}
