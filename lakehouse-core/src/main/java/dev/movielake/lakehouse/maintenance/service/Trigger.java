package dev.movielake.lakehouse.maintenance.service;

import java.util.Locale;

/** What made the maintenance service act on a table. */
public enum Trigger {
  /** A partition holds the layer's number of small files. */
  SMALL_FILES,
  /** The current snapshot carries the layer's number of delete files. */
  DELETE_FILES,
  /** Deleted rows reached the layer's share of the rows in data files. */
  DELETE_RATIO,
  /** The layer's number of commits landed since the last compaction. */
  COMMITS,
  /** The layer's compaction interval passed since the last compaction. */
  INTERVAL,
  /** Snapshots outlived the layer's retention. */
  SNAPSHOTS,
  /** More data manifests than the layer allows. */
  MANIFESTS,
  /** The orphan-marking interval passed since the table's last mark. */
  ORPHAN_SCHEDULE,
  /** Marked orphans outlived the grace period. */
  ORPHAN_GRACE;

  /** Lower case, as logged and served. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
