package dev.movielake.lakehouse;

import static dev.movielake.lakehouse.testing.MovieRows.movie;
import static org.apache.spark.sql.functions.lit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.movielake.config.FeatureFlags;
import dev.movielake.lakehouse.table.PartitionChange;
import dev.movielake.lakehouse.table.Partitioning;
import dev.movielake.lakehouse.table.WriteOptions;
import dev.movielake.lakehouse.testing.MovieRows;
import dev.movielake.lakehouse.testing.SharedSpark;
import dev.movielake.model.Layer;
import java.util.Map;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.Table;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * A write into a table that exists: the partitioning it asks for is the table's or an error (never
 * silently ignored), and columns the table lacks are added when schema evolution is on and refused
 * by name when it is off.
 */
class WriteIntoExistingTableTest {
  private final SparkSession spark = SharedSpark.session();
  private final IcebergStorageManager storage = SharedSpark.storage("existing");

  private int snapshots(Layer layer, String table) {
    int count = 0;
    for (var ignored : storage.loadTable(layer, table).snapshots()) {
      count++;
    }
    return count;
  }

  @Test
  void anotherPartitioningThanTheTablesFailsNamingBothSpecsAndTheCommandThatEvolvesIt() {
    storage.writeToSilver(
        MovieRows.range(spark, 1, 2, 2001, 1),
        "by_year",
        WriteOptions.append().partitionedBy("years(release_date)"));

    assertThatThrownBy(
            () ->
                storage.writeToSilver(
                    MovieRows.range(spark, 10, 2, 2001, 1),
                    "by_year",
                    WriteOptions.append().partitionedBy("months(release_date)", "movie_id")))
        .isInstanceOf(LakehouseException.class)
        .hasMessageContaining(
            "cannot write into "
                + storage.table(Layer.SILVER, "by_year")
                + " partitioned by months(release_date), movie_id: the table is partitioned by"
                + " years(release_date)")
        .hasMessageContaining(
            "./pipeline partitions replace silver by_year \"years(release_date)\""
                + " \"months(release_date)\", then ./pipeline partitions add silver by_year"
                + " \"movie_id\"");
    assertThat(snapshots(Layer.SILVER, "by_year")).as("nothing written").isEqualTo(1);

    // The table's own spec, or none at all, writes as before.
    storage.writeToSilver(
        MovieRows.range(spark, 20, 1, 2001, 1),
        "by_year",
        WriteOptions.append().partitionedBy("years(release_date)"));
    storage.writeToSilver(MovieRows.range(spark, 30, 1, 2001, 1), "by_year", WriteOptions.append());
    assertThat(storage.readFromLayer(Layer.SILVER, "by_year").count()).isEqualTo(4);
  }

  /**
   * The pipeline's writers keep asking for the catalogue's partitioning: a table an operator
   * evolved on purpose with {@code partitions replace} keeps taking their writes, in its evolved
   * spec.
   */
  @Test
  void aTableEvolvedOnPurposeTakesWritesAskingForItsEarlierSpecInTheEvolvedOne() {
    WriteOptions pipeline = WriteOptions.upsert("movie_id").partitionedBy("years(release_date)");
    storage.writeToSilver(MovieRows.range(spark, 1, 2, 2001, 1), "evolved", pipeline);
    storage.evolvePartitioning(
        Layer.SILVER,
        "evolved",
        PartitionChange.builder().replaceField("years(release_date)", "months(release_date)"));

    storage.writeToSilver(
        MovieRows.of(spark, movie(3, "C", "2003-05-01", 5, 0, 1)), "evolved", pipeline);

    Table table = storage.loadTable(Layer.SILVER, "evolved");
    assertThat(Partitioning.describe(table.spec())).isEqualTo("months(release_date)");
    assertThat(table.currentSnapshot().addedDataFiles(table.io()))
        .as("the new row's file is written in the evolved spec")
        .isNotEmpty()
        .extracting(DataFile::specId)
        .containsOnly(table.spec().specId());
    assertThat(storage.readFromLayer(Layer.SILVER, "evolved").count()).isEqualTo(3);

    // A spec the table never had is still an error, naming the evolved spec.
    assertThatThrownBy(
            () ->
                storage.writeToSilver(
                    MovieRows.range(spark, 10, 1, 2001, 1),
                    "evolved",
                    WriteOptions.append().partitionedBy("bucket(4, movie_id)")))
        .hasMessageContaining("the table is partitioned by months(release_date)")
        .hasMessageContaining(
            "./pipeline partitions replace silver evolved \"months(release_date)\""
                + " \"bucket(4, movie_id)\"");
  }

