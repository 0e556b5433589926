package dev.movielake.lakehouse.change;

import static org.apache.spark.sql.functions.col;

import dev.movielake.lakehouse.TableName;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The net changes of a table between two snapshots: one row per changed row image, the table's
 * columns after {@link #CHANGE_TYPE} and {@link #COMMIT_SNAPSHOT_ID}. A key whose row changed shows
 * once as {@link #UPDATE_BEFORE} (its row at the start) and once as {@link #UPDATE_AFTER} (its row
 * at the end), however many commits touched it in between; a row that was inserted and deleted
 * within the range does not show.
 *
 * @param afterSnapshot the snapshot the range starts after, empty from the start of the history
 * @param toSnapshot the last snapshot of the range; the reader's next watermark
 * @param commits the range's commits that can change rows (compactions left out), oldest first
 * @param key the columns that pair a deleted and an inserted row into an update; empty for a table
 *     without a key, whose changes are only inserts and deletes
 * @param rows the changes, computed when read: cache them when reading more than once
 */
public record TableChanges(
    TableName table,
    Optional<Long> afterSnapshot,
    long toSnapshot,
    List<Long> commits,
    List<String> key,
    Dataset<Row> rows) {
  public static final String CHANGE_TYPE = "_change_type";
  public static final String COMMIT_SNAPSHOT_ID = "_commit_snapshot_id";
  public static final String INSERT = "INSERT";
  public static final String DELETE = "DELETE";
  public static final String UPDATE_BEFORE = "UPDATE_BEFORE";
  public static final String UPDATE_AFTER = "UPDATE_AFTER";

  public TableChanges {
    commits = List.copyOf(commits);
    key = List.copyOf(key);
  }

  /** True when no commit of the range could change a row: known without reading any data. */
  public boolean unchanged() {
    return commits.isEmpty();
  }

  /** The rows as they are at the end of the range, for each inserted or updated key. */
  public Dataset<Row> afterImages() {
    return ofTypes(INSERT, UPDATE_AFTER);
  }

  /** The rows as they were at the start of the range, for each updated or deleted key. */
  public Dataset<Row> beforeImages() {
    return ofTypes(DELETE, UPDATE_BEFORE);
  }

  /** The rows at the start of the range whose key is gone at its end. */
  public Dataset<Row> deleted() {
    return ofTypes(DELETE);
  }

  /** Both images of every change: all the rows whose groups a change can reach. */
  public Dataset<Row> images() {
    return rows.drop(CHANGE_TYPE, COMMIT_SNAPSHOT_ID);
  }

  private Dataset<Row> ofTypes(String... types) {
    return rows.where(col(CHANGE_TYPE).isin((Object[]) types))
        .drop(CHANGE_TYPE, COMMIT_SNAPSHOT_ID);
  }
}
