package dev.movielake.lakehouse.readers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.movielake.lakehouse.LakehouseException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.DataFiles;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.hadoop.HadoopCatalog;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registry on a real Iceberg table (a Hadoop catalog in a folder), without an engine. */
class TableReadersTest {
  private static final Instant NOW = Instant.parse("2026-01-01T10:00:00Z");

  @TempDir Path warehouse;
  private HadoopCatalog catalog;
  private Table table;
  private final TableReaders readers = new TableReaders(Clock.fixed(NOW, ZoneOffset.UTC));

  @BeforeEach
  void createTable() {
    catalog = new HadoopCatalog(new Configuration(), warehouse.toUri().toString());
    table =
        catalog.createTable(
            TableIdentifier.of("bronze", "movies"),
            new Schema(Types.NestedField.required(1, "id", Types.LongType.get())),
            PartitionSpec.unpartitioned());
  }

  /** Commits one append of a (metadata-only) data file and returns its snapshot id. */
  private long append(int index) throws InterruptedException {
    Thread.sleep(2); // distinct commit times, so floors compare by time as they do in production
    table
        .newAppend()
        .appendFile(
            DataFiles.builder(table.spec())
                .withPath(warehouse.resolve("file-" + index + ".parquet").toString())
                .withFileSizeInBytes(100)
                .withRecordCount(1)
                .build())
        .commit();
    return table.currentSnapshot().snapshotId();
  }

  private Table reloaded() {
    return catalog.loadTable(TableIdentifier.of("bronze", "movies"));
  }

  @Test
  void registersMovesAndUnregistersAFloorInTheTablesProperties() throws Exception {
    long first = append(1);
    long second = append(2);
    long third = append(3);

    assertThat(readers.register(table, "stream.silver_movies", first)).isTrue();
    assertThat(readers.register(table, "stream.silver_movies", first))
        .as("the same floor again commits nothing")
        .isFalse();
    assertThat(reloaded().properties())
        .containsEntry("movielake.reader.stream.silver_movies.snapshot", Long.toString(first))
        .containsEntry("movielake.reader.stream.silver_movies.registered-at", NOW.toString());

    List<TableReader> registered = readers.readers(reloaded());
    assertThat(registered)
        .singleElement()
        .satisfies(
            reader -> {
              assertThat(reader.name()).isEqualTo("stream.silver_movies");
              assertThat(reader.snapshotId()).isEqualTo(first);
              assertThat(reader.snapshotExists()).isTrue();
              assertThat(reader.registeredAt()).isEqualTo(NOW);
              assertThat(reader.snapshotsBehind()).isEqualTo(2);
              assertThat(reader.ageBehind())
                  .isEqualTo(
                      Duration.ofMillis(
                          table.snapshot(third).timestampMillis()
                              - table.snapshot(first).timestampMillis()))
                  .isPositive();
            });

    assertThat(readers.register(table, "stream.silver_movies", third)).isTrue();
    assertThat(readers.readers(reloaded()).get(0).snapshotsBehind()).isZero();
    assertThat(readers.register(table, "stream.silver_movies", second)).as("back").isTrue();
    assertThat(readers.readers(reloaded()).get(0).snapshotId()).isEqualTo(second);

    assertThat(readers.unregister(reloaded(), "stream.silver_movies")).isTrue();
    assertThat(reloaded().properties())
        .doesNotContainKeys(
            "movielake.reader.stream.silver_movies.snapshot",
            "movielake.reader.stream.silver_movies.registered-at");
    assertThat(readers.readers(reloaded())).isEmpty();
    assertThat(readers.unregister(reloaded(), "stream.silver_movies")).isFalse();
    assertThat(readers.floorTimestampMillis(reloaded())).isEmpty();
  }

  @Test
  void refusesNamesThatAreNotLettersDigitsDashUnderscoreOrDotAndSnapshotsTheTableLacks()
      throws Exception {
    long snapshot = append(1);
    for (String invalid : List.of("", "a b", "gold/refresh", "x=y", "a".repeat(129))) {
      assertThatThrownBy(() -> readers.register(table, invalid, snapshot))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("invalid reader name")
          .hasMessageContaining("letters, digits");
    }
    assertThatThrownBy(() -> readers.register(table, "publisher", snapshot + 1))
        .isInstanceOf(LakehouseException.class)
        .hasMessageContaining("no such snapshot");
    assertThat(reloaded().properties().keySet())
        .noneMatch(key -> key.startsWith(TableReaders.PROPERTY_PREFIX));
    assertThat(readers.register(table, "gold-refresh_2.v1", snapshot)).isTrue();
  }

  @Test
  void theFloorIsTheOldestExistingSnapshotAndAnExpiredOneIsReportedNotCounted() throws Exception {
    long first = append(1);
    long second = append(2);
    append(3);
    readers.register(table, "publisher", first);
    readers.register(table, "gold", second);
    assertThat(readers.floorTimestampMillis(reloaded()))
        .contains(table.snapshot(first).timestampMillis());

    // Expired by hand (as another engine would), leaving the publisher's floor pointing nowhere.
    reloaded().expireSnapshots().expireSnapshotId(first).cleanExpiredFiles(false).commit();

    Table after = reloaded();
    assertThat(readers.floorTimestampMillis(after))
        .contains(after.snapshot(second).timestampMillis());
    assertThat(readers.readers(after))
        .extracting(TableReader::name, TableReader::snapshotExists)
        .containsExactly(tuple("gold", true), tuple("publisher", false));
    TableReader lost = readers.readers(after).get(1);
    assertThat(lost.snapshotsBehind()).isNull();
    assertThat(lost.ageBehind()).isNull();
    assertThat(lost.snapshotAt()).isNull();
    assertThat(Map.copyOf(after.properties()))
        .containsEntry(TableReaders.snapshotKey("publisher"), Long.toString(first));
  }
}
