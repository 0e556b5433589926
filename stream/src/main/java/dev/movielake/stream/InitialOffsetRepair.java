package dev.movielake.stream;

import dev.movielake.lakehouse.IcebergStorageManager;
import dev.movielake.lakehouse.TableName;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.iceberg.Table;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Works around apache/iceberg#18000 (open in 1.12): a run-once ({@code Trigger.AvailableNow}) query
 * on an Iceberg table computes its end offset from the stream's <em>initial</em> offset, the
 * table's oldest snapshot when the checkpoint was created ({@code sources/0/offsets/0}), not from
 * the committed one, so it fails ("Cannot load current offset at snapshot ...") once expiry removed
 * that first snapshot, however much the checkpoint advanced since. Expiry keeps what a registered
 * reader needs ({@link SourceReader}): the snapshot of the last committed offset and everything
 * after it. When the initial snapshot is gone, this rewrites the initial offset to the start of
 * that committed snapshot, from where the end offset is computed correctly. Spark reads the initial
 * offset only for a checkpoint without a committed batch, which is left alone.
 */
final class InitialOffsetRepair {
  private static final Logger LOG = LoggerFactory.getLogger(InitialOffsetRepair.class);

  /** Where Iceberg's source keeps its initial offset, below the query's checkpoint. */
  static final String INITIAL_OFFSET_FOLDER = "sources/0/offsets";

  static final String INITIAL_OFFSET = INITIAL_OFFSET_FOLDER + "/0";

  private InitialOffsetRepair() {}

  /**
   * @param table the Iceberg table the query reads (nothing to repair while it does not exist)
   * @return the snapshot the initial offset now points at, when it was rewritten
   * @throws IllegalStateException when the committed offset's snapshot was expired too: the stream
   *     cannot resume without losing records, and the message says how to start it afresh
   */
  static OptionalLong repair(
      CheckpointFolder checkpoint, IcebergStorageManager storage, TableName table) {
    if (!storage.tableExists(table)) {
      return OptionalLong.empty();
    }
    Table source = storage.loadTable(table);
    try {
      Optional<String> initial = checkpoint.read(INITIAL_OFFSET);
      OptionalLong initialSnapshot =
          initial.map(SourceReader::snapshotId).orElse(OptionalLong.empty());
      if (initialSnapshot.isEmpty() || source.snapshot(initialSnapshot.getAsLong()) != null) {
        return OptionalLong.empty();
      }
      OptionalLong committedBatch = latestBatch(checkpoint.list("commits"));
      if (committedBatch.isEmpty()) {
        return OptionalLong.empty();
      }
      OptionalLong committed =
          checkpoint
              .read("offsets/" + committedBatch.getAsLong())
              .map(InitialOffsetRepair::sourceSnapshot)
              .orElse(OptionalLong.empty());
      if (committed.isEmpty()) {
        return OptionalLong.empty();
      }
      long snapshot = committed.getAsLong();
      if (source.snapshot(snapshot) == null) {
        throw new IllegalStateException(
            "the stream checkpointed in "
                + checkpoint
                + " resumes from snapshot "
                + snapshot
                + " of "
                + source.name()
                + ", which was expired: the records committed after it may be gone. Register the"
                + " stream as a reader before expiring (the pipeline does), or delete the"
                + " checkpoint folder to read the table again from its oldest snapshot");
      }
      // Iceberg reads the file through Hadoop's checksummed file system: the old checksum goes too.
      checkpoint.delete(INITIAL_OFFSET_FOLDER, ".0.crc");
      checkpoint.write(
          INITIAL_OFFSET,
          "{\"version\":1,\"snapshot_id\":"
              + snapshot
              + ",\"position\":0,\"scan_all_files\":false}");
      LOG.info(
          "{}: the stream's first snapshot {} was expired; its initial offset now points at the"
              + " committed snapshot {} (apache/iceberg#18000)",
          checkpoint,
          initialSnapshot.getAsLong(),
          snapshot);
      return OptionalLong.of(snapshot);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot read the checkpoint " + checkpoint + ": " + e.getMessage(), e);
    }
  }

  /** The Iceberg offset in an offset log entry: a version line, metadata, one line per source. */
  private static OptionalLong sourceSnapshot(String entry) {
    List<String> lines = entry.lines().toList();
    for (int index = 2; index < lines.size(); index++) {
      OptionalLong snapshot = SourceReader.snapshotId(lines.get(index));
      if (snapshot.isPresent()) {
        return snapshot;
      }
    }
    return OptionalLong.empty();
  }

  private static OptionalLong latestBatch(List<String> names) {
    return names.stream()
        .filter(name -> !name.isEmpty() && name.chars().allMatch(Character::isDigit))
        .mapToLong(Long::parseLong)
        .max();
  }
}
