package dev.movielake.app.sql;

import static dev.movielake.lakehouse.testing.MovieRows.movie;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.movielake.app.cli.LakehouseContext;
import dev.movielake.app.cli.PipelineRunner;
import dev.movielake.cli.Json;
import dev.movielake.lakehouse.IcebergStorageManager;
import dev.movielake.lakehouse.table.WriteOptions;
import dev.movielake.lakehouse.testing.MovieRows;
import dev.movielake.lakehouse.testing.SharedSpark;
import dev.movielake.model.Layer;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.Snapshot;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pipeline sql} on real Iceberg tables in the shared catalog ({@code movie_catalog}), whose
 * silver database is called {@code silver} here, so the seed's queries run with the seed's names.
 */
class SqlCommandTest {
  private static IcebergStorageManager storage;
  private static PipelineRunner pipeline;
  private static long firstSnapshot;

  @BeforeAll
  static void moviesCleanAsTheSeedQueriesIt() {
    SparkSession spark = SharedSpark.session();
    // Only this class uses the shared catalog's plain "silver" database.
    storage = SharedSpark.storage("sql_command", Map.of("ICEBERG_SILVER_DATABASE", "silver"));
    pipeline = new PipelineRunner(new LakehouseContext(storage));
    storage.writeToSilver(
        MovieRows.of(
            spark,
            movie(1, "Alpha", "2024-01-15", 7.5, 100, 1),
            movie(2, "Beta, the \"sequel\"", "2024-06-30", 6.0, 200, 1),
            movie(3, "Gamma", "2023-12-31", 8.25, 300, 1),
            movie(4, "Delta", "2025-01-01", 5.5, 400, 1),
            movie(5, "Epsilon", "2024-01-02", 9.0, 500, 1)),
        "movies_clean",
        WriteOptions.append().partitionedBy("years(release_date)"));
    firstSnapshot = storage.loadTable(Layer.SILVER, "movies_clean").currentSnapshot().snapshotId();
  }

  @Test
  void theSeedsQueriesReturnTheirRows() throws Exception {
    // Hidden partitioning: the seed's query, on the project's table.
    PipelineRunner.Run hidden =
        pipeline.run(
            "sql",
            "SELECT * FROM movie_catalog.silver.movies_clean"
                + " WHERE release_date BETWEEN '2024-01-01' AND '2024-12-31' ORDER BY movie_id",
            "--json");
    assertThat(hidden.exitCode()).as("%s", hidden).isZero();
    List<JsonNode> rows = jsonLines(hidden.out());
    assertThat(rows).extracting(row -> row.get("movie_id").asLong()).containsExactly(1L, 2L, 5L);
    assertThat(rows.get(0).get("release_date").asText()).isEqualTo("2024-01-15");
    assertThat(rows.get(0).get("vote_average").asDouble()).isEqualTo(7.5);

    // Partition filter (the seed's year = 2024 AND month = 1): a range on the partition source.
    PipelineRunner.Run january =
        pipeline.run(
            "sql",
            "SELECT title FROM silver.movies_clean"
                + " WHERE release_date >= '2024-01-01' AND release_date < '2024-02-01'"
                + " ORDER BY title");
    assertThat(january.exitCode()).as("%s", january).isZero();
    assertThat(january.out().lines().toList())
        .containsExactly("title", "Alpha", "Epsilon", "(2 rows, " + time(january.out()) + ")");

    // Column pruning (the seed's id, title, rating): three columns of one year.
    PipelineRunner.Run pruned =
        pipeline.run(
            "sql",
            "SELECT movie_id, title, vote_average FROM silver.movies_clean"
                + " WHERE release_date >= '2024-01-01' AND release_date < '2025-01-01'"
                + " ORDER BY movie_id",
            "--csv");
    assertThat(pruned.exitCode()).as("%s", pruned).isZero();
    assertThat(pruned.out())
        .isEqualTo(
            "movie_id,title,vote_average\r\n"
                + "1,Alpha,7.5\r\n"
                + "2,\"Beta, the \"\"sequel\"\"\",6.0\r\n"
                + "5,Epsilon,9.0\r\n");
  }

