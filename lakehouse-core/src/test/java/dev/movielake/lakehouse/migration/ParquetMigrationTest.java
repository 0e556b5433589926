package dev.movielake.lakehouse.migration;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.year;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.movielake.lakehouse.IcebergStorageManager;
import dev.movielake.lakehouse.LakehouseException;
import dev.movielake.lakehouse.TableName;
import dev.movielake.lakehouse.migration.ParquetMigration.Mode;
import dev.movielake.lakehouse.migration.ParquetMigration.Result;
import dev.movielake.lakehouse.table.Partitioning;
import dev.movielake.lakehouse.testing.MovieRows;
import dev.movielake.lakehouse.testing.SharedSpark;
import dev.movielake.model.Layer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Migrations of real Parquet folders written by Spark, in each mode, with validation. */
class ParquetMigrationTest {
  private static final int ROWS = 200;
  private static Path flatTemplate;
  private static Path partitionedTemplate;

  private final SparkSession spark = SharedSpark.session();
  private final IcebergStorageManager storage = SharedSpark.storage("migration");
  @TempDir Path temporary;

  /** Written once; each test migrates its own copy, since some modes hand the files to a table. */
  @BeforeAll
  static void writeParquetFolders(@TempDir Path templates) {
    SparkSession spark = SharedSpark.session();
    flatTemplate = templates.resolve("movies");
    MovieRows.range(spark, 1, ROWS, 2015, 5)
        .repartition(3)
        .write()
        .parquet(flatTemplate.toString());
    partitionedTemplate = templates.resolve("movies_by_month");
    MovieRows.range(spark, 1, ROWS, 2015, 5)
        .withColumn("year", year(col("release_date")))
        .withColumn("month", expr("int(movie_id % 2) + 1"))
        .coalesce(1) // one file per partition folder: 10 files
        .write()
        .partitionBy("year", "month")
        .parquet(partitionedTemplate.toString());
  }

