package dev.movielake.stream.bronze;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Works around SPARK-55271 (Spark 4.1.1 to 4.1.3): a Kafka query restarted with a planned but
 * uncommitted batch in its offset log fails with a NullPointerException in the source's metrics,
 * because the replay skips the offset lookup the metrics need. Removing that last, uncommitted
 * entry makes Spark plan the batch anew from the committed offsets; the bronze writer skips the
 * offsets an earlier attempt already wrote, so nothing is duplicated or lost.
 */
final class CheckpointRepair {
  private static final Logger LOG = LoggerFactory.getLogger(CheckpointRepair.class);

  private CheckpointRepair() {}

  /**
   * @return the batch id whose offsets were removed, if there was an uncommitted one
   */
  static OptionalLong dropUncommittedBatch(Path checkpoint) {
    OptionalLong planned = latestBatch(checkpoint.resolve("offsets"));
    if (planned.isEmpty()
        || latestBatch(checkpoint.resolve("commits")).orElse(-1) >= planned.getAsLong()) {
      return OptionalLong.empty();
    }
    long batch = planned.getAsLong();
    try {
      // The entry, its checksum and any temporary file a kill left behind, in both logs: Spark 4
      // refuses to plan batch 0 while its commit log holds any file
      // (STATE_STORE_CHECKPOINT_LOCATION_NOT_EMPTY).
      for (String log : new String[] {"offsets", "commits"}) {
        deleteBatchFiles(checkpoint.resolve(log), batch);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot repair the checkpoint " + checkpoint + ": " + e.getMessage(), e);
    }
    LOG.info(
        "batch {} of {} was planned but not committed before the last stop; it is planned again",
        batch,
        checkpoint);
    return OptionalLong.of(batch);
  }

  private static void deleteBatchFiles(Path log, long batch) throws IOException {
    if (!Files.isDirectory(log)) {
      return;
    }
    String name = Long.toString(batch);
    try (Stream<Path> files = Files.list(log)) {
      for (Path file : files.toList()) {
        String fileName = file.getFileName().toString();
        if (fileName.equals(name) || fileName.startsWith("." + name + ".")) {
          Files.deleteIfExists(file);
        }
      }
    }
  }

  private static OptionalLong latestBatch(Path log) {
    if (!Files.isDirectory(log)) {
      return OptionalLong.empty();
    }
    try (Stream<Path> files = Files.list(log)) {
      return files
          .map(file -> file.getFileName().toString())
          .filter(name -> name.chars().allMatch(Character::isDigit))
          .mapToLong(Long::parseLong)
          .max();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot read the checkpoint log " + log + ": " + e.getMessage(), e);
    }
  }
}
