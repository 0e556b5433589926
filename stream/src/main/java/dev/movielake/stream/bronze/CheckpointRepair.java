package dev.movielake.stream.bronze;

import dev.movielake.config.CheckpointLocation;
import dev.movielake.stream.CheckpointFolder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import org.apache.hadoop.conf.Configuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Works around SPARK-55271 (Spark 4.1.1 to 4.1.3): a Kafka query restarted with a planned but
 * uncommitted batch in its offset log fails with a NullPointerException in the source's metrics,
 * because the replay skips the offset lookup the metrics need. Removing that last, uncommitted
 * entry makes Spark plan the batch anew from the committed offsets; the bronze writer skips the
 * offsets an earlier attempt already wrote, so nothing is duplicated or lost. Works on local and
 * s3a:// checkpoints alike.
 */
final class CheckpointRepair {
  private static final Logger LOG = LoggerFactory.getLogger(CheckpointRepair.class);

  private CheckpointRepair() {}

  /** A local checkpoint folder. */
  static OptionalLong dropUncommittedBatch(Path checkpoint) {
    return dropUncommittedBatch(
        CheckpointFolder.of(CheckpointLocation.local(checkpoint), new Configuration()));
  }

  /**
   * @return the batch id whose offsets were removed, if there was an uncommitted one
   */
  static OptionalLong dropUncommittedBatch(CheckpointFolder checkpoint) {
    try {
      OptionalLong planned = latestBatch(checkpoint.list("offsets"));
      if (planned.isEmpty()
          || latestBatch(checkpoint.list("commits")).orElse(-1) >= planned.getAsLong()) {
        return OptionalLong.empty();
      }
      long batch = planned.getAsLong();
      // The entry, its checksum and any temporary file a kill left behind, in both logs: Spark 4
      // refuses to plan batch 0 while its commit log holds any file
      // (STATE_STORE_CHECKPOINT_LOCATION_NOT_EMPTY).
      for (String log : new String[] {"offsets", "commits"}) {
        deleteBatchFiles(checkpoint, log, batch);
      }
      LOG.info(
          "batch {} of {} was planned but not committed before the last stop; it is planned again",
          batch,
          checkpoint);
      return OptionalLong.of(batch);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot repair the checkpoint " + checkpoint + ": " + e.getMessage(), e);
    }
  }

  private static void deleteBatchFiles(CheckpointFolder checkpoint, String log, long batch)
      throws IOException {
    String name = Long.toString(batch);
    for (String fileName : checkpoint.list(log)) {
      if (fileName.equals(name) || fileName.startsWith("." + name + ".")) {
        checkpoint.delete(log, fileName);
      }
    }
  }

  private static OptionalLong latestBatch(List<String> names) {
    return names.stream()
        .filter(name -> !name.isEmpty() && name.chars().allMatch(Character::isDigit))
        .mapToLong(Long::parseLong)
        .max();
  }
}
