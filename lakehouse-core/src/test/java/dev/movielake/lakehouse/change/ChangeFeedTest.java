package dev.movielake.lakehouse.change;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.movielake.lakehouse.IcebergStorageManager;
import dev.movielake.lakehouse.table.WriteOptions;
import dev.movielake.lakehouse.testing.MovieRows;
import dev.movielake.lakehouse.testing.SharedSpark;
import dev.movielake.model.Layer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.iceberg.Table;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

class ChangeFeedTest {
  private final IcebergStorageManager storage = SharedSpark.storage("change_feed");
  private final SparkSession spark = SharedSpark.session();

  private long write(String table, WriteOptions options, Row... rows) {
    return storage
        .writeToSilver(
            MovieRows.of(spark, rows), table, options.partitionedBy("years(release_date)"))
        .snapshotId()
        .orElseThrow();
  }

  private long current(String table) {
    return storage.loadTable(Layer.SILVER, table).currentSnapshot().snapshotId();
  }

  /** Each change as "TYPE id title", sorted, so a test reads the whole feed at a glance. */
  private List<String> changes(String table, ChangeRange range) {
    TableChanges changes = storage.changes(Layer.SILVER, table, range, List.of("movie_id"));
    return changes.rows().collectAsList().stream()
        .map(
            row ->
                row.getAs(TableChanges.CHANGE_TYPE)
                    + " "
                    + row.getAs("movie_id")
                    + " "
                    + row.getAs("title"))
        .sorted()
        .collect(Collectors.toList());
  }

  @Test
  void upsertsAndDeletesShowAsNetInsertsUpdatesAndDeletesByKey() {
    long first =
        write(
            "net",
            WriteOptions.upsert("movie_id"),
            MovieRows.movie(1, "One", "2001-03-01", 7.0, 10, 1),
            MovieRows.movie(2, "Two", "2002-03-01", 6.0, 20, 1),
            MovieRows.movie(3, "Three", "2002-03-01", 5.0, 30, 1));
    // Key 1 is updated twice (and moves year, so partition), 4 is inserted, 2 deleted, 5 inserted
    // and deleted within the range, 3 rewritten by copy-on-write without changing.
    write(
        "net",
        WriteOptions.upsert("movie_id"),
        MovieRows.movie(1, "One b", "2001-03-01", 7.5, 10, 2),
        MovieRows.movie(4, "Four", "2002-03-01", 8.0, 40, 2),
        MovieRows.movie(5, "Five", "2002-03-01", 8.0, 50, 2));
    write(
        "net",
        WriteOptions.upsert("movie_id"),
        MovieRows.movie(1, "One c", "2003-03-01", 7.7, 10, 3));
    spark.sql(
        "DELETE FROM " + storage.table(Layer.SILVER, "net").sql() + " WHERE movie_id IN (2, 5)");

    assertThat(changes("net", ChangeRange.after(first)))
        .containsExactly(
            "DELETE 2 Two", "INSERT 4 Four", "UPDATE_AFTER 1 One c", "UPDATE_BEFORE 1 One");

    TableChanges feed = storage.changes(Layer.SILVER, "net", ChangeRange.after(first), List.of());
    assertThat(feed.commits()).hasSize(3);
    assertThat(feed.toSnapshot()).isEqualTo(current("net"));
    assertThat(feed.key()).as("no identifier fields: inserts and deletes only").isEmpty();
    assertThat(
            feed.rows().collectAsList().stream()
                .map(row -> row.getAs(TableChanges.CHANGE_TYPE) + " " + row.getAs("movie_id"))
                .sorted())
        .containsExactly("DELETE 1", "DELETE 2", "INSERT 1", "INSERT 4");

    assertThat(changes("net", ChangeRange.all()))
        .as("from the start of the history, every row present is an insert")
        .containsExactly("INSERT 1 One c", "INSERT 3 Three", "INSERT 4 Four");
    assertThat(changes("net", ChangeRange.after(first).to(first))).isEmpty();
  }