  @Test
  void jsonCountIsTheTablesCountAndTheTableIsCutAtMaxRowsAndWidth() throws Exception {
    PipelineRunner.Run count =
        pipeline.run("sql", "SELECT count(*) AS movies FROM silver.movies_clean", "--json");
    assertThat(count.exitCode()).as("%s", count).isZero();
    long records = storage.getTableStatistics(Layer.SILVER, "movies_clean").records().recordCount();
    assertThat(jsonLines(count.out()))
        .singleElement()
        .satisfies(row -> assertThat(row.get("movies").asLong()).isEqualTo(records).isPositive());

    PipelineRunner.Run cut =
        pipeline.run(
            "sql",
            "SELECT movie_id, title, vote_average, release_date FROM silver.movies_clean"
                + " ORDER BY movie_id",
            "--max-rows",
            "2",
            "--max-width",
            "8");
    assertThat(cut.exitCode()).as("%s", cut).isZero();
    assertThat(cut.out().lines().toList())
        .containsExactly(
            "movie_id  title     vote_average  release_date",
            "       1  Alpha              7.5  2024-01…",
            "       2  Beta, t…           6.0  2024-06…",
            "(2 of "
                + records
                + " rows shown, 3 more beyond --max-rows 2, "
                + time(cut.out())
                + ")");

    PipelineRunner.Run nothing =
        pipeline.run("sql", "SELECT * FROM silver.movies_clean WHERE movie_id < 0");
    assertThat(nothing.out().lines().toList())
        .containsExactly(
            "movie_id  title  release_date  vote_average  revenue  updated_at",
            "(0 rows, " + time(nothing.out()) + ")");
  }

  @Test
  void timeTravelMetadataTablesAndProceduresWorkThroughTheCommand() throws Exception {
    storage.writeToSilver(
        MovieRows.of(SharedSpark.session(), movie(6, "Eta", "2022-05-05", 4.0, 600, 2)),
        "movies_travel",
        WriteOptions.append().partitionedBy("years(release_date)"));
    Snapshot first = storage.loadTable(Layer.SILVER, "movies_travel").currentSnapshot();
    PipelineRunner.Run insert =
        pipeline.run(
            "sql",
            "INSERT INTO silver.movies_travel VALUES (7, 'Theta', DATE'2021-01-01', 3.0, 700, 2);"
                + " INSERT INTO silver.movies_travel VALUES (8, 'Iota', NULL, 2.0, 800, 2)");
    assertThat(insert.exitCode()).as("%s", insert).isZero();
    assertThat(insert.out()).startsWith("OK (").contains(System.lineSeparator() + "OK (");

    String atFirst =
        DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS")
            .withZone(ZoneOffset.UTC)
            .format(Instant.ofEpochMilli(first.timestampMillis()));
    PipelineRunner.Run travel =
        pipeline.run(
            "sql",
            "SELECT count(*) AS n FROM silver.movies_travel VERSION AS OF "
                + first.snapshotId()
                + "; SELECT count(*) AS n FROM silver.movies_travel TIMESTAMP AS OF '"
                + atFirst
                + "'; SELECT count(*) AS n FROM silver.movies_travel",
            "--json");
    assertThat(travel.exitCode()).as("%s", travel).isZero();
    assertThat(jsonLines(travel.out()))
        .extracting(row -> row.get("n").asLong())
        .containsExactly(1L, 1L, 3L);

    PipelineRunner.Run metadata =
        pipeline.run(
            "sql",
            "SELECT snapshot_id, operation FROM silver.movies_travel.snapshots ORDER BY"
                + " committed_at; SELECT count(*) AS n FROM silver.movies_travel.history;"
                + " SELECT count(*) AS n FROM silver.movies_travel.files;"
                + " SELECT partition.release_date_year AS year, record_count"
                + " FROM silver.movies_travel.partitions ORDER BY year",
            "--json");
    assertThat(metadata.exitCode()).as("%s", metadata).isZero();
    List<JsonNode> lines = jsonLines(metadata.out());
    assertThat(lines.get(0).get("snapshot_id").asLong()).isEqualTo(first.snapshotId());
    assertThat(lines.get(0).get("operation").asText()).isEqualTo("append");
    assertThat(lines.get(3).get("n").asLong()).isEqualTo(3); // history
    assertThat(lines.get(4).get("n").asLong()).isEqualTo(3); // files: one per commit
    assertThat(lines.subList(5, 8))
        .extracting(row -> row.get("year").isNull() ? "null" : row.get("year").asText())
        .containsExactly("null", "51", "52"); // years since 1970: 2021, 2022

    PipelineRunner.Run rollback =
        pipeline.run(
            "sql",
            "CALL movie_catalog.system.rollback_to_snapshot('silver.movies_travel', "
                + first.snapshotId()
                + ")",
            "--json");
    assertThat(rollback.exitCode()).as("%s", rollback).isZero();
    assertThat(jsonLines(rollback.out()))
        .singleElement()
        .satisfies(
            row ->
                assertThat(row.get("current_snapshot_id").asLong()).isEqualTo(first.snapshotId()));
    assertThat(storage.readFromLayer(Layer.SILVER, "movies_travel").count()).isEqualTo(1);
  }

