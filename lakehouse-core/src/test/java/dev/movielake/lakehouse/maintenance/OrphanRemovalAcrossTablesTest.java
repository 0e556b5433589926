package dev.movielake.lakehouse.maintenance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.movielake.lakehouse.IcebergStorageManager;
import dev.movielake.lakehouse.SparkLakehouseCatalog;
import dev.movielake.lakehouse.TableName;
import dev.movielake.lakehouse.table.WriteOptions;
import dev.movielake.lakehouse.testing.MovieRows;
import dev.movielake.lakehouse.testing.SharedSpark;
import dev.movielake.model.Layer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.iceberg.HasTableOperations;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * Orphan removal over many tables compares each table's location with the others' (a shared
 * location is refused), reading every table once per run, and a table whose metadata is broken
 * fails only its own removal.
 */
class OrphanRemovalAcrossTablesTest {
  private final SparkSession spark = SharedSpark.session();
  private final IcebergStorageManager storage = SharedSpark.storage("orphans");

  /** Iceberg's catalog API with every table load counted, by table name. */
  private static final class CountingCatalog implements Catalog {
    private final Catalog catalog;
    private final Map<String, Integer> loads;

    CountingCatalog(Catalog catalog, Map<String, Integer> loads) {
      this.catalog = catalog;
      this.loads = loads;
    }

    @Override
    public Table loadTable(TableIdentifier identifier) {
      loads.merge(identifier.name(), 1, Integer::sum);
      return catalog.loadTable(identifier);
    }

    @Override
    public boolean tableExists(TableIdentifier identifier) {
      return catalog.tableExists(identifier);
    }

    @Override
    public List<TableIdentifier> listTables(Namespace namespace) {
      return catalog.listTables(namespace);
    }

    @Override
    public boolean dropTable(TableIdentifier identifier, boolean purge) {
      return catalog.dropTable(identifier, purge);
    }

    @Override
    public void renameTable(TableIdentifier from, TableIdentifier to) {
      catalog.renameTable(from, to);
    }
  }

  private void table(String name) {
    storage.writeToGold(MovieRows.range(spark, 1, 1, 2001, 1), name, WriteOptions.append());
  }

  /** A file no snapshot references, old enough for removal. */
  private Path oldOrphan(String table) throws Exception {
    Path data = Path.of(storage.loadTable(Layer.GOLD, table).location(), "data");
    Files.createDirectories(data);
    Path orphan = Files.writeString(data.resolve("orphan.parquet"), "left by a failed write");
    orphan.toFile().setLastModified(Instant.now().minus(Duration.ofDays(5)).toEpochMilli());
    return orphan;
  }

  private MaintenancePlan orphansOnly(SparkLakehouseCatalog catalog, String... tables) {
    return new MaintenancePlan(
        Instant.now(),
        Arrays.stream(tables)
            .map(
                table ->
                    new MaintenancePlan.TablePlan(
                        catalog.table(Layer.GOLD, table),
                        List.of(
                            new MaintenancePlan.PlannedAction(
                                MaintenancePlan.Action.REMOVE_ORPHAN_FILES, "test"))))
            .toList());
  }

  @Test
  void aTableWithBrokenMetadataFailsAloneAndIsNamedInTheOthersResults() throws Exception {
    table("first");
    table("broken");
    table("last");
    Path firstOrphan = oldOrphan("first");
    Path lastOrphan = oldOrphan("last");
    Table broken = storage.loadTable(Layer.GOLD, "broken");
    String metadata = ((HasTableOperations) broken).operations().current().metadataFileLocation();
    Files.delete(metadata.startsWith("file:") ? Path.of(URI.create(metadata)) : Path.of(metadata));

    MaintenanceRun run =
        new MaintenanceManager(storage.catalog())
            .runPlan(
                orphansOnly(storage.catalog(), "first", "broken", "last"),
                MaintenanceProgress.NONE);

    TableName brokenName = storage.table(Layer.GOLD, "broken");
    for (int index : new int[] {0, 2}) {
      MaintenanceRun.TableRun cleaned = run.tables().get(index);
      assertThat(cleaned.errors()).as("%s", cleaned.table()).isEmpty();
      RemoveOrphanFiles.Result result = cleaned.orphans().orElseThrow();
      assertThat(result.orphanFiles()).singleElement().asString().endsWith("orphan.parquet");
      assertThat(result.unreadableTables()).containsOnlyKeys(brokenName);
      assertThat(result.unreadableTables().get(brokenName)).isNotBlank();
    }
    assertThat(firstOrphan).doesNotExist();
    assertThat(lastOrphan).doesNotExist();
    MaintenanceRun.TableRun failed = run.tables().get(1);
    assertThat(failed.table()).isEqualTo(brokenName);
    assertThat(failed.orphans()).isEmpty();
    assertThat(failed.errors().get("remove_orphan_files"))
        .startsWith(
            "cannot remove orphan files of " + brokenName + ": its metadata cannot be loaded");
    assertThat(run.failedTables()).isEqualTo(1);
  }

  @Test
  void aRunLoadsEachTableOnceForAllItsOrphanRemovals() {
    for (String name : List.of("one", "two", "three", "four")) {
      table(name);
    }
    Map<String, Integer> loads = new ConcurrentHashMap<>();
    SparkLakehouseCatalog counting =
        new SparkLakehouseCatalog(
            spark, storage.config(), catalog -> new CountingCatalog(catalog, loads));

    MaintenanceRun run =
        new MaintenanceManager(counting)
            .runPlan(
                orphansOnly(counting, "one", "two", "three", "four"), MaintenanceProgress.NONE);

    assertThat(run.succeeded()).as("%s", run).isTrue();
    // Per table: its statistics before and after, and one load shared by the four removals (it was
    // 6 when each removal loaded its own table and again every other table of the catalog).
    assertThat(loads)
        .containsOnly(
            Map.entry("one", 3), Map.entry("two", 3), Map.entry("three", 3), Map.entry("four", 3));
  }
}
