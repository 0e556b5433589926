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
import org.apache.iceberg.DataFile;
import org.apache.iceberg.ManifestFile;
import org.apache.iceberg.ManifestFiles;
import org.apache.iceberg.ManifestReader;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;

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
   * The live data files of any snapshot of the table; none for a null snapshot (an empty table).
   */
  public static TableFiles of(Table table, Snapshot snapshot, long smallFileThresholdBytes) {
    if (snapshot == null) {
      return new TableFiles(List.of(), 0, 0, 0, 0, 0, smallFileThresholdBytes);
    }
    Map<String, long[]> perPartition = new LinkedHashMap<>();
    Map<String, Integer> specs = new LinkedHashMap<>();
    long count = 0;
    long total = 0;
    long min = Long.MAX_VALUE;
    long max = 0;
    long small = 0;
    // Reads the live entries of each data manifest with only the fields needed: cheaper than
    // planning scan tasks, which also evaluates filters and delete files.
    for (ManifestFile manifest : snapshot.dataManifests(table.io())) {
      try (ManifestReader<DataFile> reader =
          ManifestFiles.read(manifest, table.io(), table.specs()).select(FIELDS)) {
        for (DataFile file : reader) {
          long size = file.fileSizeInBytes();
          boolean isSmall = size < smallFileThresholdBytes;
          String key =
              file.specId()
                  + "/"
                  + table.specs().get(file.specId()).partitionToPath(file.partition());
          specs.putIfAbsent(key, file.specId());
          long[] totals = perPartition.computeIfAbsent(key, ignored -> new long[3]);
          totals[0]++;
          totals[1] += isSmall ? 1 : 0;
          totals[2] += size;
          count++;
          total += size;
          min = Math.min(min, size);
          max = Math.max(max, size);
          small += isSmall ? 1 : 0;
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the manifests of " + table.name(), e);
      }
    }
    List<PartitionFiles> partitions = new ArrayList<>();
    perPartition.forEach(
        (key, totals) ->
            partitions.add(
                new PartitionFiles(
                    specs.get(key),
                    key.substring(key.indexOf('/') + 1),
                    totals[0],
                    totals[1],
                    totals[2])));
    partitions.sort(Comparator.comparingLong(PartitionFiles::smallFiles).reversed());
    return new TableFiles(
        Collections.unmodifiableList(partitions),
        count,
        total,
        count == 0 ? 0 : min,
        max,
        small,
        smallFileThresholdBytes);
  }
}
