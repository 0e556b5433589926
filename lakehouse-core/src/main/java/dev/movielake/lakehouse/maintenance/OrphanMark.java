package dev.movielake.lakehouse.maintenance;

import dev.movielake.lakehouse.TableName;
import dev.movielake.model.Layer;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One row of the orphan marks table: a file of a table that no snapshot referenced when it was
 * marked, and, on later rows of the same file and mark, what became of it. A file's state is its
 * latest row.
 *
 * @param markedAt when the file was marked; a decision row repeats its mark's time, so the grace is
 *     always counted from the mark
 * @param decidedAt when it was deleted, kept or found gone; empty on the mark itself
 * @param fileSizeBytes the file's size when it was marked, when the storage told it
 */
public record OrphanMark(
    Instant markedAt,
    Layer layer,
    String tableName,
    String filePath,
    State state,
    Optional<Instant> decidedAt,
    OptionalLong fileSizeBytes,
    String note) {

  /** What a row says of its file. */
  public enum State {
    /** No snapshot referenced the file when it was listed: deleted after the grace if still so. */
    MARKED,
    /** Still unreferenced after the grace, and deleted. */
    DELETED,
    /** Referenced again after it was marked (e.g. by {@code add_files}): never deleted. */
    KEPT,
    /** No longer there when its grace ended (deleted by someone else, e.g. a one-phase removal). */
    GONE;

    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static State of(String id) {
      return Arrays.stream(values())
          .filter(state -> state.id().equals(id))
          .findFirst()
          .orElseThrow(
              () ->
                  new IllegalArgumentException(
                      "unknown orphan mark state '"
                          + id
                          + "', expected one of marked, deleted, kept, gone"));
    }

    @Override
    public String toString() {
      return id();
    }
  }

  static OrphanMark marked(
      Instant markedAt, TableName table, String filePath, OptionalLong fileSizeBytes) {
    return new OrphanMark(
        markedAt,
        table.layer(),
        table.table(),
        filePath,
        State.MARKED,
        Optional.empty(),
        fileSizeBytes,
        "no snapshot references it");
  }

  /** This mark's decision: same file and mark time, a new state. */
  OrphanMark decided(State decision, Instant decidedAt, String why) {
    return new OrphanMark(
        markedAt, layer, tableName, filePath, decision, Optional.of(decidedAt), fileSizeBytes, why);
  }

  /** When the row was written: the decision's time, or the mark's. */
  Instant recordedAt() {
    return decidedAt.orElse(markedAt);
  }
}
