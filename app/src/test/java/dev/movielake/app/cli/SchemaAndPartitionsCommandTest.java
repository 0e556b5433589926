package dev.movielake.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.movielake.cli.Json;
import dev.movielake.lakehouse.IcebergStorageManager;
import dev.movielake.lakehouse.table.WriteOptions;
import dev.movielake.lakehouse.testing.MovieRows;
import dev.movielake.lakehouse.testing.SharedSpark;
import dev.movielake.model.Layer;
import org.apache.iceberg.types.Types;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SchemaAndPartitionsCommandTest {
  private final SparkSession spark = SharedSpark.session();
  private final IcebergStorageManager storage = SharedSpark.storage("cli_schema");
  private final PipelineRunner pipeline = new PipelineRunner(new LakehouseContext(storage));

  @BeforeEach
  void movies() {
    storage.writeToSilver(
        MovieRows.range(spark, 1, 10, 2000, 2),
        "movies",
        WriteOptions.append().partitionedBy("years(release_date)"));
  }

  @Test
  void schemaChangesShowInTheSchema() throws Exception {
    PipelineRunner.Run add =
        pipeline.run(
            "schema", "add", "silver", "movies", "budget", "bigint", "--doc", "in US dollars");
    assertThat(add.exitCode()).as("%s", add).isZero();

    PipelineRunner.Run show = pipeline.run("schema", "show", "silver", "movies");
    assertThat(show.out()).containsPattern("budget\\s+long\\s+no\\s+in US dollars");

    assertThat(
            pipeline
                .run("schema", "rename", "silver", "movies", "title", "original_title")
                .exitCode())
        .isZero();
    assertThat(
            pipeline
                .run("schema", "move", "silver", "movies", "budget", "--after", "movie_id")
                .exitCode())
        .isZero();
    PipelineRunner.Run widen =
        pipeline.run("schema", "widen", "silver", "movies", "vote_average", "int");
    assertThat(widen.exitCode()).isEqualTo(1);
    // Narrowing is refused by Iceberg; the message names the column and both types.
    assertThat(widen.err().lines())
        .singleElement()
        .asString()
        .startsWith("error: ")
        .contains("vote_average", "double -> int");

    JsonNode columns =
        Json.mapper().readTree(pipeline.run("schema", "show", "silver", "movies", "--json").out());
    assertThat(columns.findValuesAsText("name"))
        .containsExactly(
            "movie_id",
            "budget",
            "original_title",
            "release_date",
            "vote_average",
            "revenue",
            "updated_at");
    assertThat(storage.readFromLayer(Layer.SILVER, "movies").where("budget is null").count())
        .isEqualTo(10);
  }

  @Test
  void droppingAPartitionSourceColumnIsRefusedWithTheReason() {
    PipelineRunner.Run drop = pipeline.run("schema", "drop", "silver", "movies", "release_date");

    assertThat(drop.exitCode()).isEqualTo(1);
    assertThat(drop.err().lines())
        .singleElement()
        .asString()
        .startsWith("error: cannot drop column release_date of ")
        .contains("partition spec 0 uses it");
    assertThat(storage.columns(Layer.SILVER, "movies"))
        .extracting(Types.NestedField::name)
        .contains("release_date");
  }

  @Test
  void partitionEvolutionKeepsEverySpecAndMarksTheCurrentOne() throws Exception {
    PipelineRunner.Run replace =
        pipeline.run(
            "partitions",
            "replace",
            "silver",
            "movies",
            "years(release_date)",
            "months(release_date)");
    assertThat(replace.exitCode()).as("%s", replace).isZero();
    PipelineRunner.Run add =
        pipeline.run("partitions", "add", "silver", "movies", "bucket(4, movie_id)");
    assertThat(add.exitCode()).as("%s", add).isZero();

    JsonNode specs =
        Json.mapper()
            .readTree(pipeline.run("partitions", "show", "silver", "movies", "--json").out());
    assertThat(specs).hasSize(3);
    assertThat(specs.get(2).get("current").asBoolean()).isTrue();
    assertThat(specs.get(2).findValuesAsText("transform")).containsExactly("month", "bucket[4]");

    PipelineRunner.Run text = pipeline.run("partitions", "show", "silver", "movies");
    assertThat(text.out())
        .containsPattern("\\*\\s+2\\s+release_date_month\\s+month\\s+release_date");

    PipelineRunner.Run bad =
        pipeline.run("partitions", "add", "silver", "movies", "weeks(release_date)");
    assertThat(bad.exitCode()).isEqualTo(1);
    assertThat(bad.err()).startsWith("error: invalid partition field 'weeks(release_date)'");
  }
}
