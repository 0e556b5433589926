package dev.movielake.lakehouse.maintenance;

import dev.movielake.lakehouse.readers.TableReader;
import dev.movielake.lakehouse.readers.TableReaders;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.SnapshotRef;
import org.apache.iceberg.Table;

/**
 * What a table's registered readers keep from an expiry by retention: every snapshot from the
 * oldest reader's floor on stays, whatever the retention says, because a stream resuming from its
 * checkpoint walks each snapshot after the one it last read.
 *
 * @param retentionCutoff what the retention alone would expire before
 * @param floor the commit time of the oldest snapshot a reader needs: expiry's {@code older_than}
 * @param readers the readers whose floor is older than the retention cutoff
 * @param keptSnapshots snapshots the retention would have expired that stay for these readers
 */
public record ReaderHold(
    Instant retentionCutoff, Instant floor, List<String> readers, long keptSnapshots) {
  public ReaderHold {
    readers = List.copyOf(readers);
  }

  /**
   * How the table's readers hold back an expiry at {@code retentionCutoff}; empty when no reader's
   * floor is older than the cutoff.
   */
  public static Optional<ReaderHold> of(Table table, Instant retentionCutoff) {
    List<TableReader> holding =
        new TableReaders()
            .readers(table).stream()
                .filter(TableReader::snapshotExists)
                .filter(reader -> reader.snapshotAt().isBefore(retentionCutoff))
                .toList();
    if (holding.isEmpty()) {
      return Optional.empty();
    }
    Instant floor =
        holding.stream().map(TableReader::snapshotAt).min(Instant::compareTo).orElseThrow();
    long kept = olderUnreferenced(table, retentionCutoff) - olderUnreferenced(table, floor);
    return Optional.of(
        new ReaderHold(
            retentionCutoff, floor, holding.stream().map(TableReader::name).toList(), kept));
  }

  /** The {@code older_than} that keeps what every reader needs: the earlier of cutoff and floor. */
  public static Instant clamp(Table table, Instant retentionCutoff) {
    return of(table, retentionCutoff).map(ReaderHold::floor).orElse(retentionCutoff);
  }

  /** Snapshots committed before the cutoff that no branch or tag references. */
  static long olderUnreferenced(Table table, Instant cutoff) {
    Set<Long> referenced = new HashSet<>();
    for (SnapshotRef ref : table.refs().values()) {
      referenced.add(ref.snapshotId());
    }
    long count = 0;
    for (Snapshot snapshot : table.snapshots()) {
      if (snapshot.timestampMillis() < cutoff.toEpochMilli()
          && !referenced.contains(snapshot.snapshotId())) {
        count++;
      }
    }
    return count;
  }

  /** For output: "kept 3 snapshot(s) for reader(s) stream.silver_movies". */
  public String describe() {
    return "kept " + keptSnapshots + " snapshot(s) for reader(s) " + String.join(", ", readers);
  }
}