  @Test
  void aCompactionChangesNothingAndIsNotRead() {
    for (long id = 1; id < 6; id++) {
      write(
          "compacted", WriteOptions.append(), MovieRows.movie(id, "M" + id, "2001-03-01", 7, 1, 1));
    }
    long second = current("compacted");
    storage.compactTable(Layer.SILVER, "compacted");
    assertThat(current("compacted")).isNotEqualTo(second);

    TableChanges afterCompaction =
        storage.changes(Layer.SILVER, "compacted", ChangeRange.after(second), List.of("movie_id"));
    assertThat(afterCompaction.unchanged()).isTrue();
    assertThat(afterCompaction.rows().count()).isZero();

    write(
        "compacted",
        WriteOptions.upsert("movie_id"),
        MovieRows.movie(2, "Two b", "2001-03-01", 7, 1, 2));
    assertThat(changes("compacted", ChangeRange.after(second)))
        .as("the compaction inside the range adds no carried-over rows")
        .containsExactly("UPDATE_AFTER 2 Two b", "UPDATE_BEFORE 2 M2");
  }

  @Test
  void sinceATimeStartsAfterTheSnapshotCurrentAtThatTime() throws InterruptedException {
    long first =
        write("since", WriteOptions.append(), MovieRows.movie(1, "One", "2001-03-01", 7, 1, 1));
    long firstMillis = storage.loadTable(Layer.SILVER, "since").snapshot(first).timestampMillis();
    Thread.sleep(5);
    write("since", WriteOptions.append(), MovieRows.movie(2, "Two", "2001-03-01", 7, 1, 1));

    assertThat(changes("since", ChangeRange.since(Instant.ofEpochMilli(firstMillis))))
        .containsExactly("INSERT 2 Two");
    assertThat(changes("since", ChangeRange.since(Instant.ofEpochMilli(firstMillis - 1000))))
        .containsExactly("INSERT 1 One", "INSERT 2 Two");
  }

  @Test
  void rangesThatCannotBeReadExactlyAreRefusedWithTheReason() {
    long first =
        write("refused", WriteOptions.append(), MovieRows.movie(1, "One", "2001-03-01", 7, 1, 1));
    long second =
        write("refused", WriteOptions.append(), MovieRows.movie(2, "Two", "2001-03-01", 7, 1, 1));
    storage.rollbackToSnapshot(Layer.SILVER, "refused", first);
    write("refused", WriteOptions.append(), MovieRows.movie(3, "Three", "2001-03-01", 7, 1, 1));
    assertThatThrownBy(
            () -> storage.changes(Layer.SILVER, "refused", ChangeRange.after(second), List.of()))
        .isInstanceOfSatisfying(
            ChangeFeedUnavailableException.class,
            e ->
                assertThat(e.reason())
                    .isEqualTo(ChangeFeedUnavailableException.Reason.NOT_AN_ANCESTOR))
        .hasMessageContaining("rolled back");
    assertThatThrownBy(
            () -> storage.changes(Layer.SILVER, "refused", ChangeRange.after(424242L), List.of()))
        .isInstanceOfSatisfying(
            ChangeFeedUnavailableException.class,
            e ->
                assertThat(e.reason())
                    .isEqualTo(ChangeFeedUnavailableException.Reason.SNAPSHOT_EXPIRED))
        .hasMessageContaining("tables snapshots silver refused");

    // A table an operator made merge-on-read: its MERGE writes delete files.
    Map<String, String> mergeOnRead =
        Map.of(
            "write.delete.mode", "merge-on-read",
            "write.update.mode", "merge-on-read",
            "write.merge.mode", "merge-on-read");
    long base =
        storage
            .writeToSilver(
                MovieRows.range(spark, 1, 4, 2001, 1),
                "merge_on_read",
                WriteOptions.append().withTableProperties(mergeOnRead))
            .snapshotId()
            .orElseThrow();
    storage.writeToSilver(
        MovieRows.range(spark, 1, 1, 2001, 1), "merge_on_read", WriteOptions.upsert("movie_id"));
    Table table = storage.loadTable(Layer.SILVER, "merge_on_read");
    assertThatThrownBy(
            () ->
                storage.changes(Layer.SILVER, "merge_on_read", ChangeRange.after(base), List.of()))
        .isInstanceOfSatisfying(
            ChangeFeedUnavailableException.class,
            e ->
                assertThat(e.reason())
                    .isEqualTo(ChangeFeedUnavailableException.Reason.DELETE_FILES))
        .hasMessageContaining("snapshot " + table.currentSnapshot().snapshotId())
        .hasMessageContaining("'write.merge.mode'='copy-on-write'");
  }
}
