package dev.movielake.lakehouse.maintenance.service;

import dev.movielake.config.MaintenanceTriggers;
import dev.movielake.lakehouse.maintenance.MaintenancePlan.Action;
import dev.movielake.lakehouse.table.TableFiles;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;

/**
 * Decides from a table's condition and its layer's triggers the one action it needs most now:
 * compaction first (small files and delete files slow every read), then snapshot expiry (metadata
 * grows with every snapshot), then a manifest rewrite (planning reads every manifest). Nothing when
 * no trigger fires: a table nobody writes is never touched.
 */
public final class TriggerPolicy {
  private final MaintenanceTriggers triggers;

  public TriggerPolicy(MaintenanceTriggers triggers) {
    this.triggers = triggers;
  }

  public Optional<MaintenanceDecision> decide(TableCondition condition, Instant now) {
    if (condition.snapshotId().isEmpty()) {
      return Optional.empty();
    }
    return compaction(condition, now).or(() -> expiry(condition)).or(() -> manifests(condition));
  }

  private Optional<MaintenanceDecision> compaction(TableCondition condition, Instant now) {
    long crowded = condition.maxSmallFilesPerPartition();
    int threshold = triggers.minSmallFilesPerPartition();
    if (crowded >= threshold) {
      return Optional.of(
          compact(
              condition,
              Trigger.SMALL_FILES,
              threshold,
              crowded
                  + " small files "
                  + worstPartition(condition)
                  + " (trigger: "
                  + threshold
                  + ")"));
    }
    if (condition.deleteFiles() >= triggers.deleteFiles()) {
      return Optional.of(
          compact(
              condition,
              Trigger.DELETE_FILES,
              1,
              condition.deleteFiles()
                  + " delete files on the current snapshot (trigger: "
                  + triggers.deleteFiles()
                  + ")"));
    }
    if (condition.deletedRows() > 0 && condition.deletedRowShare() >= triggers.deleteRatio()) {
      return Optional.of(
          compact(
              condition,
              Trigger.DELETE_RATIO,
              1,
              String.format(
                  Locale.ROOT,
                  "%d of %d rows deleted (%.2f; trigger: %.2f)",
                  condition.deletedRows(),
                  condition.dataRows(),
                  condition.deletedRowShare(),
                  triggers.deleteRatio())));
    }
    if (crowded < 2) {
      return Optional.empty(); // one file per partition: nothing a compaction would merge
    }
    if (condition.commitsSinceCompaction() >= triggers.commits()) {
      return Optional.of(
          compact(
              condition,
              Trigger.COMMITS,
              2,
              condition.commitsSinceCompaction()
                  + " commits since the last compaction (trigger: "
                  + triggers.commits()
                  + "), up to "
                  + crowded
                  + " small files in a partition"));
    }
    Optional<Duration> since =
        condition.lastCompaction().map(compacted -> Duration.between(compacted, now));
    if (since.isPresent() && since.get().compareTo(triggers.interval()) >= 0) {
      return Optional.of(
          compact(
              condition,
              Trigger.INTERVAL,
              2,
              since.get().toMinutes()
                  + " min since the last compaction (trigger: "
                  + triggers.interval().toMinutes()
                  + " min), up to "
                  + crowded
                  + " small files in a partition"));
    }
    return Optional.empty();
  }

  private Optional<MaintenanceDecision> expiry(TableCondition condition) {
    if (condition.expirableSnapshots() == 0) {
      return Optional.empty();
    }
    MaintenanceDecision.Shape before = MaintenanceDecision.Shape.of(condition);
    return Optional.of(
        new MaintenanceDecision(
            condition.table(),
            Action.EXPIRE_SNAPSHOTS,
            Trigger.SNAPSHOTS,
            condition.expirableSnapshots()
                + " of "
                + condition.snapshots()
                + " snapshots older than the layer's retention",
            0,
            new MaintenanceDecision.Shape(
                before.dataFiles(),
                before.deleteFiles(),
                (int) (before.snapshots() - condition.expirableSnapshots()),
                before.dataManifests())));
  }

  private Optional<MaintenanceDecision> manifests(TableCondition condition) {
    if (condition.dataManifests() <= triggers.maxManifests()) {
      return Optional.empty();
    }
    MaintenanceDecision.Shape before = MaintenanceDecision.Shape.of(condition);
    return Optional.of(
        new MaintenanceDecision(
            condition.table(),
            Action.REWRITE_MANIFESTS,
            Trigger.MANIFESTS,
            condition.dataManifests()
                + " data manifests (trigger: more than "
                + triggers.maxManifests()
                + ")",
            0,
            // Iceberg's rewrite groups entries by partition into manifests of its target size:
            // one manifest for tables of this pipeline's size.
            new MaintenanceDecision.Shape(
                before.dataFiles(), before.deleteFiles(), before.snapshots() + 1, 1)));
  }

  /**
   * A compaction: each partition with at least {@code minInputFiles} small files ends as one file
   * (the pipeline's partitions hold far less than a target file), its delete files applied.
   */
  private static MaintenanceDecision compact(
      TableCondition condition, Trigger trigger, int minInputFiles, String reason) {
    long merged =
        condition.files().partitions().stream()
            .filter(partition -> partition.smallFiles() >= Math.max(2, minInputFiles))
            .mapToLong(partition -> partition.smallFiles() - 1)
            .sum();
    MaintenanceDecision.Shape before = MaintenanceDecision.Shape.of(condition);
    boolean deletes = trigger == Trigger.DELETE_FILES || trigger == Trigger.DELETE_RATIO;
    return new MaintenanceDecision(
        condition.table(),
        Action.COMPACT,
        trigger,
        reason,
        minInputFiles,
        new MaintenanceDecision.Shape(
            before.dataFiles() - merged,
            deletes ? 0 : before.deleteFiles(),
            before.snapshots() + 1,
            before.dataManifests()));
  }

  /** Where the most small files are: "in partition ..." or, unpartitioned, "in the table". */
  private static String worstPartition(TableCondition condition) {
    return condition.files().partitions().stream()
        .max(Comparator.comparingLong(TableFiles.PartitionFiles::smallFiles))
        .map(
            partition ->
                partition.partition().isEmpty()
                    ? "in the table"
                    : "in partition " + partition.partition())
        .orElse("in the table");
  }
}
