package dev.movielake.app.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.movielake.api.lakehouse.HistoryEntry;
import dev.movielake.api.lakehouse.IcebergLakehouseView;
import dev.movielake.api.lakehouse.MaintenanceSummary;
import dev.movielake.api.lakehouse.SnapshotEntry;
import dev.movielake.config.LakehouseConfig;
import dev.movielake.lakehouse.IcebergStorageManager;
import dev.movielake.lakehouse.TableNotFoundException;
import dev.movielake.lakehouse.table.WriteOptions;
import dev.movielake.lakehouse.testing.MovieRows;
import dev.movielake.lakehouse.testing.SharedSpark;
import dev.movielake.model.Layer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The operator's view of real Iceberg tables, read through a catalog built without Spark. */
class IcebergLakehouseViewTest {
  @Test
  void describesTablesSnapshotsHistoryAndTheLatestCompactionFromMetadata() {
    IcebergStorageManager storage = SharedSpark.storage("view");
    for (int batch = 0; batch < 6; batch++) {
      storage.writeToSilver(
          MovieRows.range(SharedSpark.session(), batch * 10L + 1, 10, 2020, 1),
          "movies",
          WriteOptions.append());
    }
    IcebergLakehouseView view = IcebergLakehouseView.of(storage.config());

    MaintenanceSummary.TableMaintenance before = only(view.maintenance());
    assertThat(before.dataFiles()).isGreaterThanOrEqualTo(6);
    assertThat(before.smallFiles()).isEqualTo(before.dataFiles());
    assertThat(before.lastCompaction()).isEmpty();

    storage.compactTable(Layer.SILVER, "movies");
    MaintenanceSummary.TableMaintenance after = only(view.maintenance());

    assertThat(after.lastCompaction()).isPresent();
    MaintenanceSummary.Compaction compaction = after.lastCompaction().get();
    assertThat(compaction.dataFilesBefore()).isEqualTo(before.dataFiles());
    assertThat(compaction.smallFilesBefore()).isEqualTo(before.smallFiles());
    assertThat(compaction.dataFilesAfter())
        .isEqualTo(after.dataFiles())
        .isLessThan(compaction.dataFilesBefore());
    assertThat(view.table(Layer.SILVER, "movies").records().recordCount()).isEqualTo(60);
    assertThat(view.tables())
        .extracting(table -> table.table())
        .anyMatch(name -> name.endsWith("silver.movies"));

    List<SnapshotEntry> snapshots = view.snapshots(Layer.SILVER, "movies");
    assertThat(snapshots).hasSize(7);
    assertThat(snapshots.get(0).operation()).isEqualTo("append");
    assertThat(snapshots.get(6).operation()).isEqualTo("replace");
    assertThat(snapshots.get(6).parentId()).contains(snapshots.get(5).snapshotId());

    // A rollback: the compaction stays in the history but is no longer an ancestor of the current
    // snapshot.
    storage.rollbackToSnapshot(Layer.SILVER, "movies", snapshots.get(5).snapshotId());
    List<HistoryEntry> history = view.history(Layer.SILVER, "movies");
    assertThat(history)
        .filteredOn(entry -> entry.snapshotId() == snapshots.get(6).snapshotId())
        .singleElement()
        .satisfies(entry -> assertThat(entry.currentAncestor()).isFalse());
    assertThat(history.get(history.size() - 1).snapshotId())
        .isEqualTo(snapshots.get(5).snapshotId());
    assertThat(only(view.maintenance()).lastCompaction()).as("not an ancestor any more").isEmpty();

    assertThatThrownBy(() -> view.snapshots(Layer.SILVER, "no_such_table"))
        .isInstanceOf(TableNotFoundException.class);
    assertThat(view.problem()).isNull();
  }

  @Test
  void anUnreachableCatalogIsAProblemToReportWithoutItsCredentialsNotAFailureToStart() {
    LakehouseConfig config =
        LakehouseConfig.from(
            Map.of(
                "ICEBERG_CATALOG_TYPE", "jdbc",
                "ICEBERG_JDBC_URI", "jdbc:sqlite:/no/such/folder/catalog.db",
                "ICEBERG_JDBC_USER", "lakehouse",
                "ICEBERG_JDBC_PASSWORD", "s3cret-password",
                "LAKEHOUSE_HOME", SharedSpark.home().resolve("unreachable").toString()));
    IcebergLakehouseView view = IcebergLakehouseView.of(config);

    String problem = view.problem();

    assertThat(problem)
        .startsWith("the Iceberg catalog does not answer")
        .contains("ICEBERG_CATALOG_TYPE")
        .doesNotContain("s3cret-password");
    assertThatThrownBy(view::tables).isInstanceOf(RuntimeException.class);
  }

  private static MaintenanceSummary.TableMaintenance only(MaintenanceSummary summary) {
    assertThat(summary.tables()).hasSize(1);
    return summary.tables().get(0);
  }
}
