package dev.movielake.lakehouse.catalogs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.movielake.lakehouse.IcebergStorageManager;
import dev.movielake.lakehouse.maintenance.MaintenanceManager;
import dev.movielake.lakehouse.maintenance.MaintenanceProgress;
import dev.movielake.lakehouse.maintenance.MaintenanceRun;
import dev.movielake.lakehouse.table.PartitionChange;
import dev.movielake.lakehouse.table.ReadOptions;
import dev.movielake.lakehouse.table.SchemaChange;
import dev.movielake.lakehouse.table.TableStatistics;
import dev.movielake.lakehouse.table.WriteOptions;
import dev.movielake.lakehouse.testing.MovieRows;
import dev.movielake.lakehouse.testing.SharedSpark;
import dev.movielake.model.Layer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.io.OutputFile;
import org.apache.iceberg.types.Types;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * What every catalog and storage combination must do, run against the real servers (Hive Metastore,
 * PostgreSQL, a REST catalog, an S3 server): the storage manager's writes, reads, time travel,
 * rollback and evolution, and a full maintenance run. A subclass starts its servers and names the
 * variables that point the pipeline at them.
 */
abstract class CatalogContract {
  /** Past every layer's retention (gold keeps 30 days). */
  private static final Clock LATER =
      Clock.fixed(Instant.now().plus(Duration.ofDays(40)), ZoneOffset.UTC);

  private final SparkSession spark = SharedSpark.session();

  /**
   * The variables of this catalog and storage, e.g. ICEBERG_CATALOG_TYPE, its URI, the warehouse.
   */
  protected abstract Map<String, String> catalogVariables();

  /**
   * The file on this machine's disk that holds a warehouse file, so a test can age it. A local
   * warehouse path is its own file; an S3 subclass maps the object to its server's folder.
   */
  protected Path localFile(String location) {
    return Path.of(location.startsWith("file:") ? URI.create(location).getPath() : location);
  }

  protected IcebergStorageManager storage() {
    return SharedSpark.storage(
        getClass().getSimpleName().toLowerCase(Locale.ROOT), catalogVariables());
  }

  private static void appendYears(
      IcebergStorageManager storage, Layer layer, String table, long firstId, int commits) {
    for (int i = 0; i < commits; i++) {
      storage.writeToLayer(
          layer,
          table,
          MovieRows.range(storage.spark(), firstId + i * 10, 10, 2000 + i, 1),
          WriteOptions.append().partitionedBy("years(release_date)"));
    }
  }

  @Test
  void writesUpsertsAndReadsThroughTheCatalog() {
    IcebergStorageManager storage = storage();
    appendYears(storage, Layer.SILVER, "movies", 1, 3);
    storage.writeToLayer(
        Layer.SILVER,
        "movies",
        MovieRows.of(
            spark,
            MovieRows.movie(1, "Renamed", "2000-03-01", 9.5, 1, 2),
            MovieRows.movie(1000, "New", "2003-03-01", 7.0, 1, 2)),
        WriteOptions.upsert("movie_id"));

    assertThat(storage.readFromLayer(Layer.SILVER, "movies").count()).isEqualTo(31);
    assertThat(
            storage
                .readFromLayer(Layer.SILVER, "movies")
                .where("movie_id = 1")
                .first()
                .getString(1))
        .isEqualTo("Renamed");
    TableStatistics statistics = storage.getTableStatistics(Layer.SILVER, "movies");
    assertThat(statistics.records().recordCount()).isEqualTo(31);
    assertThat(statistics.files().partitionCount()).isEqualTo(4);
    assertThat(statistics.snapshots().snapshotCount()).isEqualTo(4);
    assertThat(storage.listTables(Layer.SILVER))
        .extracting(name -> name.table())
        .containsExactly("movies");
  }

