package dev.movielake.api.testing;

import static dev.movielake.api.testing.FakeLakehouse.COMMITTED;
import static dev.movielake.api.testing.FakeLakehouse.snapshot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.movielake.api.lakehouse.HistoryEntry;
import dev.movielake.api.lakehouse.MaintenanceSummary;
import dev.movielake.api.lakehouse.SnapshotEntry;
import dev.movielake.lakehouse.TableNotFoundException;
import dev.movielake.lakehouse.table.TableHealth;
import dev.movielake.lakehouse.table.TableStatistics;
import dev.movielake.lakehouse.table.testing.TableStatisticsBuilder;
import dev.movielake.model.Layer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The fake answers as the API tests and the dashboard tests expect the catalog to. */
class FakeLakehouseTest {
  private static final Instant NOW = Instant.parse("2026-03-04T05:06:07Z");

  @Test
  void silverAndGoldTablesIsTheFixtureTheApiTestsAssertOn() {
    FakeLakehouse lakehouse = FakeLakehouse.silverAndGoldTables();

    assertThat(lakehouse.tables())
        .extracting(TableStatistics::layer, TableStatistics::table)
        .containsExactly(tuple(Layer.SILVER, "movies_clean"), tuple(Layer.GOLD, "movie_metrics"));
    assertThat(lakehouse.table(Layer.SILVER, "movies_clean"))
        .isEqualTo(
            new TableStatistics(
                Layer.SILVER,
                "movies_clean",
                "file:/lakehouse/silver/movies_clean",
                2,
                new TableStatistics.CurrentSnapshot(Optional.of(3L), Optional.of(COMMITTED)),
                new TableStatistics.Records(1000, 1000, true),
                new TableStatistics.Files(4, 4096, 1024, 512, 2048, 1, 2, 1, ""),
                new TableStatistics.Deletes(0, 0, 0),
                new TableStatistics.Snapshots(3, 1, 0),
                new TableStatistics.Layout(1, "release_year", 12),
                new TableStatistics.Metadata(25, 0),
                new TableHealth(
                    94,
                    List.of(
                        new TableHealth.Deduction(
                            TableHealth.Input.MANIFESTS,
                            25,
                            20,
                            6.2,
                            "25 manifests (limit 20)")))));
    assertThat(lakehouse.table(Layer.GOLD, "movie_metrics").health())
        .isEqualTo(TableHealth.PERFECT);
    assertThat(lakehouse.table(Layer.GOLD, "movie_metrics").records().recordCount()).isEqualTo(900);
    for (Layer layer : List.of(Layer.SILVER, Layer.GOLD)) {
      String table = layer == Layer.SILVER ? "movies_clean" : "movie_metrics";
      assertThat(lakehouse.snapshots(layer, table))
          .containsExactly(
              new SnapshotEntry(
                  1, Optional.empty(), COMMITTED, "append", Map.of("added-records", "10")),
              new SnapshotEntry(
                  2, Optional.of(1L), COMMITTED.plusSeconds(60), "overwrite", Map.of()),
              new SnapshotEntry(
                  3, Optional.of(2L), COMMITTED.plusSeconds(120), "replace", Map.of()));
      assertThat(lakehouse.history(layer, table))
          .containsExactly(
              new HistoryEntry(COMMITTED, 1, true),
              new HistoryEntry(COMMITTED.plusSeconds(60), 2, true));
    }
    assertThat(lakehouse.maintenance())
        .isEqualTo(
            new MaintenanceSummary(
                COMMITTED,
                List.of(
                    new MaintenanceSummary.TableMaintenance(
                        Layer.SILVER,
                        "movies_clean",
                        4,
                        1,
                        3,
                        Optional.of(new MaintenanceSummary.Compaction(COMMITTED, 3, 20, 4, 18, 1))),
                    new MaintenanceSummary.TableMaintenance(
                        Layer.GOLD, "movie_metrics", 2, 0, 1, Optional.empty()))));
    assertThat(lakehouse.problem()).isNull();
  }

  @Test
  void findsTablesByTheirShortNameAndDerivesHistoryAndMaintenanceFromSnapshots() {
    List<SnapshotEntry> snapshots =
        List.of(
            snapshot(10, null, NOW, "append", Map.of("added-data-files", "6")),
            snapshot(
                11,
                10L,
                NOW.plusSeconds(60),
                "replace",
                Map.of("added-data-files", "2", "deleted-data-files", "6")));
    FakeLakehouse lakehouse =
        new FakeLakehouse(NOW)
            .table(
                TableStatisticsBuilder.of(Layer.SILVER, "silver.movies_clean")
                    .files(2, 2048)
                    .smallFiles(1)
                    .snapshots(2)
                    .build(),
                snapshots);

    assertThat(lakehouse.table(Layer.SILVER, "movies_clean").table())
        .isEqualTo("silver.movies_clean");
    assertThat(lakehouse.snapshots(Layer.SILVER, "movies_clean")).isEqualTo(snapshots);
    assertThat(lakehouse.history(Layer.SILVER, "movies_clean"))
        .containsExactly(
            new HistoryEntry(NOW, 10, true), new HistoryEntry(NOW.plusSeconds(60), 11, true));
    assertThat(lakehouse.maintenance())
        .isEqualTo(
            new MaintenanceSummary(
                NOW,
                List.of(
                    new MaintenanceSummary.TableMaintenance(
                        Layer.SILVER,
                        "movies_clean",
                        2,
                        1,
                        2,
                        Optional.of(
                            new MaintenanceSummary.Compaction(
                                NOW.plusSeconds(60), 11, 6, 2, 6, 1))))));
    assertThatThrownBy(() -> lakehouse.history(Layer.GOLD, "movies_clean"))
        .isInstanceOf(TableNotFoundException.class);
  }

  @Test
  void anEmptyLakehouseHasNoTablesAndAnEmptyMaintenanceSummary() {
    FakeLakehouse lakehouse = new FakeLakehouse(NOW);

    assertThat(lakehouse.tables()).isEmpty();
    assertThat(lakehouse.maintenance()).isEqualTo(new MaintenanceSummary(NOW, List.of()));
  }

  @Test
  void aBrokenCatalogFailsEveryReadAndAProblemIsOnlyReported() {
    FakeLakehouse lakehouse =
        FakeLakehouse.silverAndGoldTables().broken(true).problem("catalog unreachable");

    assertThat(lakehouse.problem()).isEqualTo("catalog unreachable");
    List<Runnable> reads =
        List.of(
            lakehouse::tables,
            lakehouse::maintenance,
            () -> lakehouse.table(Layer.SILVER, "movies_clean"),
            () -> lakehouse.snapshots(Layer.SILVER, "movies_clean"),
            () -> lakehouse.history(Layer.SILVER, "movies_clean"));
    reads.forEach(
        read ->
            assertThatThrownBy(read::run)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("/secret/"));

    lakehouse.broken(false).problem(null);

    assertThat(lakehouse.tables()).hasSize(2);
    assertThat(lakehouse.problem()).isNull();
  }
}
