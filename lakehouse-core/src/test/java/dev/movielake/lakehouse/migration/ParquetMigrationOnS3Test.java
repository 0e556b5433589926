package dev.movielake.lakehouse.migration;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.year;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.movielake.infra.s3.S3Server;
import dev.movielake.lakehouse.IcebergStorageManager;
import dev.movielake.lakehouse.TableName;
import dev.movielake.lakehouse.migration.ParquetMigration.Mode;
import dev.movielake.lakehouse.migration.ParquetMigration.Result;
import dev.movielake.lakehouse.testing.MovieRows;
import dev.movielake.lakehouse.testing.SharedSpark;
import dev.movielake.model.Layer;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code migrate --from s3a://bucket/prefix} in every mode, against a real S3 server (s3proxy): the
 * Parquet files are written to the server by Spark through S3A, read back through S3A with the
 * configured endpoint and keys, and the in-place modes reference them where they are.
 */
class ParquetMigrationOnS3Test {
  private static final String BUCKET = "parquet-landing";
  private static final int ROWS = 60;

  @TempDir static Path folder;
  private static S3Server server;
  private static IcebergStorageManager storage;
  private static SparkSession spark;

  @BeforeAll
  @SuppressWarnings("inlineQualifiedName") // Hadoop's Path beside java.nio.file.Path
  static void start() throws IOException {
    server =
        S3Server.start(
            folder.resolve("s3"), 0, "landing-access", "landing-secret", folder.resolve("s3.log"));
    // The backend's bucket is a folder of its data directory.
    Files.createDirectories(server.dataDirectory().resolve(BUCKET));
    storage =
        SharedSpark.storage(
            "s3_migration",
            Map.of(
                "ICEBERG_S3_ENDPOINT", server.endpoint(),
                "ICEBERG_S3_ACCESS_KEY", "landing-access",
                "ICEBERG_S3_SECRET_KEY", "landing-secret"));
    spark = storage.spark();
    // Written locally once (Spark's commit protocol on S3 costs many requests), then uploaded
    // through S3A as each mode's folder: 3 years x 2 months, one file each.
    Path local = folder.resolve("parquet");
    MovieRows.range(spark, 1, ROWS, 2015, 3)
        .withColumn("year", year(col("release_date")))
        .withColumn("month", expr("int(movie_id % 2) + 1"))
        .coalesce(1)
        .write()
        .partitionBy("year", "month")
        .parquet(local.toString());
    FileSystem s3 =
        FileSystem.get(
            URI.create("s3a://" + BUCKET + "/"), spark.sparkContext().hadoopConfiguration());
    for (String name : List.of("snapshot", "migrate", "add_files", "rewrite")) {
      s3.copyFromLocalFile(
          false,
          true,
          new org.apache.hadoop.fs.Path(local.toUri()),
          new org.apache.hadoop.fs.Path("s3a://" + BUCKET + "/" + name));
    }
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  private static Result migrate(String name, Mode mode) {
    return new ParquetMigration(
            storage, "s3a://" + BUCKET + "/" + name + "/", storage.table(Layer.BRONZE, name))
        .mode(mode)
        .validate(mode == Mode.SNAPSHOT)
        .execute();
  }

  private static List<String> dataFiles(TableName table) {
    return spark.table(table.qualified() + ".files").select("file_path").collectAsList().stream()
        .map(row -> row.getString(0))
        .toList();
  }

  @Test
  void everyModeMigratesAFolderOnS3() {
    for (Mode mode : Mode.values()) {
      String name = mode.toString().replace('-', '_');
      Result result = migrate(name, mode);

      assertThat(result.sourcePath()).as("%s", mode).isEqualTo("s3a://" + BUCKET + "/" + name);
      assertThat(result.sourceRows()).as("%s", mode).isEqualTo(ROWS);
      assertThat(result.tableRowsAfter()).as("%s", mode).isEqualTo(ROWS);
      assertThat(storage.readFromLayer(Layer.BRONZE, name).count()).isEqualTo(ROWS);
      if (mode == Mode.SNAPSHOT) {
        assertThat(result.validation())
            .hasValueSatisfying(validation -> assertThat(validation.matched()).isTrue());
      }
      if (mode.inPlace()) {
        assertThat(dataFiles(result.table()))
            .as("data files of %s", mode)
            .hasSize(6)
            .allSatisfy(file -> assertThat(file).startsWith("s3a://" + BUCKET + "/" + name + "/"));
      } else {
        assertThat(dataFiles(result.table()))
            .as("data files of %s", mode)
            .isNotEmpty()
            .noneSatisfy(file -> assertThat(file).startsWith("s3a://"));
      }
    }
    // migrate leaves its marker in the S3 folder: a second migration of it is refused.
    assertThat(server.objectFile(BUCKET, "migrate/" + ParquetSource.MARKER))
        .content()
        .contains(storage.table(Layer.BRONZE, "migrate").qualified());
    assertThatThrownBy(
            () ->
                new ParquetMigration(
                        storage,
                        "s3a://" + BUCKET + "/migrate",
                        storage.table(Layer.BRONZE, "again"))
                    .mode(Mode.ADD_FILES)
                    .execute())
        .hasMessageContaining("was migrated to");
  }

  @Test
  void aMissingS3FolderIsRefusedWithTheFix() {
    assertThatThrownBy(() -> migrate("no_such_prefix", Mode.REWRITE))
        .hasMessageContaining("s3a://" + BUCKET + "/no_such_prefix does not exist")
        .hasMessageContaining("pass --from");
  }
}