  @Test
  void timeTravelAndRollbackReturnToAnEarlierSnapshot() {
    IcebergStorageManager storage = storage();
    appendYears(storage, Layer.BRONZE, "events", 1, 2);
    Table table = storage.loadTable(Layer.BRONZE, "events");
    Snapshot first =
        table.history().isEmpty() ? null : table.snapshot(table.history().get(0).snapshotId());
    assertThat(first).isNotNull();

    assertThat(
            storage
                .readFromLayer(Layer.BRONZE, "events", ReadOptions.atSnapshot(first.snapshotId()))
                .count())
        .isEqualTo(10);
    storage.rollbackToSnapshot(Layer.BRONZE, "events", first.snapshotId());

    assertThat(storage.readFromLayer(Layer.BRONZE, "events").count()).isEqualTo(10);
    assertThat(storage.loadTable(Layer.BRONZE, "events").currentSnapshot().snapshotId())
        .isEqualTo(first.snapshotId());
  }

  @Test
  void schemaAndPartitionsEvolveWithoutRewritingData() {
    IcebergStorageManager storage = storage();
    appendYears(storage, Layer.SILVER, "evolving", 1, 2);
    storage.evolveSchema(
        Layer.SILVER, "evolving", SchemaChange.builder().addColumn("budget", "bigint"));
    storage.evolvePartitioning(
        Layer.SILVER, "evolving", PartitionChange.builder().addField("bucket(4, movie_id)"));

    Table table = storage.loadTable(Layer.SILVER, "evolving");
    assertThat(table.schema().columns()).extracting(Types.NestedField::name).contains("budget");
    assertThat(table.specs()).hasSize(2);
    assertThat(storage.readFromLayer(Layer.SILVER, "evolving").where("budget IS NULL").count())
        .isEqualTo(20);
  }

  @Test
  void fullMaintenanceCompactsExpiresAndRemovesOrphans() throws IOException {
    IcebergStorageManager storage = storage();
    for (int i = 0; i < 6; i++) {
      storage.writeToLayer(
          Layer.GOLD,
          "small",
          MovieRows.range(spark, 1 + i, 1, 2001, 1),
          WriteOptions.append().partitionedBy("years(release_date)"));
    }
    Table table = storage.loadTable(Layer.GOLD, "small");
    String orphan = table.location() + "/data/orphan-left-by-a-failed-write.parquet";
    OutputFile file = table.io().newOutputFile(orphan);
    try (OutputStream out = file.create()) {
      out.write("not referenced by any snapshot".getBytes(StandardCharsets.UTF_8));
    }
    // Orphan removal trusts real file ages only (Iceberg refuses cut-offs under 24 hours).
    Files.setLastModifiedTime(
        localFile(orphan), FileTime.from(Instant.now().minus(Duration.ofDays(5))));

    MaintenanceRun run =
        new MaintenanceManager(storage.catalog(), LATER)
            .runFullMaintenance(Optional.of(Layer.GOLD), MaintenanceProgress.NONE);

    assertThat(run.succeeded()).as("maintenance errors: %s", run.tables().get(0).errors()).isTrue();
    MaintenanceRun.TableRun small = run.tables().get(0);
    assertThat(small.before().orElseThrow().files().fileCount()).isEqualTo(6);
    assertThat(small.after().orElseThrow().files().fileCount()).isEqualTo(1);
    assertThat(small.expiry().orElseThrow().snapshotsAfter()).isEqualTo(1);
    assertThat(small.orphans().orElseThrow().orphanFiles())
        .singleElement()
        .asString()
        .endsWith("orphan-left-by-a-failed-write.parquet");
    assertThat(storage.loadTable(Layer.GOLD, "small").io().newInputFile(orphan).exists()).isFalse();
    assertThat(storage.readFromLayer(Layer.GOLD, "small").count()).isEqualTo(6);
    assertThat(storage.getTableStatistics(Layer.GOLD, "small").records().recordCount())
        .isEqualTo(6);
  }
}
