package dev.movielake.config;

import dev.movielake.model.Layer;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * What makes the maintenance service act on a table of one layer, as Iceberg's Flink
 * TableMaintenance and Apache Amoro decide: each trigger is read from the table's metadata after a
 * commit, so a table that nothing changes is never touched.
 *
 * @param minSmallFilesPerPartition compact a partition once it holds this many files under the
 *     small-file threshold (Iceberg's {@code min-input-files} default is 5; Amoro's minor
 *     optimizing starts at 12 fragments)
 * @param commits compact a table's partitions holding more than one small file once this many
 *     commits have landed since its last compaction, even under the small-file trigger
 * @param interval compact such partitions once this long has passed since the last compaction
 *     (Amoro: hourly), so a slow table is not left with a few small files forever
 * @param deleteFiles compact once the current snapshot carries this many delete files (position
 *     deletes, deletion vectors or equality deletes): every read pays for them
 * @param deleteRatio compact once deleted rows reach this share of the rows in data files
 *     (Iceberg's {@code delete-ratio-threshold} is 0.3)
 * @param maxManifests rewrite manifests above this many data manifests
 * @param maxSnapshots the number of snapshots a healthy table keeps: the health score loses points
 *     as they grow towards twice this, which says the layer's retention is too long for its commit
 *     rate
 */
public record MaintenanceTriggers(
    int minSmallFilesPerPartition,
    int commits,
    Duration interval,
    int deleteFiles,
    double deleteRatio,
    int maxManifests,
    int maxSnapshots) {

  public static final String MIN_SMALL_FILES = "COMPACTION_MIN_SMALL_FILES";
  public static final String COMMITS = "COMPACTION_COMMITS";
  public static final String INTERVAL_MINUTES = "COMPACTION_INTERVAL_MINUTES";
  public static final String DELETE_FILES = "COMPACTION_DELETE_FILES";
  public static final String DELETE_RATIO = "COMPACTION_DELETE_RATIO";
  public static final String MAX_MANIFESTS = "MAX_MANIFESTS";
  public static final String MAX_SNAPSHOTS = "MAX_SNAPSHOTS";

  /** Every trigger's suffix: {@code ICEBERG_<suffix>} for all layers, then one per layer. */
  public static final List<String> SUFFIXES =
      List.of(
          MIN_SMALL_FILES,
          COMMITS,
          INTERVAL_MINUTES,
          DELETE_FILES,
          DELETE_RATIO,
          MAX_MANIFESTS,
          MAX_SNAPSHOTS);

  /** {@code ICEBERG_<suffix>}: the value for every layer. */
  public static String variable(String suffix) {
    return "ICEBERG_" + suffix;
  }

  /** {@code ICEBERG_<LAYER>_<suffix>}: one layer's value, over the value for every layer. */
  public static String variable(Layer layer, String suffix) {
    return "ICEBERG_" + layer.name().toUpperCase(Locale.ROOT) + "_" + suffix;
  }

  /**
   * Each layer's triggers: its own variable when set, else the one for all layers, else default.
   */
  static MaintenanceTriggers read(VariableReader reader, Layer layer) {
    return new MaintenanceTriggers(
        positiveInt(reader, layer, MIN_SMALL_FILES, 5),
        positiveInt(reader, layer, COMMITS, 50),
        Duration.ofMinutes(positiveInt(reader, layer, INTERVAL_MINUTES, 60)),
        positiveInt(reader, layer, DELETE_FILES, 10),
        reader.fraction(
            variable(layer, DELETE_RATIO), reader.fraction(variable(DELETE_RATIO), 0.3)),
        positiveInt(reader, layer, MAX_MANIFESTS, 20),
        positiveInt(reader, layer, MAX_SNAPSHOTS, 1000));
  }

  private static int positiveInt(VariableReader reader, Layer layer, String suffix, int fallback) {
    return reader.positiveInt(
        variable(layer, suffix), reader.positiveInt(variable(suffix), fallback));
  }
}
