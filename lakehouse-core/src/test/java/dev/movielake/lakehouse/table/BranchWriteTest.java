package dev.movielake.lakehouse.table;

import static dev.movielake.lakehouse.testing.MovieRows.movie;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.movielake.lakehouse.IcebergStorageManager;
import dev.movielake.lakehouse.testing.MovieRows;
import dev.movielake.lakehouse.testing.SharedSpark;
import dev.movielake.model.Layer;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/** Write-audit-publish on real tables: writes to a branch, main untouched until published. */
class BranchWriteTest {
  private final SparkSession spark = SharedSpark.session();
  private final IcebergStorageManager storage = SharedSpark.storage("branches");

  private List<String> titles(ReadOptions options) {
    return storage
        .readFromLayer(Layer.SILVER, "movies", options)
        .orderBy("movie_id")
        .collectAsList()
        .stream()
        .map(row -> row.getString(1))
        .toList();
  }

  @Test
  void anUpsertOnABranchReachesMainOnlyWhenPublished() {
    storage.writeToSilver(
        MovieRows.of(spark, movie(1, "Original", "2001-01-01", 5, 10, 1)),
        "movies",
        WriteOptions.upsert("movie_id"));

    storage.openBranch(Layer.SILVER, "movies", "audit_1");
    WriteResult written =
        storage.writeToSilver(
            MovieRows.of(
                spark,
                movie(1, "Changed", "2001-01-01", 9, 10, 2),
                movie(2, "Added", "2002-01-01", 7, 0, 2)),
            "movies",
            WriteOptions.upsert("movie_id")
                .withCommitProperties(Map.of("movielake.test.batch", "b1"))
                .onBranch("audit_1"));

    assertThat(written.snapshotId()).isPresent();
    assertThat(titles(ReadOptions.current())).containsExactly("Original");
    assertThat(titles(ReadOptions.atBranch("audit_1"))).containsExactly("Changed", "Added");
    assertThat(storage.committed(Layer.SILVER, "movies", "movielake.test.batch", "b1")).isFalse();
    assertThat(
            storage.committedOnBranch(
                Layer.SILVER, "movies", "audit_1", "movielake.test.batch", "b1"))
        .isTrue();

    storage.publishBranch(Layer.SILVER, "movies", "audit_1");

    assertThat(titles(ReadOptions.current())).containsExactly("Changed", "Added");
    assertThat(storage.hasBranch(Layer.SILVER, "movies", "audit_1")).isFalse();
    assertThat(storage.committed(Layer.SILVER, "movies", "movielake.test.batch", "b1")).isTrue();
    assertThat(storage.loadTable(Layer.SILVER, "movies").currentSnapshot().snapshotId())
        .isEqualTo(written.snapshotId().get());
  }

  @Test
  void aBranchOfATableWithoutSnapshotsBecomesItsFirstSnapshot() {
    storage.createTable(Layer.SILVER, "fresh", MovieRows.of(spark), Partitioning.none(), false);
    storage.openBranch(Layer.SILVER, "fresh", "audit_first");
    storage.writeToSilver(
        MovieRows.of(spark, movie(7, "First", "2001-01-01", 5, 10, 1)),
        "fresh",
        WriteOptions.append().onBranch("audit_first"));
    assertThat(storage.readFromLayer(Layer.SILVER, "fresh").count()).isZero();

    storage.publishBranch(Layer.SILVER, "fresh", "audit_first");

    assertThat(storage.readFromLayer(Layer.SILVER, "fresh").collectAsList())
        .extracting((Row row) -> row.getString(1))
        .containsExactly("First");
  }

  @Test
  void aBranchMainMovedAwayFromIsRefusedAndLeftIntact() {
    storage.writeToSilver(
        MovieRows.of(spark, movie(1, "Original", "2001-01-01", 5, 10, 1)),
        "diverged",
        WriteOptions.upsert("movie_id"));
    storage.openBranch(Layer.SILVER, "diverged", "audit_2");
    storage.writeToSilver(
        MovieRows.of(spark, movie(2, "On the branch", "2002-01-01", 7, 0, 2)),
        "diverged",
        WriteOptions.upsert("movie_id").onBranch("audit_2"));
    storage.writeToSilver(
        MovieRows.of(spark, movie(3, "On main", "2003-01-01", 7, 0, 2)),
        "diverged",
        WriteOptions.upsert("movie_id"));

    assertThatThrownBy(() -> storage.publishBranch(Layer.SILVER, "diverged", "audit_2"))
        .isInstanceOf(BranchDivergedException.class)
        .hasMessageContaining("is not an ancestor of the branch");
    assertThat(storage.hasBranch(Layer.SILVER, "diverged", "audit_2")).isTrue();
    assertThat(storage.readFromLayer(Layer.SILVER, "diverged").orderBy("movie_id").collectAsList())
        .extracting((Row row) -> row.getString(1))
        .containsExactly("Original", "On main");
  }

  @Test
  void openingAnExistingBranchKeepsItsHead() {
    storage.writeToSilver(
        MovieRows.of(spark, movie(1, "Original", "2001-01-01", 5, 10, 1)),
        "reopened",
        WriteOptions.upsert("movie_id"));
    storage.openBranch(Layer.SILVER, "reopened", "audit_3");
    long head =
        storage
            .writeToSilver(
                MovieRows.of(spark, movie(2, "Held", "2002-01-01", 7, 0, 2)),
                "reopened",
                WriteOptions.upsert("movie_id").onBranch("audit_3"))
            .snapshotId()
            .orElseThrow();

    assertThat(storage.openBranch(Layer.SILVER, "reopened", "audit_3").snapshotId())
        .isEqualTo(head);
  }
}
