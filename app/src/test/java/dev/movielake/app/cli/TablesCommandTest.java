package dev.movielake.app.cli;

import static dev.movielake.lakehouse.testing.MovieRows.movie;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.movielake.cli.Json;
import dev.movielake.infra.FreePort;
import dev.movielake.lakehouse.IcebergStorageManager;
import dev.movielake.lakehouse.table.WriteOptions;
import dev.movielake.lakehouse.testing.MovieRows;
import dev.movielake.lakehouse.testing.SharedSpark;
import dev.movielake.model.Layer;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

class TablesCommandTest {
  private final SparkSession spark = SharedSpark.session();
  private final IcebergStorageManager storage = SharedSpark.storage("cli_tables");
  private final PipelineRunner pipeline = new PipelineRunner(new LakehouseContext(storage));

  @Test
  void listShowsTablesWithTheirRealRecordCounts() throws Exception {
    storage.writeToSilver(MovieRows.range(spark, 1, 42, 2000, 3), "movies", WriteOptions.append());

    PipelineRunner.Run json = pipeline.run("tables", "list", "silver", "--json");
    assertThat(json.exitCode()).as("%s", json).isZero();
    JsonNode tables = Json.mapper().readTree(json.out());
    assertThat(tables).hasSize(1);
    assertThat(tables.get(0).get("table").asText()).endsWith(".movies");
    assertThat(tables.get(0).get("layer").asText()).isEqualTo("silver");
    assertThat(tables.get(0).get("recordCount").asLong()).isEqualTo(42);
    assertThat(tables.get(0).get("healthScore").asInt()).isBetween(0, 100);
    assertThat(tables.get(0).get("healthDeductions").isArray()).isTrue();

    PipelineRunner.Run text = pipeline.run("tables", "list");
    assertThat(text.exitCode()).isZero();
    assertThat(text.out().lines().findFirst())
        .hasValueSatisfying(header -> assertThat(header).startsWith("NAME"));
    assertThat(text.out())
        .containsPattern("movies\\s+silver\\s+42\\s+\\d+\\s+\\d+\\.\\d KB\\s+1\\s+\\S+\\s+\\d+\\R")
        .contains("HEALTH");

    PipelineRunner.Run show = pipeline.run("tables", "show", "silver", "movies");
    assertThat(show.exitCode()).as("%s", show).isZero();
    assertThat(show.out())
        .contains("records", "42", "columns:", "vote_average", "unpartitioned", "main")
        .containsPattern("health\\s+\\d+ of 100");

    PipelineRunner.Run gold = pipeline.run("tables", "list", "gold");
    assertThat(gold.out()).isEqualTo("no tables in gold" + System.lineSeparator());
  }

  @Test
  void changesShowUpdatesByTheContractsKeyAsTextAndJson() throws Exception {
    long first =
        storage
            .writeToSilver(
                MovieRows.of(
                    spark,
                    movie(1, "One", "2001-03-01", 7, 10, 1),
                    movie(2, "Two", "2002-03-01", 6, 20, 1)),
                "movies_clean",
                WriteOptions.upsert("movie_id"))
            .snapshotId()
            .orElseThrow();
    storage.writeToSilver(
        MovieRows.of(
            spark, movie(2, "Two b", "2002-03-01", 6.5, 20, 2), movie(3, "Three", null, 5, 30, 2)),
        "movies_clean",
        WriteOptions.upsert("movie_id"));

    PipelineRunner.Run json =
        pipeline.run(
            "tables",
            "changes",
            "silver",
            "movies_clean",
            "--from",
            Long.toString(first),
            "--json");
    assertThat(json.exitCode()).as("%s", json).isZero();
    JsonNode report = Json.mapper().readTree(json.out());
    assertThat(report.get("afterSnapshot").asLong()).isEqualTo(first);
    assertThat(report.get("key").get(0).asText()).isEqualTo("movie_id");
    assertThat(report.get("counts").get("UPDATE_AFTER").asLong()).isEqualTo(1);
    assertThat(report.get("counts").get("INSERT").asLong()).isEqualTo(1);
    assertThat(report.get("changes")).hasSize(3);

    PipelineRunner.Run text =
        pipeline.run("tables", "changes", "silver", "movies_clean", "--limit", "2");
    assertThat(text.exitCode()).as("%s", text).isZero();
    assertThat(text.out())
        .contains("3 changes in 2 commits from the start")
        .containsPattern("CHANGE TYPE\\s+COMMIT SNAPSHOT ID\\s+MOVIE ID\\s+TITLE")
        .contains("(1 more; raise --limit or use --json)");

    PipelineRunner.Run expired =
        pipeline.run("tables", "changes", "silver", "movies_clean", "--from", "12345");
    assertThat(expired.exitCode()).isEqualTo(1);
    assertThat(expired.err())
        .contains("snapshot 12345 is not in", "tables snapshots silver movies_clean");
  }

