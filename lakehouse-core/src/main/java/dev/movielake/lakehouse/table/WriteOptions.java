package dev.movielake.lakehouse.table;

import dev.movielake.lakehouse.Identifiers;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * How to write a Dataset into a layer's table.
 *
 * <p>Columns the table lacks are added to it on write when schema evolution is on ({@code
 * ICEBERG_ENABLE_SCHEMA_EVOLUTION}, the default), whatever the mode: added to the table's schema
 * (union by name) just before the rows are written. When it is off, such a write is refused with
 * the columns' names and nothing is written.
 *
 * @param partitioning what the table is partitioned by when this write creates it; none (the
 *     default) follows the table's partitioning. On an existing table a write never changes the
 *     partitioning, so the one asked for must be the table's current spec, or the table's earlier
 *     spec that it was evolved away from on purpose ({@code ./pipeline partitions
 *     add|drop|replace}: the pipeline's writers keep asking for the catalogue's partitioning, and
 *     new files follow the evolved spec). Any other partitioning fails the write, naming both specs
 *     and the {@code ./pipeline partitions} command that evolves the table, instead of being
 *     ignored
 * @param mergeKeys the natural key an upsert (or a delete) matches on (one or more columns)
 * @param latestBy among rows of one batch sharing a key, the one with the greatest value of this
 *     column wins; ties, and batches without the column, go to the row that came last. An upsert
 *     also leaves a table row alone when its value is greater than the incoming row's (an old
 *     version arriving late never overwrites a newer one)
 * @param tableProperties added to the layer's properties when the write creates the table
 * @param commitProperties written into the snapshot summary, e.g. a streaming batch's id so a
 *     replayed batch can tell it was already committed
 * @param branch the branch the write commits to instead of {@code main} (write-audit-publish:
 *     readers of {@code main} see nothing of it until the branch is published); it must exist
 */
public record WriteOptions(
    WriteMode mode,
    Partitioning partitioning,
    List<String> mergeKeys,
    Optional<String> latestBy,
    Map<String, String> tableProperties,
    Map<String, String> commitProperties,
    Optional<String> branch) {

  public WriteOptions {
    branch.ifPresent(name -> Identifiers.require("branch", name));
    commitProperties = Map.copyOf(commitProperties);
    mergeKeys = List.copyOf(mergeKeys);
    tableProperties = Map.copyOf(tableProperties);
    mergeKeys.forEach(Identifiers::requireColumn);
    latestBy.ifPresent(Identifiers::requireColumn);
    if ((mode == WriteMode.UPSERT || mode == WriteMode.DELETE) && mergeKeys.isEmpty()) {
      throw new IllegalArgumentException(
          "an "
              + mode.name().toLowerCase(Locale.ROOT)
              + " needs at least one key column to match rows on");
    }
  }

  public static WriteOptions append() {
    return new WriteOptions(
        WriteMode.APPEND,
        Partitioning.none(),
        List.of(),
        Optional.empty(),
        Map.of(),
        Map.of(),
        Optional.empty());
  }

  public static WriteOptions overwrite() {
    return new WriteOptions(
        WriteMode.OVERWRITE,
        Partitioning.none(),
        List.of(),
        Optional.empty(),
        Map.of(),
        Map.of(),
        Optional.empty());
  }

  /** Replaces everything the table holds with the rows, atomically. */
  public static WriteOptions replaceAll() {
    return new WriteOptions(
        WriteMode.REPLACE,
        Partitioning.none(),
        List.of(),
        Optional.empty(),
        Map.of(),
        Map.of(),
        Optional.empty());
  }

  public static WriteOptions upsert(String... keys) {
    return new WriteOptions(
        WriteMode.UPSERT,
        Partitioning.none(),
        Arrays.asList(keys),
        Optional.empty(),
        Map.of(),
        Map.of(),
        Optional.empty());
  }

  /**
   * Removes the table rows matching the rows written on every key column (null-safe); the written
   * rows need only the key columns. A table that does not exist has nothing to remove.
   */
  public static WriteOptions deleteMatching(String... keys) {
    return new WriteOptions(
        WriteMode.DELETE,
        Partitioning.none(),
        Arrays.asList(keys),
        Optional.empty(),
        Map.of(),
        Map.of(),
        Optional.empty());
  }

  public WriteOptions partitionedBy(String... fields) {
    return new WriteOptions(
        mode,
        Partitioning.of(fields),
        mergeKeys,
        latestBy,
        tableProperties,
        commitProperties,
        branch);
  }

  public WriteOptions partitionedBy(Partitioning partitioning) {
    return new WriteOptions(
        mode, partitioning, mergeKeys, latestBy, tableProperties, commitProperties, branch);
  }

  public WriteOptions latestBy(String column) {
    return new WriteOptions(
        mode,
        partitioning,
        mergeKeys,
        Optional.of(column),
        tableProperties,
        commitProperties,
        branch);
  }

  public WriteOptions withTableProperties(Map<String, String> properties) {
    return new WriteOptions(
        mode, partitioning, mergeKeys, latestBy, properties, commitProperties, branch);
  }

  public WriteOptions withCommitProperties(Map<String, String> properties) {
    return new WriteOptions(
        mode, partitioning, mergeKeys, latestBy, tableProperties, properties, branch);
  }

  /** The same write, committed to {@code name} instead of {@code main}. */
  public WriteOptions onBranch(String name) {
    return new WriteOptions(
        mode,
        partitioning,
        mergeKeys,
        latestBy,
        tableProperties,
        commitProperties,
        Optional.of(name));
  }
}
