package dev.movielake.lakehouse.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.movielake.config.LakehouseConfig;
import dev.movielake.lakehouse.LakehouseCatalog;
import dev.movielake.lakehouse.TableName;
import dev.movielake.model.Layer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.iceberg.AppendFiles;
import org.apache.iceberg.DataFiles;
import org.apache.iceberg.FileMetadata;
import org.apache.iceberg.HasTableOperations;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Statistics and health read from a real table's metadata, in the default catalog (JDBC on SQLite)
 * of a lakehouse in a temporary folder. Data and delete files are committed as metadata only: the
 * reader never opens one.
 */
class TableStatisticsReaderTest {
  private static final long MB = 1024 * 1024;
  private static final Schema SCHEMA =
      new Schema(
          Types.NestedField.required(1, "movie_id", Types.LongType.get()),
          Types.NestedField.required(2, "release_year", Types.IntegerType.get()));

  @TempDir Path home;
  private LakehouseCatalog catalog;
  private TableName name;
  private Table table;

  @BeforeEach
  void createTable() {
    catalog =
        LakehouseCatalog.open(LakehouseConfig.from(Map.of("LAKEHOUSE_HOME", home.toString())));
    catalog.ensureNamespace(Layer.SILVER);
    name = catalog.table(Layer.SILVER, "movies_clean");
    table =
        catalog
            .iceberg()
            .createTable(
                name.identifier(),
                SCHEMA,
                PartitionSpec.builderFor(SCHEMA).identity("release_year").build(),
                Map.of("format-version", "2"));
  }

  /** One commit of {@code count} data files of {@code bytes} each into a year's partition. */
  private void append(int year, int count, long bytes) {
    AppendFiles append = table.newFastAppend();
    for (int index = 0; index < count; index++) {
      append.appendFile(
          DataFiles.builder(table.spec())
              .withPath(table.location() + "/data/" + year + "-" + bytes + "-" + index + ".parquet")
              .withFileSizeInBytes(bytes)
              .withRecordCount(100)
              .withPartitionPath("release_year=" + year)
              .build());
    }
    append.commit();
  }

  @Test
  void readsTheCrowdedPartitionManifestsAndMetadataSizeAndScoresTheHealth() throws Exception {
    // The default small-file threshold: 0.75 of 128 MB.
    append(2024, 6, MB);
    append(2023, 2, MB);
    append(2023, 1, 120 * MB);
    table
        .newRowDelta()
        .addDeletes(
            FileMetadata.deleteFileBuilder(table.spec())
                .ofPositionDeletes()
                .withPath(table.location() + "/data/2024-deletes.parquet")
                .withFileSizeInBytes(2048)
                .withRecordCount(45)
                .withPartitionPath("release_year=2024")
                .build())
        .commit();

    TableStatistics statistics = new TableStatisticsReader(catalog).read(name);

    assertThat(statistics.files().fileCount()).isEqualTo(9);
    assertThat(statistics.files().smallFileCount()).isEqualTo(8);
    assertThat(statistics.files().maxSmallFilesPerPartition()).isEqualTo(6);
    assertThat(statistics.files().maxSmallFilesPartition()).isEqualTo("release_year=2024");
    assertThat(statistics.metadata().manifestCount()).as("3 appends and 1 delete").isEqualTo(4);
    String metadataFile =
        ((HasTableOperations) catalog.loadTable(name))
            .operations()
            .current()
            .metadataFileLocation();
    assertThat(statistics.metadata().metadataFileSizeBytes())
        .isPositive()
        .isEqualTo(Files.size(Path.of(metadataFile.replaceFirst("^file:", ""))));

    // Small files: (6 - 1) / 9 of 40; position deletes: 45 of 900 rows, 0.05 / 0.6 of 20 (more
    // than 1 delete file of 10 costs); manifests: (4 - 1) / 39 of 10. Snapshots and the metadata
    // file cost under 0.05 points, unlisted.
    TableHealth health = statistics.health();
    assertThat(health.healthDeductions())
        .extracting(TableHealth.Deduction::input, TableHealth.Deduction::pointsLost)
        .containsExactly(
            tuple(TableHealth.Input.SMALL_FILES, 22.2),
            tuple(TableHealth.Input.POSITION_DELETES, 1.7),
            tuple(TableHealth.Input.MANIFESTS, 0.8));
    assertThat(health.healthDeductions().get(0).reason())
        .isEqualTo("6 small files in partition release_year=2024 (limit 5)");
    assertThat(health.healthScore()).isEqualTo(75);
    assertThat(health).isEqualTo(TableHealth.of(statistics, catalog.config().maintenance()));
  }

  @Test
  void anEmptyTableHasNoManifestAndScoresHundred() {
    TableStatistics statistics = new TableStatisticsReader(catalog).read(name);

    assertThat(statistics.metadata().manifestCount()).isZero();
    assertThat(statistics.metadata().metadataFileSizeBytes()).isPositive();
    assertThat(statistics.files().maxSmallFilesPerPartition()).isZero();
    assertThat(statistics.files().maxSmallFilesPartition()).isEmpty();
    assertThat(statistics.health()).isEqualTo(TableHealth.PERFECT);
  }
}