  private Path copy(Path template) {
    Path target = temporary.resolve(template.getFileName() + "_" + System.nanoTime());
    try (Stream<Path> walk = Files.walk(template)) {
      for (Path path : (Iterable<Path>) walk::iterator) {
        Path destination = target.resolve(template.relativize(path).toString());
        if (Files.isDirectory(path)) {
          Files.createDirectories(destination);
        } else {
          Files.copy(path, destination);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return target;
  }

  private ParquetMigration migration(Path source, String table, Mode mode) {
    return new ParquetMigration(storage, source.toString(), storage.table(Layer.BRONZE, table))
        .mode(mode);
  }

  /** Every file under a folder: relative path to size and SHA-256 of the content. */
  private static Map<String, String> contents(Path folder) {
    Map<String, String> files = new TreeMap<>();
    if (!Files.exists(folder)) {
      return files;
    }
    try (Stream<Path> walk = Files.walk(folder)) {
      for (Path file : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
        byte[] bytes = Files.readAllBytes(file);
        String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        files.put(folder.relativize(file).toString(), bytes.length + ":" + hash);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    return files;
  }

  private List<String> dataFiles(TableName table) {
    return spark.table(table.qualified() + ".files").select("file_path").collectAsList().stream()
        .map(row -> row.getString(0))
        .toList();
  }

  private static Path local(String location) {
    return location.startsWith("file:") ? Path.of(URI.create(location)) : Path.of(location);
  }

  private List<String> temporarySessionTables() {
    return spark.sql("SHOW TABLES IN spark_catalog.default").collectAsList().stream()
        .map(row -> row.getString(row.fieldIndex("tableName")))
        .filter(name -> name.startsWith("movielake_migration_"))
        .toList();
  }

  @Test
  void snapshotReferencesTheFilesInPlaceAndLeavesTheSourceUntouched() {
    Path source = copy(flatTemplate);
    Map<String, String> before = contents(source);

    Result result = migration(source, "movies_snapshot", Mode.SNAPSHOT).validate(true).execute();

    assertThat(result.sourceRows()).isEqualTo(ROWS);
    assertThat(result.migratedFiles()).isEqualTo(result.sourceFiles()).isEqualTo(3);
    assertThat(result.tableRowsAfter()).isEqualTo(ROWS);
    assertThat(result.validation())
        .get()
        .satisfies(
            validation -> {
              assertThat(validation.matched()).isTrue();
              assertThat(validation.targetCount()).isEqualTo(ROWS);
              assertThat(validation.targetChecksum()).isEqualTo(validation.sourceChecksum());
            });
    TableName table = result.table();
    Table iceberg = storage.catalog().loadTable(table);
    assertThat(iceberg.properties()).containsEntry("gc.enabled", "false");
    assertThat(dataFiles(table))
        .hasSize(3)
        .allSatisfy(file -> assertThat(local(file)).startsWith(source));
    assertThat(contents(source))
        .isEqualTo(before); // nothing written, moved or deleted in the source
    assertThat(spark.read().parquet(source.toString()).count()).isEqualTo(ROWS);
    assertThat(temporarySessionTables()).isEmpty();
    assertThat(
            storage
                .readFromLayer(Layer.BRONZE, "movies_snapshot")
                .where("movie_id = 42")
                .first()
                .<String>getAs("title"))
        .isEqualTo("Movie 42");

    // The folder lives on: a file added to it later is not in the snapshot table, which verify
    // detects.
    MovieRows.range(spark, 1000, 5, 2015, 5)
        .coalesce(1)
        .write()
        .mode("append")
        .parquet(source.toString());
    ParquetMigration later = migration(source, "movies_snapshot", Mode.SNAPSHOT);
    assertThatThrownBy(later::verify)
        .isInstanceOf(MigrationValidationException.class)
        .hasMessageContaining("the Parquet source has " + (ROWS + 5) + " row(s)")
        .hasMessageContaining(table + " has " + ROWS + " row(s)")
        .satisfies(
            error -> {
              ParquetMigration.Validation validation =
                  ((MigrationValidationException) error).validation();
              assertThat(validation.matched()).isFalse();
              assertThat(error)
                  .hasMessageContaining(validation.sourceChecksum())
                  .hasMessageContaining(validation.targetChecksum());
            });
  }

  @Test
  void migrateHandsAPartitionedFolderToTheTableAndMarksIt() {
    Path source = copy(partitionedTemplate);

    Result result = migration(source, "movies_migrated", Mode.MIGRATE).validate(true).execute();

    assertThat(result.validation())
        .get()
        .extracting(ParquetMigration.Validation::matched)
        .isEqualTo(true);
    assertThat(result.partitioning()).isEqualTo("year, month");
    Table iceberg = storage.catalog().loadTable(result.table());
    assertThat(Partitioning.describe(iceberg.spec())).isEqualTo("year, month");
    assertThat(iceberg.properties()).containsEntry("gc.enabled", "true");
    assertThat(dataFiles(result.table()))
        .hasSize((int) result.sourceFiles())
        .allSatisfy(file -> assertThat(local(file)).startsWith(source));
    // Partition columns live in the folder names only; the table reads them from its partition
    // values.
    assertThat(
            storage
                .readFromLayer(Layer.BRONZE, "movies_migrated")
                .where("movie_id = 7")
                .first()
                .<Integer>getAs("month"))
        .isEqualTo(2);
    assertThat(result.sourceFiles()).isEqualTo(10);
    assertThat(source.resolve(ParquetSource.MARKER)).content().contains(result.table().qualified());
    assertThat(result.note()).contains("owns the files", ParquetSource.MARKER);
    assertThat(spark.read().parquet(source.toString()).count())
        .isEqualTo(ROWS); // Spark skips the marker

    assertThatThrownBy(() -> migration(source, "movies_again", Mode.SNAPSHOT).execute())
        .isInstanceOf(LakehouseException.class)
        .hasMessageContaining("was migrated to " + result.table().qualified())
        .hasMessageContaining("read the table instead");
    assertThat(storage.tableExists(Layer.BRONZE, "movies_again")).isFalse();
  }

  @Test
  void addFilesAppendsToAnExistingTableAndRefusesTheSameFilesTwice() {
    Path first = copy(flatTemplate);
    Path second = temporary.resolve("more_movies");
    MovieRows.range(spark, 5000, 50, 2015, 5).coalesce(1).write().parquet(second.toString());

    Result created = migration(first, "movies_added", Mode.ADD_FILES).validate(true).execute();
    assertThat(created.tableRowsAfter()).isEqualTo(ROWS);
    assertThat(created.migratedFiles()).isEqualTo(3);

    // Validation of an append compares the folder with the rows this run added, not the whole
    // table.
    Result appended = migration(second, "movies_added", Mode.ADD_FILES).validate(true).execute();
    assertThat(appended.validation())
        .get()
        .satisfies(
            validation -> {
              assertThat(validation.matched()).isTrue();
              assertThat(validation.targetCount()).isEqualTo(50);
            });
    assertThat(appended.tableRowsAfter()).isEqualTo(ROWS + 50);
    long snapshot = appended.snapshotId().orElseThrow();

    assertThatThrownBy(() -> migration(first, "movies_added", Mode.ADD_FILES).execute())
        .isInstanceOf(LakehouseException.class)
        .hasMessageContaining("are already in " + created.table())
        .hasMessageContaining("count every row twice");
    Table table = storage.catalog().loadTable(created.table());
    assertThat(table.currentSnapshot().snapshotId()).isEqualTo(snapshot);
    assertThat(storage.readFromLayer(Layer.BRONZE, "movies_added").count()).isEqualTo(ROWS + 50);
  }

  @Test
  void rewriteCopiesTheRowsIntoTheTablesOwnPartitionedFiles() {
    Path source = copy(flatTemplate);

    Result result =
        migration(source, "movies_rewritten", Mode.REWRITE)
            .partitionBy("years(release_date)")
            .validate(true)
            .execute();

    assertThat(result.validation())
        .get()
        .extracting(ParquetMigration.Validation::matched)
        .isEqualTo(true);
    assertThat(result.tableRowsAfter()).isEqualTo(ROWS);
    Table iceberg = storage.catalog().loadTable(result.table());
    assertThat(Partitioning.describe(iceberg.spec())).isEqualTo("years(release_date)");
    Path tableLocation = local(iceberg.location());
    assertThat(dataFiles(result.table()))
        .hasSize((int) result.migratedFiles())
        .allSatisfy(file -> assertThat(local(file)).startsWith(tableLocation));
    assertThat(iceberg.properties()).doesNotContainEntry("gc.enabled", "false");
  }

  @Test
  void filesThatGainedAColumnKeepEveryColumnInEachMode() {
    Path template = temporary.resolve("movies_gaining_a_column");
    MovieRows.range(spark, 1, 60, 2015, 3).coalesce(1).write().parquet(template.toString());
    MovieRows.range(spark, 61, 40, 2018, 2)
        .withColumn("tagline", concat(lit("tagline of "), col("movie_id")))
        .coalesce(1)
        .write()
        .mode("append")
        .parquet(template.toString());

    for (Mode mode : List.of(Mode.REWRITE, Mode.SNAPSHOT, Mode.ADD_FILES)) {
      Result result =
          migration(copy(template), "movies_gaining_" + mode.name().toLowerCase(), mode)
              .validate(true)
              .execute();

      assertThat(result.validation())
          .get()
          .as("%s", mode)
          .extracting(ParquetMigration.Validation::matched)
          .isEqualTo(true);
      Table iceberg = storage.catalog().loadTable(result.table());
      assertThat(iceberg.schema().findField("tagline"))
          .as("%s keeps the column only later files have", mode)
          .isNotNull();
      List<Row> taglines =
          spark
              .table(result.table().qualified())
              .where("movie_id in (1, 61)")
              .orderBy("movie_id")
              .select("tagline")
              .collectAsList();
      assertThat(taglines)
          .as("%s", mode)
          .extracting(row -> row.getString(0))
          .containsExactly(null, "tagline of 61");
    }

    Path conflicting = temporary.resolve("movies_with_conflicting_types");
    MovieRows.range(spark, 1, 10, 2015, 1).coalesce(1).write().parquet(conflicting.toString());
    MovieRows.range(spark, 11, 10, 2015, 1)
        .withColumn("movie_id", col("movie_id").cast("string"))
        .coalesce(1)
        .write()
        .mode("append")
        .parquet(conflicting.toString());
    assertThatThrownBy(() -> migration(conflicting, "movies_conflicting", Mode.REWRITE).execute())
        .hasMessageContaining("cannot read the Parquet files of " + conflicting)
        .hasMessageContaining("the files disagree on a column's type");
    assertThat(storage.tableExists(Layer.BRONZE, "movies_conflicting")).isFalse();
  }

  @Test
  void aDryRunChangesNothingInTheWarehouseOrTheCatalog() {
    Path source = copy(partitionedTemplate);
    Path warehouse = Path.of(storage.config().warehousePath());
    Map<String, String> warehouseBefore = contents(warehouse);
    Map<String, String> sourceBefore = contents(source);
    SupportsNamespaces namespaces = (SupportsNamespaces) storage.catalog().iceberg();
    List<Namespace> namespacesBefore = namespaces.listNamespaces();
    String database = storage.table(Layer.BRONZE, "any").database();

    for (Mode mode : Mode.values()) {
      Result result =
          migration(source, "movies_planned", mode).validate(true).dryRun(true).execute();
      assertThat(result.dryRun()).isTrue();
      assertThat(result.snapshotId()).isEmpty();
      assertThat(result.sourceRows()).isEqualTo(ROWS);
      assertThat(result.plan())
          .get()
          .satisfies(
              plan -> {
                assertThat(plan.namespaceExists()).isFalse();
                assertThat(plan.tableExists()).isFalse();
                assertThat(plan.rows()).isEqualTo(ROWS);
                assertThat(plan.files()).isEqualTo(result.sourceFiles()).isGreaterThan(1);
                assertThat(plan.partitioning()).isEqualTo("year, month");
                assertThat(plan.schema()).contains("movie_id BIGINT", "year INT", "month INT");
                assertThat(plan.actions()).contains("create namespace " + database);
              });
    }

    assertThat(contents(warehouse)).isEqualTo(warehouseBefore);
    assertThat(contents(source)).isEqualTo(sourceBefore);
    assertThat(namespaces.listNamespaces())
        .isEqualTo(namespacesBefore)
        .doesNotContain(Namespace.of(database));
    assertThat(temporarySessionTables()).isEmpty();
  }

  @Test
  void badInputIsRefusedWithTheProblemAndTheFix() throws IOException {
    Path missing = temporary.resolve("no_such_folder");
    assertThatThrownBy(() -> migration(missing, "movies", Mode.REWRITE).execute())
        .hasMessageContaining(missing + " does not exist")
        .hasMessageContaining("pass --from");

    Path empty = Files.createDirectories(temporary.resolve("empty"));
    Files.writeString(empty.resolve("_SUCCESS"), "");
    assertThatThrownBy(() -> migration(empty, "movies", Mode.SNAPSHOT).execute())
        .hasMessageContaining("no Parquet files in " + empty);

    assertThatThrownBy(
            () ->
                new ParquetMigration(
                        storage, "s3://bronze-data/movies/", storage.table(Layer.BRONZE, "movies"))
                    .execute())
        .hasMessageContaining("answers to s3a:// only")
        .hasMessageContaining("pass --from s3a://bronze-data/movies/");
    assertThatThrownBy(() -> storage.table(Layer.BRONZE, "movies; DROP TABLE x"))
        .hasMessageContaining("invalid table name");

    Path partitioned = copy(partitionedTemplate);
    assertThatThrownBy(
            () ->
                migration(partitioned, "movies", Mode.ADD_FILES)
                    .partitionBy("years(release_date)")
                    .execute())
        .hasMessageContaining("does not match the Parquet folder")
        .hasMessageContaining("partitioned by year, month")
        .hasMessageContaining("pass --partition year,month");

    Path flat = copy(flatTemplate);
    migration(flat, "movies_existing", Mode.REWRITE).execute();
    assertThatThrownBy(() -> migration(flat, "movies_existing", Mode.SNAPSHOT).execute())
        .hasMessageContaining("movies_existing already exists")
        .hasMessageContaining("pass another --table");
    assertThatThrownBy(() -> migration(partitioned, "movies_existing", Mode.ADD_FILES).execute())
        .hasMessageContaining("do not fit the existing table")
        .hasMessageContaining(
            "year is not a column of the table; month is not a column of the table");
    assertThat(storage.tableExists(Layer.BRONZE, "movies")).isFalse();
    assertThat(storage.readFromLayer(Layer.BRONZE, "movies_existing").count()).isEqualTo(ROWS);
  }
}
