package dev.movielake.lakehouse.maintenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.movielake.lakehouse.IcebergStorageManager;
import dev.movielake.lakehouse.LakehouseException;
import dev.movielake.lakehouse.TableName;
import dev.movielake.lakehouse.table.WriteOptions;
import dev.movielake.lakehouse.testing.MovieRows;
import dev.movielake.lakehouse.testing.SharedSpark;
import dev.movielake.model.Layer;
import dev.movielake.model.PipelineTable;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.DataFiles;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.HasTableOperations;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * Orphan removal in two phases on real tables: a file no snapshot references is marked, deleted
 * only once the grace has passed and only if still unreferenced then; a file referenced again is
 * kept; files younger than the age guard are never marked; a location another table overlaps is
 * refused; the plan schedules both phases without any snapshot to expire.
 */
class OrphanPhasesTest {
  private static final Duration PAST_THE_GRACE = Duration.ofHours(49);

  private final SparkSession spark = SharedSpark.session();
  private final IcebergStorageManager storage = SharedSpark.storage("orphan_phases");
  private final TableName marks = storage.table(Layer.SILVER, "orphan_files");

  private TableName table(String name) {
    storage.writeToGold(MovieRows.range(spark, 1, 2, 2001, 1), name, WriteOptions.append());
    return storage.table(Layer.GOLD, name);
  }

  private static Path local(String location) {
    return location.startsWith("file:") ? Path.of(URI.create(location)) : Path.of(location);
  }

  private Path dataFolder(TableName table) throws Exception {
    Path data = local(storage.loadTable(table).location()).resolve("data");
    Files.createDirectories(data);
    return data;
  }

