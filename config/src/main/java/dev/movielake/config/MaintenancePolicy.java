package dev.movielake.config;

import dev.movielake.model.Layer;
import java.time.Duration;
import java.util.Map;

/**
 * When tables need maintenance and how far it may go.
 *
 * @param retentionDays snapshot retention per layer: expiry removes older snapshots (always keeping
 *     the newest and every tagged one)
 * @param orphanFileAgeDays only files older than this are orphan candidates; never under one day,
 *     so files of a write still in flight are safe (apache/iceberg#4194)
 * @param orphanGrace a file marked as an orphan is deleted only this long after it was marked, and
 *     only if no snapshot references it then (S3 Tables deletes unreferenced files days later)
 * @param smallFileRatio a data file under this share of the target size counts as small (AWS Glue
 *     uses 0.75)
 * @param hotPartitionMinutes a partition committed to within this many minutes is the stream's:
 *     maintenance compacts the other (cold) partitions first, so compaction does not collide with
 *     streaming commits (apache/iceberg#13972); 0 compacts every partition alike
 * @param maxMetadataBytes the size of a table's metadata file a healthy table stays under: the
 *     health score loses points above it (every commit and every query planning reads it whole)
 * @param triggers what makes the maintenance service act, per layer
 * @param auto how the maintenance service runs
 */
public record MaintenancePolicy(
    Map<Layer, Integer> retentionDays,
    int orphanFileAgeDays,
    Duration orphanGrace,
    double smallFileRatio,
    int hotPartitionMinutes,
    long maxMetadataBytes,
    Map<Layer, MaintenanceTriggers> triggers,
    AutoMaintenanceConfig auto) {

  public static final String ORPHAN_GRACE_HOURS = "ICEBERG_ORPHAN_GRACE_HOURS";
  public static final String MAX_METADATA_MB = "ICEBERG_MAX_METADATA_MB";

  public MaintenancePolicy {
    retentionDays = Map.copyOf(retentionDays);
    triggers = Map.copyOf(triggers);
  }

  public int retentionDays(Layer layer) {
    return retentionDays.get(layer);
  }

  public MaintenanceTriggers triggers(Layer layer) {
    return triggers.get(layer);
  }
}