  private Dataset<Row> withSource(Dataset<Row> rows, String source) {
    return rows.withColumn("rating_source", lit(source));
  }

  @Test
  void withSchemaEvolutionOnAppendsOverwritesAndUpsertsAddTheColumnsTheTableLacks() {
    storage.writeToSilver(
        MovieRows.of(spark, movie(1, "A", "2001-01-01", 5, 0, 1)),
        "grown",
        WriteOptions.upsert("movie_id"));

    storage.writeToSilver(
        withSource(MovieRows.of(spark, movie(2, "B", "2002-01-01", 6, 0, 1)), "imdb"),
        "grown",
        WriteOptions.append());
    // An upsert after the append still resolves its MERGE: the table did not get
    // write.spark.accept-any-schema (merge-schema's property), with which MERGE fails on Spark 4.1.
    storage.writeToSilver(
        withSource(MovieRows.of(spark, movie(1, "A2", "2001-01-01", 7, 0, 2)), "tmdb")
            .withColumn("awards", lit(3)),
        "grown",
        WriteOptions.upsert("movie_id"));

    assertThat(
            storage
                .readFromLayer(Layer.SILVER, "grown")
                .orderBy("movie_id")
                .selectExpr("movie_id", "title", "rating_source", "awards")
                .collectAsList())
        .extracting(Row::toString)
        .containsExactly("[1,A2,tmdb,3]", "[2,B,imdb,null]");

    storage.writeToGold(
        MovieRows.of(spark, movie(1, "A", "2001-01-01", 5, 0, 1)),
        "totals",
        WriteOptions.replaceAll());
    storage.writeToGold(
        MovieRows.of(spark, movie(1, "A", "2001-01-01", 5, 0, 1)).withColumn("rank", lit(1)),
        "totals",
        WriteOptions.replaceAll());
    assertThat(storage.readFromLayer(Layer.GOLD, "totals").selectExpr("rank").collectAsList())
        .extracting(Row::toString)
        .containsExactly("[1]");
  }

  @Test
  void withSchemaEvolutionOffAWriteWithNewColumnsIsRefusedByNameAndWritesNothing() {
    IcebergStorageManager fixed =
        SharedSpark.storage("fixed", Map.of(FeatureFlags.SCHEMA_EVOLUTION, "false"));
    fixed.writeToSilver(
        MovieRows.of(spark, movie(1, "A", "2001-01-01", 5, 0, 1)), "fixed", WriteOptions.append());

    for (WriteOptions options :
        new WriteOptions[] {WriteOptions.append(), WriteOptions.upsert("movie_id")}) {
      assertThatThrownBy(
              () ->
                  fixed.writeToSilver(
                      withSource(MovieRows.of(spark, movie(2, "B", "2002-01-01", 6, 0, 1)), "imdb"),
                      "fixed",
                      options))
          .isInstanceOf(LakehouseException.class)
          .hasMessageContaining("the rows have column(s) the table lacks (rating_source)")
          .hasMessageContaining(
              "set " + FeatureFlags.SCHEMA_EVOLUTION + "=true to add them on write");
    }
    assertThat(fixed.loadTable(Layer.SILVER, "fixed").schema().findField("rating_source")).isNull();
    assertThat(fixed.readFromLayer(Layer.SILVER, "fixed").count()).isEqualTo(1);
  }
}