  /** A file as a failed write leaves it, last modified {@code age} ago. */
  private Path plant(TableName table, String name, Duration age) throws Exception {
    Path file = Files.writeString(dataFolder(table).resolve(name), "left by a failed write");
    Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(age)));
    return file;
  }

  /**
   * A copy of one of the table's own data files that no snapshot references: a valid Parquet file.
   */
  private Path plantCopyOfDataFile(TableName table, String name) throws Exception {
    Path copy =
        Files.copy(
            local(firstDataFile(table).location()),
            dataFolder(table).resolve(name),
            StandardCopyOption.REPLACE_EXISTING);
    Files.setLastModifiedTime(copy, FileTime.from(Instant.now().minus(Duration.ofDays(5))));
    return copy;
  }

  private DataFile firstDataFile(TableName table) throws Exception {
    try (CloseableIterable<FileScanTask> tasks = storage.loadTable(table).newScan().planFiles()) {
      return tasks.iterator().next().file();
    }
  }

  private static Clock at(Instant instant) {
    return Clock.fixed(instant, ZoneOffset.UTC);
  }

  private MarkOrphanFiles mark(TableName table) {
    return new MarkOrphanFiles(storage.catalog(), table, marks);
  }

  private DeleteMarkedOrphanFiles delete(TableName table) {
    return new DeleteMarkedOrphanFiles(storage.catalog(), table, marks);
  }

  private List<Row> rowsOf(String file) {
    return spark
        .sql(
            "SELECT state, marked_at, decided_at, file_size_bytes, note FROM "
                + marks.sql()
                + " WHERE file_path = '"
                + file
                + "' ORDER BY coalesce(decided_at, marked_at)")
        .collectAsList();
  }

  @Test
  void anOldUnreferencedFileIsMarkedNotDeletedThenDeletedOnceTheGraceHasPassed() throws Exception {
    TableName name = table("planted");
    Path orphan = plant(name, "failed-write.parquet", Duration.ofDays(5));
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);

    MarkOrphanFiles.Result marked = mark(name).clock(at(now)).execute();

    assertThat(marked.found()).isEqualTo(1);
    assertThat(marked.newlyMarked()).singleElement().asString().endsWith("failed-write.parquet");
    assertThat(marked.alreadyMarked()).isZero();
    assertThat(orphan).exists();
    String file = marked.newlyMarked().get(0);
    List<Row> rows = rowsOf(file);
    assertThat(rows)
        .singleElement()
        .satisfies(row -> assertThat(row.getString(0)).isEqualTo("marked"));
    assertThat(rows.get(0).isNullAt(2)).as("a mark has no decision time").isTrue();
    assertThat(rows.get(0).getLong(3)).isEqualTo(Files.size(orphan));

    DeleteMarkedOrphanFiles.Result inGrace =
        delete(name).clock(at(now.plus(Duration.ofHours(47)))).execute();
    assertThat(inGrace.waiting()).isEqualTo(1);
    assertThat(inGrace.deleted()).isEmpty();
    assertThat(inGrace.olderThan()).as("nothing due, nothing listed").isEmpty();
    assertThat(orphan).exists();

    DeleteMarkedOrphanFiles.Result dryRun =
        delete(name).clock(at(now.plus(PAST_THE_GRACE))).dryRun(true).execute();
    assertThat(dryRun.deleted()).containsExactly(file);
    assertThat(orphan).as("a dry run deletes nothing").exists();
    assertThat(rowsOf(file)).as("and records nothing").hasSize(1);

    DeleteMarkedOrphanFiles.Result deleted =
        delete(name).clock(at(now.plus(PAST_THE_GRACE))).execute();

    assertThat(deleted.deleted()).containsExactly(file);
    assertThat(deleted.waiting()).isZero();
    assertThat(deleted.bytesFreed()).isEqualTo("left by a failed write".length());
    assertThat(orphan).doesNotExist();
    assertThat(rowsOf(file))
        .extracting(row -> row.getString(0))
        .containsExactly("marked", "deleted");
    assertThat(new OrphanMarks(storage.catalog(), marks).latest(name))
        .singleElement()
        .satisfies(
            mark -> {
              assertThat(mark.state()).isEqualTo(OrphanMark.State.DELETED);
              assertThat(mark.markedAt()).isEqualTo(marked.markedAt());
              assertThat(mark.decidedAt()).contains(now.plus(PAST_THE_GRACE));
            });
    assertThat(storage.readFromLayer(Layer.GOLD, "planted").count()).isEqualTo(2);
  }

  @Test
  void aMarkedFileReferencedAgainIsKeptAndNeverDeleted() throws Exception {
    TableName name = table("adopted");
    Path copy = plantCopyOfDataFile(name, "adopted-later.parquet");
    Instant now = Instant.now();
    MarkOrphanFiles.Result marked = mark(name).clock(at(now)).execute();
    assertThat(marked.newlyMarked()).singleElement().asString().endsWith("adopted-later.parquet");

    // The file becomes part of the table after it was marked, as add_files would make it.
    Table table = storage.loadTable(name);
    table
        .newAppend()
        .appendFile(
            DataFiles.builder(table.spec())
                .copy(firstDataFile(name))
                .withPath(marked.newlyMarked().get(0))
                .build())
        .commit();

    DeleteMarkedOrphanFiles.Result decided =
        delete(name).clock(at(now.plus(PAST_THE_GRACE))).execute();

    assertThat(decided.kept()).containsExactlyElementsOf(marked.newlyMarked());
    assertThat(decided.deleted()).isEmpty();
    assertThat(copy).exists();
    assertThat(storage.readFromLayer(Layer.GOLD, "adopted").count())
        .isEqualTo(2 + firstDataFile(name).recordCount());
    assertThat(rowsOf(marked.newlyMarked().get(0)))
        .extracting(row -> row.getString(0))
        .containsExactly("marked", "kept");

    DeleteMarkedOrphanFiles.Result later =
        delete(name).clock(at(now.plus(PAST_THE_GRACE).plusSeconds(60))).execute();
    assertThat(later.deleted()).isEmpty();
    assertThat(later.kept()).as("a decided file is not decided again").isEmpty();
    assertThat(copy).exists();
  }

  @Test
  void aYoungFileIsNeverMarkedAndAMarkedFileGoneIsRecordedAsGone() throws Exception {
    TableName name = table("young");
    Path inFlight = plant(name, "write-in-flight.parquet", Duration.ofHours(2));
    Path old = plant(name, "old.parquet", Duration.ofDays(5));
    Instant now = Instant.now();

    MarkOrphanFiles.Result marked = mark(name).clock(at(now)).execute();

    assertThat(marked.newlyMarked()).singleElement().asString().endsWith("old.parquet");
    Files.delete(old); // e.g. by a one-phase removal in between
    DeleteMarkedOrphanFiles.Result decided =
        delete(name).clock(at(now.plus(PAST_THE_GRACE))).execute();
    assertThat(decided.gone()).containsExactlyElementsOf(marked.newlyMarked());
    assertThat(decided.deleted()).isEmpty();
    assertThat(inFlight).exists();
    assertThat(new OrphanMarks(storage.catalog(), marks).latest(name))
        .extracting(OrphanMark::state)
        .containsExactly(OrphanMark.State.GONE);

    assertThatThrownBy(() -> mark(name).olderThan(Duration.ofHours(23)))
        .isInstanceOf(LakehouseException.class)
        .hasMessageContaining("younger than 24 hours");
  }

  @Test
  void markingTwiceDoesNotDuplicateMarksAndEachScanIsRecorded() throws Exception {
    TableName name = table("twice");
    plant(name, "orphan.parquet", Duration.ofDays(5));
    TableName clean = table("clean");

    MarkOrphanFiles.Result first = mark(name).execute();
    MarkOrphanFiles.Result second = mark(name).execute();
    MarkOrphanFiles.Result nothing = mark(clean).execute();

    assertThat(first.newlyMarked()).hasSize(1);
    assertThat(second.found()).isEqualTo(1);
    assertThat(second.newlyMarked()).isEmpty();
    assertThat(second.alreadyMarked()).isEqualTo(1);
    assertThat(rowsOf(first.newlyMarked().get(0))).hasSize(1);
    assertThat(nothing.found()).isZero();
    OrphanMarks orphanMarks = new OrphanMarks(storage.catalog(), marks);
    assertThat(orphanMarks.lastScan(name)).isPresent();
    assertThat(orphanMarks.lastScan(clean)).as("a scan that found nothing counts too").isPresent();
    assertThat(PipelineTable.ORPHAN_FILES.partitioning())
        .as("the marks table as the contract declares it")
        .containsExactly(OrphanMarks.PARTITIONING);
    assertThat(spark.table(marks.qualified()).columns())
        .containsExactly(
            "marked_at",
            "layer",
            "table_name",
            "file_path",
            "state",
            "decided_at",
            "file_size_bytes",
            "note");
  }

  @Test
  void anotherTablesLocationIsRefusedByBothPhases() throws Exception {
    TableName outer = table("outer");
    Path orphan = plant(outer, "orphan.parquet", Duration.ofDays(5));
    Instant now = Instant.now();
    mark(outer).clock(at(now)).execute();
    Table outerTable = storage.loadTable(outer);
    storage
        .catalog()
        .iceberg()
        .createTable(
            TableIdentifier.of(storage.config().database(Layer.GOLD), "squatter"),
            outerTable.schema(),
            outerTable.spec(),
            outerTable.location() + "/nested",
            outerTable.properties());

    assertThatThrownBy(() -> mark(outer).execute())
        .isInstanceOf(LakehouseException.class)
        .hasMessageStartingWith("refusing to mark orphan files of " + outer)
        .hasMessageContaining("overlaps the location of");
    assertThatThrownBy(() -> delete(outer).clock(at(now.plus(PAST_THE_GRACE))).execute())
        .isInstanceOf(LakehouseException.class)
        .hasMessageStartingWith("refusing to delete orphan files of " + outer);
    assertThat(orphan).exists();
    assertThat(new OrphanMarks(storage.catalog(), marks).latest(outer))
        .extracting(OrphanMark::state)
        .containsExactly(OrphanMark.State.MARKED);
  }

  @Test
  void aTableWithBrokenMetadataFailsItsOwnMarkingAndIsNamedInTheOthers() throws Exception {
    TableName healthy = table("healthy");
    TableName broken = table("broken");
    String metadata =
        ((HasTableOperations) storage.loadTable(broken))
            .operations()
            .current()
            .metadataFileLocation();
    Files.delete(local(metadata));
    TableLocations locations = TableLocations.load(storage.catalog());

    assertThatThrownBy(() -> mark(broken).locations(locations).execute())
        .isInstanceOf(LakehouseException.class)
        .hasMessageStartingWith(
            "cannot mark orphan files of " + broken + ": its metadata cannot be loaded");
    MarkOrphanFiles.Result result = mark(healthy).locations(locations).execute();
    assertThat(result.unreadableTables()).containsOnlyKeys(broken);
  }

  @Test
  void thePlanSchedulesBothPhasesWithoutAnySnapshotToExpire() throws Exception {
    TableName name = table("scheduled");
    Path orphan = plant(name, "orphan.parquet", Duration.ofDays(5));
    Instant now = Instant.now();
    MaintenanceManager manager =
        new MaintenanceManager(storage.catalog(), at(now)).withOrphanMarks(marks);

    MaintenancePlan first = manager.plan(Optional.of(Layer.GOLD));
    assertThat(first.tables())
        .singleElement()
        .satisfies(
            plan ->
                assertThat(plan.actions())
                    .extracting(MaintenancePlan.PlannedAction::action)
                    .containsExactly(MaintenancePlan.Action.MARK_ORPHAN_FILES));
    MaintenanceRun marking = manager.runPlan(first, MaintenanceProgress.NONE);
    assertThat(marking.succeeded()).as("%s", marking).isTrue();
    assertThat(marking.tables().get(0).orphanMarks().orElseThrow().newlyMarked()).hasSize(1);
    assertThat(orphan).exists();

    assertThat(manager.plan(Optional.of(Layer.GOLD)).actionCount())
        .as("scanned within the interval, marks in their grace")
        .isZero();
    assertThat(
            new MaintenanceManager(storage.catalog(), at(now))
                .plan(Optional.of(Layer.GOLD))
                .actionCount())
        .as("without a marks table nothing is planned for orphans until something expires")
        .isZero();

    MaintenanceManager later =
        new MaintenanceManager(storage.catalog(), at(now.plus(PAST_THE_GRACE)))
            .withOrphanMarks(marks);
    MaintenancePlan due = later.plan(Optional.of(Layer.GOLD));
    assertThat(due.tables().get(0).actions())
        .extracting(MaintenancePlan.PlannedAction::action)
        .containsExactly(
            MaintenancePlan.Action.MARK_ORPHAN_FILES, MaintenancePlan.Action.DELETE_ORPHAN_FILES);
    assertThat(due.tables().get(0).actions().get(1).reason())
        .startsWith("1 marked file(s) past the grace of 48 h");
    MaintenanceRun deleting = later.runPlan(due, MaintenanceProgress.NONE);
    assertThat(deleting.succeeded()).as("%s", deleting).isTrue();
    MaintenanceRun.TableRun run = deleting.tables().get(0);
    assertThat(run.orphanMarks().orElseThrow().alreadyMarked()).isEqualTo(1);
    assertThat(run.orphanDeletion().orElseThrow().deleted()).hasSize(1);
    assertThat(orphan).doesNotExist();
  }
}
