package dev.movielake.lakehouse.table;

import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What version of a table to read, and which rows. At most one of snapshot, timestamp, branch and
 * tag; without any, the current snapshot.
 */
public record ReadOptions(
    Optional<Long> snapshotId,
    Optional<Instant> asOf,
    Optional<String> branch,
    Optional<String> tag,
    Optional<String> filter) {

  public ReadOptions {
    long versions = Stream.of(snapshotId, asOf, branch, tag).filter(Optional::isPresent).count();
    if (versions > 1) {
      throw new IllegalArgumentException(
          "choose one of snapshot id, timestamp, branch and tag to read a table at, not "
              + versions);
    }
  }

  public static ReadOptions current() {
    return new ReadOptions(
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
  }

  public static ReadOptions atSnapshot(long snapshotId) {
    return current().withSnapshot(snapshotId);
  }

  public static ReadOptions asOf(Instant timestamp) {
    return new ReadOptions(
        Optional.empty(),
        Optional.of(timestamp),
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }

  public static ReadOptions atBranch(String branch) {
    return new ReadOptions(
        Optional.empty(),
        Optional.empty(),
        Optional.of(branch),
        Optional.empty(),
        Optional.empty());
  }

  public static ReadOptions atTag(String tag) {
    return new ReadOptions(
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(tag), Optional.empty());
  }

  public ReadOptions withSnapshot(long id) {
    return new ReadOptions(Optional.of(id), asOf, branch, tag, filter);
  }

  /** Rows matching a Spark SQL condition, e.g. {@code release_date >= '2024-01-01'}. */
  public ReadOptions where(String condition) {
    return new ReadOptions(snapshotId, asOf, branch, tag, Optional.of(condition));
  }

  public boolean isTimeTravel() {
    return snapshotId.isPresent() || asOf.isPresent() || branch.isPresent() || tag.isPresent();
  }
}