  @Test
  void aHiveMetastoreWhereNothingListensFailsWithTheDoctorsHintNotTheClientsException() {
    String uri = "thrift://127.0.0.1:" + FreePort.find();
    IcebergStorageManager unreachable =
        SharedSpark.storage(
            "cli_dead_hive",
            Map.of(
                "ICEBERG_CATALOG_TYPE",
                "hive",
                "ICEBERG_CATALOG_NAME",
                "dead_hive_catalog",
                "HIVE_METASTORE_URI",
                uri));

    PipelineRunner.Run run =
        new PipelineRunner(new LakehouseContext(unreachable)).run("tables", "list");

    assertThat(run.exitCode()).as("%s", run).isEqualTo(1);
    assertThat(run.err().strip())
        .isEqualTo(
            "error: cannot connect to the Hive Metastore at "
                + uri
                + " (connection refused): is it running? start it (pipeline stack up / docker"
                + " compose up hive-metastore) or fix HIVE_METASTORE_URI; 'pipeline doctor' checks"
                + " every service");
  }

  @Test
  void rollbackToASnapshotRestoresItsRowsAndTagsPointAtSnapshots() throws Exception {
    storage.writeToBronze(
        MovieRows.of(
            spark, movie(1, "A", "2001-01-01", 5, 0, 1), movie(2, "B", "2002-01-01", 6, 0, 1)),
        "raw",
        WriteOptions.append());
    long firstSnapshot = storage.loadTable(Layer.BRONZE, "raw").currentSnapshot().snapshotId();
    storage.writeToBronze(
        MovieRows.of(spark, movie(3, "C", "2003-01-01", 7, 0, 1)), "raw", WriteOptions.append());
    assertThat(storage.readFromLayer(Layer.BRONZE, "raw").count()).isEqualTo(3);

    PipelineRunner.Run snapshots = pipeline.run("tables", "snapshots", "bronze", "raw", "--json");
    assertThat(snapshots.exitCode()).as("%s", snapshots).isZero();
    JsonNode rows = Json.mapper().readTree(snapshots.out());
    assertThat(rows).hasSize(2);
    assertThat(rows.get(1).get("snapshot_id").asLong()).isEqualTo(firstSnapshot); // newest first
    assertThat(rows.get(0).get("summary").get("total-records").asText()).isEqualTo("3");

    PipelineRunner.Run tag =
        pipeline.run("tables", "tag", "create", "bronze", "raw", "before_rollback");
    assertThat(tag.exitCode()).as("%s", tag).isZero();

    PipelineRunner.Run rollback =
        pipeline.run(
            "tables", "rollback", "bronze", "raw", "--snapshot", Long.toString(firstSnapshot));
    assertThat(rollback.exitCode()).as("%s", rollback).isZero();
    assertThat(rollback.out()).contains("current snapshot is " + firstSnapshot);
    assertThat(storage.readFromLayer(Layer.BRONZE, "raw").count()).isEqualTo(2);

    PipelineRunner.Run history = pipeline.run("tables", "history", "bronze", "raw", "--limit", "1");
    assertThat(history.out().lines())
        .hasSize(2)
        .last()
        .asString()
        .contains(Long.toString(firstSnapshot));

    PipelineRunner.Run files = pipeline.run("tables", "files", "bronze", "raw");
    assertThat(files.exitCode()).as("%s", files).isZero();
    assertThat(files.out()).contains("PARQUET", ".parquet");

    PipelineRunner.Run show = pipeline.run("tables", "show", "bronze", "raw", "--json");
    JsonNode refs = Json.mapper().readTree(show.out()).get("refs");
    assertThat(refs.findValuesAsText("name")).containsExactly("before_rollback", "main");

    PipelineRunner.Run drop =
        pipeline.run("tables", "tag", "drop", "bronze", "raw", "before_rollback");
    assertThat(drop.exitCode()).as("%s", drop).isZero();
    PipelineRunner.Run dropAgain =
        pipeline.run("tables", "tag", "drop", "bronze", "raw", "before_rollback");
    assertThat(dropAgain.exitCode()).isEqualTo(1);
    assertThat(dropAgain.err().lines())
        .singleElement()
        .asString()
        .startsWith("error: no tag named before_rollback");

    PipelineRunner.Run missing =
        pipeline.run("tables", "rollback", "bronze", "raw", "--snapshot", "12345");
    assertThat(missing.exitCode()).isEqualTo(1);
    assertThat(missing.err()).startsWith("error: snapshot 12345 is not in");
  }
}
