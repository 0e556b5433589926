package dev.movielake.lakehouse;

import static dev.movielake.lakehouse.testing.MovieRows.movie;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.movielake.lakehouse.table.PartitionChange;
import dev.movielake.lakehouse.table.ReadOptions;
import dev.movielake.lakehouse.table.SchemaChange;
import dev.movielake.lakehouse.table.WriteOptions;
import dev.movielake.lakehouse.testing.MovieRows;
import dev.movielake.lakehouse.testing.SharedSpark;
import dev.movielake.model.Layer;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.Table;
import org.apache.iceberg.types.Types;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EvolutionTest {
  private final SparkSession spark = SharedSpark.session();
  private final IcebergStorageManager storage = SharedSpark.storage("evolve");
  private long before;

  @BeforeEach
  void table() {
    storage.writeToSilver(
        MovieRows.range(spark, 1, 20, 2000, 4),
        "movies",
        WriteOptions.append().partitionedBy("years(release_date)"));
    before = storage.loadTable(Layer.SILVER, "movies").currentSnapshot().snapshotId();
  }

  @Test
  void theSeedsEvolutionsKeepOldSnapshotsReadable() {
    storage.evolveSchema(
        Layer.SILVER,
        "movies",
        List.of(Map.entry("ai_generated_summary", "string"), Map.entry("trending_score", "double")),
        Map.of("vote_average", "rating"),
        List.of("updated_at"));

    Table table = storage.loadTable(Layer.SILVER, "movies");
    assertThat(table.schema().columns())
        .extracting(Types.NestedField::name)
        .containsExactly(
            "movie_id",
            "title",
            "release_date",
            "rating",
            "revenue",
            "ai_generated_summary",
            "trending_score");
    // Metadata only: the schema change made no snapshot.
    assertThat(table.currentSnapshot().snapshotId()).isEqualTo(before);

    Row old =
        storage
            .readFromLayer(Layer.SILVER, "movies", ReadOptions.atSnapshot(before))
            .where("movie_id = 5")
            .collectAsList()
            .get(0);
    assertThat(old.<Double>getAs("vote_average")).isEqualTo(0.5);
    Row current =
        storage.readFromLayer(Layer.SILVER, "movies").where("movie_id = 5").collectAsList().get(0);
    assertThat(current.<Double>getAs("rating")).isEqualTo(0.5);
    assertThat(current.<Object>getAs("trending_score")).isNull();
  }

  @Test
  void addsWithDocWidensAndReorders() {
    storage.evolveSchema(
        Layer.SILVER,
        "movies",
        SchemaChange.builder()
            .addColumn("budget", "int", "Production budget in US dollars")
            .moveAfter("budget", "title")
            .moveFirst("release_date"));
    storage.evolveSchema(
        Layer.SILVER, "movies", SchemaChange.builder().widenColumn("budget", "bigint"));

    Table table = storage.loadTable(Layer.SILVER, "movies");
    assertThat(table.schema().columns())
        .extracting(Types.NestedField::name)
        .startsWith("release_date", "movie_id", "title", "budget");
    assertThat(table.schema().findField("budget").type()).isEqualTo(Types.LongType.get());
    assertThat(table.schema().findField("budget").doc())
        .isEqualTo("Production budget in US dollars");

    assertThatThrownBy(
            () ->
                storage.evolveSchema(
                    Layer.SILVER, "movies", SchemaChange.builder().widenColumn("title", "int")))
        .isInstanceOf(LakehouseException.class)
        .hasMessageContaining("allowed widenings");
    assertThatThrownBy(() -> SchemaChange.builder().addColumn("x", "no_such_type"))
        .hasMessageContaining("unknown column type");
  }

  @Test
  void refusesToDropOrRenameAColumnAnyPartitionSpecUsed() {
    // Even after the partitioning moved away from release_date, old files still use it.
    storage.evolvePartitioning(
        Layer.SILVER,
        "movies",
        PartitionChange.builder().replaceField("years(release_date)", "bucket(4, movie_id)"));

    assertThatThrownBy(
            () ->
                storage.evolveSchema(
                    Layer.SILVER, "movies", SchemaChange.builder().dropColumn("release_date")))
        .isInstanceOf(LakehouseException.class)
        .hasMessageContaining("cannot drop column release_date")
        .hasMessageContaining("partition spec 0");
    assertThatThrownBy(
            () ->
                storage.evolveSchema(
                    Layer.SILVER, "movies", SchemaChange.builder().renameColumn("movie_id", "id")))
        .hasMessageContaining("cannot rename column movie_id");
    assertThat(storage.loadTable(Layer.SILVER, "movies").schema().findField("release_date"))
        .isNotNull();
  }

  @Test
  void partitionEvolutionKeepsOldDataAndWritesNewDataWithTheNewSpec() {
    storage.evolvePartitioning(
        Layer.SILVER, "movies", PartitionChange.builder().addField("bucket(4, movie_id)"));
    storage.writeToSilver(
        MovieRows.range(spark, 100, 10, 2000, 4), "movies", WriteOptions.append());

    Table table = storage.loadTable(Layer.SILVER, "movies");
    assertThat(table.specs()).hasSize(2);
    assertThat(table.spec().fields()).hasSize(2);
    assertThat(storage.readFromLayer(Layer.SILVER, "movies").count()).isEqualTo(30);
    List<Row> specsInUse =
        storage.getTableFiles(Layer.SILVER, "movies").select("spec_id").distinct().collectAsList();
    assertThat(specsInUse).extracting(row -> row.getInt(0)).containsExactlyInAnyOrder(0, 1);

    storage.evolvePartitioning(
        Layer.SILVER, "movies", PartitionChange.builder().removeField("movie_id_bucket_4"));
    assertThat(storage.loadTable(Layer.SILVER, "movies").spec().fields()).hasSize(1);
    assertThatThrownBy(
            () ->
                storage.evolvePartitioning(
                    Layer.SILVER,
                    "movies",
                    PartitionChange.builder().addField("days(no_such_column)")))
        .isInstanceOf(LakehouseException.class)
        .hasMessageContaining("cannot change the partitioning");
  }

  @Test
  void disabledEvolutionIsRefused() {
    IcebergStorageManager locked =
        SharedSpark.storage(
            "locked",
            Map.of(
                "ICEBERG_ENABLE_SCHEMA_EVOLUTION",
                "false",
                "ICEBERG_ENABLE_PARTITION_EVOLUTION",
                "false"));
    locked.writeToSilver(
        MovieRows.of(spark, movie(1, "A", "2001-01-01", 5, 1, 1)), "m", WriteOptions.append());
    assertThatThrownBy(
            () ->
                locked.evolveSchema(
                    Layer.SILVER, "m", SchemaChange.builder().addColumn("x", "string")))
        .isInstanceOf(FeatureDisabledException.class)
        .hasMessageContaining("ICEBERG_ENABLE_SCHEMA_EVOLUTION");
    assertThatThrownBy(
            () ->
                locked.evolvePartitioning(
                    Layer.SILVER, "m", PartitionChange.builder().addField("movie_id")))
        .isInstanceOf(FeatureDisabledException.class)
        .hasMessageContaining("ICEBERG_ENABLE_PARTITION_EVOLUTION");
  }
}