  @Test
  void aMisspeltStatementExitsOneWithOneLineAndNoStackTrace() {
    PipelineRunner.Run misspelt = pipeline.run("sql", "SELCT * FROM silver.movies_clean");
    assertThat(misspelt.exitCode()).isEqualTo(1);
    assertThat(misspelt.out()).isEmpty();
    assertThat(misspelt.err())
        .isEqualTo(
            "error: [PARSE_SYNTAX_ERROR] Syntax error at or near 'SELCT'. SQLSTATE: 42601 (line 1,"
                + " pos 0)"
                + System.lineSeparator());

    PipelineRunner.Run unknown =
        pipeline.run("sql", "SELECT 1; SELECT * FROM silver.no_such_movies");
    assertThat(unknown.exitCode()).isEqualTo(1);
    assertThat(unknown.err().lines())
        .singleElement()
        .asString()
        .startsWith("error: [TABLE_OR_VIEW_NOT_FOUND] The table or view `silver`.`no_such_movies`")
        .endsWith("SQLSTATE: 42P01 (line 1, pos 14)");

    // A typo in a later statement leaves the earlier ones undone.
    PipelineRunner.Run partly =
        pipeline.run("sql", "CREATE TABLE silver.never_created (x INT); SELEC 1");
    assertThat(partly.exitCode()).isEqualTo(1);
    assertThat(storage.tableExists(Layer.SILVER, "never_created")).isFalse();
  }

  @Test
  void readOnlyRefusesInsertAndCallAndRunsQueriesShowAndDescribe() {
    PipelineRunner.Run insert =
        pipeline.run(
            "sql",
            "INSERT INTO silver.movies_clean VALUES (9, 'X', NULL, 1.0, 1, 1)",
            "--read-only");
    assertThat(insert.exitCode()).isEqualTo(1);
    assertThat(insert.err())
        .isEqualTo(
            "error: INSERT INTO writes, and this session is read-only (--read-only): only queries,"
                + " SHOW, DESCRIBE, EXPLAIN and USE run; leave out --read-only to run it"
                + System.lineSeparator());
    PipelineRunner.Run call =
        pipeline.run(
            "sql",
            "SELECT 1; CALL movie_catalog.system.rollback_to_snapshot('silver.movies_clean', "
                + firstSnapshot
                + ")",
            "--read-only");
    assertThat(call.exitCode()).isEqualTo(1);
    assertThat(call.out()).isEmpty(); // the SELECT before it did not run either
    assertThat(call.err()).startsWith("error: CALL writes");
    assertThat(storage.readFromLayer(Layer.SILVER, "movies_clean").count()).isEqualTo(5);

    PipelineRunner.Run reads =
        pipeline.run(
            "sql",
            "SELECT count(*) FROM silver.movies_clean; SHOW TABLES IN silver;"
                + " DESCRIBE silver.movies_clean",
            "--read-only");
    assertThat(reads.exitCode()).as("%s", reads).isZero();
    assertThat(reads.out()).contains("movies_clean", "vote_average", "double");
  }

  @Test
  void statementsComeFromAFileOrStandardInput(@TempDir Path folder) throws Exception {
    Path file = folder.resolve("report.sql");
    Files.writeString(file, "-- the report\nSELECT 'a;b' AS text;\n\nSELECT 2 AS two;\n");
    PipelineRunner.Run fromFile = pipeline.run("sql", "-f", file.toString(), "--json");
    assertThat(fromFile.exitCode()).as("%s", fromFile).isZero();
    assertThat(fromFile.out())
        .isEqualTo("{\"text\":\"a;b\"}\n{\"two\":2}\n".replace("\n", System.lineSeparator()));

    InputStream stdin = System.in;
    try {
      System.setIn(new ByteArrayInputStream("SELECT 3 AS three;".getBytes(StandardCharsets.UTF_8)));
      PipelineRunner.Run fromStdin = pipeline.run("sql", "--csv");
      assertThat(fromStdin.exitCode()).as("%s", fromStdin).isZero();
      assertThat(fromStdin.out()).isEqualTo("three\r\n3\r\n");
    } finally {
      System.setIn(stdin);
    }

    PipelineRunner.Run missing = pipeline.run("sql", "-f", folder.resolve("nope.sql").toString());
    assertThat(missing.exitCode()).isEqualTo(1);
    assertThat(missing.err()).startsWith("error: no SQL file ");
  }

  /** The time a table's summary line gave, so lines can be compared whole. */
  private static String time(String output) {
    List<String> lines = output.lines().toList();
    String last = lines.get(lines.size() - 1);
    return last.substring(last.lastIndexOf(", ") + 2, last.length() - 1);
  }

  private static List<JsonNode> jsonLines(String output) throws Exception {
    List<JsonNode> rows = new ArrayList<>();
    for (String line : output.lines().toList()) {
      rows.add(Json.mapper().readTree(line));
    }
    return rows;
  }
}
