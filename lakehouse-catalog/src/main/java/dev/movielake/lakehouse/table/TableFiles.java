package dev.movielake.lakehouse.table;

import dev.movielake.config.LakehouseConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.ManifestFile;
import org.apache.iceberg.ManifestFiles;
import org.apache.iceberg.ManifestReader;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.util.Tasks;
import org.apache.iceberg.util.ThreadPools;

/**
 * The live data files of a table's current snapshot, per partition, read from manifests only (no
 * data file is opened). Statistics and the maintenance plan are both computed from it.
 */
public record TableFiles(
    List<PartitionFiles> partitions,
    long fileCount,
    long totalBytes,
    long minFileBytes,
    long maxFileBytes,
    long smallFileCount,
    long smallFileThresholdBytes) {

  private static final List<String> FIELDS =
      List.of("file_path", "file_size_in_bytes", "partition", "record_count");

  /** The files of one partition of one spec. */
  public record PartitionFiles(
      int specId, String partition, long files, long smallFiles, long bytes) {}

  /** Files under this size count as small: the configured share of the table's target file size. */
  public static long smallFileThresholdBytes(LakehouseConfig config, Table table) {
    long target =
        Long.parseLong(
            table
                .properties()
                .getOrDefault(
                    "write.target-file-size-bytes",
                    Long.toString(config.tableFormat().targetFileSizeBytes())));
    return (long) (target * config.maintenance().smallFileRatio());
  }

  public static TableFiles of(Table table, long smallFileThresholdBytes) {
    return of(table, table.currentSnapshot(), smallFileThresholdBytes);
  }

  /**
   * The partition holding the most small files (the first in {@link #partitions()}); empty for a
   * table without data files.
   */
  public Optional<PartitionFiles> mostSmallFiles() {
    return partitions.stream().findFirst();
  }

  /**
   * The live data files of any snapshot of the table; none for a null snapshot (an empty table).
   * Manifests are read in parallel on Iceberg's worker pool (a stream's table has one per commit,
   * and on object storage each is a request) and added up in the snapshot's order, so the result is
   * the same as reading them one by one.
   */
  public static TableFiles of(Table table, Snapshot snapshot, long smallFileThresholdBytes) {
    if (snapshot == null) {
      return new TableFiles(List.of(), 0, 0, 0, 0, 0, smallFileThresholdBytes);
    }
    List<ManifestFile> manifests = snapshot.dataManifests(table.io());
    ManifestTotals[] perManifest = new ManifestTotals[manifests.size()];
    Tasks.range(manifests.size())
        .executeWith(manifests.size() > 1 ? ThreadPools.getWorkerPool() : null)
        .stopOnFailure()
        .throwFailureWhenFinished()
        .run(
            index ->
                perManifest[index] =
                    ManifestTotals.read(table, manifests.get(index), smallFileThresholdBytes));
    ManifestTotals all = new ManifestTotals();
    for (ManifestTotals manifest : perManifest) {
      all.add(manifest);
    }
    List<PartitionFiles> partitions = new ArrayList<>();
    all.perPartition.forEach(
        (key, totals) ->
            partitions.add(
                new PartitionFiles(
                    key.specId(), key.partition(), totals[0], totals[1], totals[2])));
    partitions.sort(Comparator.comparingLong(PartitionFiles::smallFiles).reversed());
    return new TableFiles(
        Collections.unmodifiableList(partitions),
        all.count,
        all.total,
        all.count == 0 ? 0 : all.min,
        all.max,
        all.small,
        smallFileThresholdBytes);
  }

  /** A partition of one spec: the same path under two specs is two partitions. */
  private record PartitionKey(int specId, String partition) {}

  /** The files of one manifest, or of several added up in order. */
  private static final class ManifestTotals {
    // Files, small files and bytes per partition, in the order partitions first appear.
    private final Map<PartitionKey, long[]> perPartition = new LinkedHashMap<>();
    private long count;
    private long total;
    private long min = Long.MAX_VALUE;
    private long max;
    private long small;

    /**
     * Reads the live entries of a data manifest with only the fields needed: cheaper than planning
     * scan tasks, which also evaluates filters and delete files.
     */
    static ManifestTotals read(Table table, ManifestFile manifest, long smallFileThresholdBytes) {
      ManifestTotals totals = new ManifestTotals();
      Map<Integer, PartitionSpec> specs = table.specs();
      try (ManifestReader<DataFile> reader =
          ManifestFiles.read(manifest, table.io(), specs).select(FIELDS)) {
        for (DataFile file : reader) {
          long size = file.fileSizeInBytes();
          long isSmall = size < smallFileThresholdBytes ? 1 : 0;
          PartitionKey key =
              new PartitionKey(
                  file.specId(), specs.get(file.specId()).partitionToPath(file.partition()));
          long[] partition = totals.perPartition.computeIfAbsent(key, ignored -> new long[3]);
          partition[0]++;
          partition[1] += isSmall;
          partition[2] += size;
          totals.count++;
          totals.total += size;
          totals.min = Math.min(totals.min, size);
          totals.max = Math.max(totals.max, size);
          totals.small += isSmall;
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the manifests of " + table.name(), e);
      }
      return totals;
    }

    void add(ManifestTotals other) {
      other.perPartition.forEach(
          (key, values) -> {
            long[] partition = perPartition.computeIfAbsent(key, ignored -> new long[3]);
            for (int index = 0; index < partition.length; index++) {
              partition[index] += values[index];
            }
          });
      count += other.count;
      total += other.total;
      min = Math.min(min, other.min);
      max = Math.max(max, other.max);
      small += other.small;
    }
  }
}
