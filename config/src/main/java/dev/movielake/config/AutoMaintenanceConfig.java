package dev.movielake.config;

import java.time.Duration;

/**
 * How the maintenance service runs: inside the streaming process (on by default) and as {@code
 * pipeline maintain auto}.
 *
 * @param inStream run the service inside {@code pipeline stream}, beside the queries it maintains
 * @param checkInterval how often each table's metadata is read for new commits (a catalog load, no
 *     data file)
 * @param minInterval at most one action per table in this period, so a busy table is not compacted
 *     after every commit; 30 s by default, half of Flink TableMaintenance's 60 s: a stream at a
 *     10-second trigger adds a file or two per partition and batch, and a minute of them would pile
 *     up past a dozen before the next compaction
 * @param orphanInterval how often each table's location is listed for unreferenced files (the first
 *     of orphan removal's two phases), a full listing being the costliest read of all
 */
public record AutoMaintenanceConfig(
    boolean inStream, Duration checkInterval, Duration minInterval, Duration orphanInterval) {

  public static final String IN_STREAM = "MAINTENANCE_AUTO";
  public static final String CHECK_SECONDS = "MAINTENANCE_CHECK_SECONDS";
  public static final String MIN_INTERVAL_SECONDS = "MAINTENANCE_MIN_INTERVAL_SECONDS";
  public static final String ORPHAN_INTERVAL_HOURS = "MAINTENANCE_ORPHAN_INTERVAL_HOURS";

  static AutoMaintenanceConfig read(VariableReader reader) {
    return new AutoMaintenanceConfig(
        reader.bool(IN_STREAM, true),
        Duration.ofSeconds(reader.positiveInt(CHECK_SECONDS, 10)),
        Duration.ofSeconds(reader.nonNegativeInt(MIN_INTERVAL_SECONDS, 30)),
        Duration.ofHours(reader.positiveInt(ORPHAN_INTERVAL_HOURS, 24)));
  }
}
