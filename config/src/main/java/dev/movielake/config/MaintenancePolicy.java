package dev.movielake.config;

import dev.movielake.model.Layer;
import java.util.Map;

/**
 * When tables need maintenance and how far it may go.
 *
 * @param retentionDays snapshot retention per layer: expiry removes older snapshots (always keeping
 *     the newest and every tagged one)
 * @param orphanFileAgeDays only files older than this are orphan candidates; never under one day,
 *     so files of a write still in flight are safe (apache/iceberg#4194)
 * @param smallFileRatio a data file under this share of the target size counts as small (AWS Glue
 *     uses 0.75)
 * @param minSmallFilesPerPartition a partition is compacted when it holds at least this many small
 *     files (Iceberg's min-input-files default is 5)
 * @param maxManifests a table is worth a manifest rewrite above this many data manifests
 * @param hotPartitionMinutes a partition committed to within this many minutes is the stream's:
 *     planned and full maintenance compact only the other (cold) partitions, so compaction does not
 *     collide with streaming commits (apache/iceberg#13972); 0 compacts every partition
 */
public record MaintenancePolicy(
    Map<Layer, Integer> retentionDays,
    int orphanFileAgeDays,
    double smallFileRatio,
    int minSmallFilesPerPartition,
    int maxManifests,
    int hotPartitionMinutes) {

  public MaintenancePolicy {
    retentionDays = Map.copyOf(retentionDays);
  }

  public int retentionDays(Layer layer) {
    return retentionDays.get(layer);
  }
}
