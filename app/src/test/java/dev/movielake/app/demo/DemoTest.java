package dev.movielake.app.demo;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.movielake.config.IngestConfig;
import dev.movielake.config.Layer;
import dev.movielake.lakehouse.IcebergStorageManager;
import dev.movielake.lakehouse.LakehouseException;
import dev.movielake.lakehouse.maintenance.MaintenancePlan;
import dev.movielake.lakehouse.table.TableStatistics;
import dev.movielake.lakehouse.table.WriteOptions;
import dev.movielake.lakehouse.testing.MovieRows;
import dev.movielake.lakehouse.testing.SharedSpark;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoTest {
  private static final DemoOptions SMALL = new DemoOptions(300, 120, 6, 7);

  @TempDir static java.nio.file.Path ingestHome;

  /** The built-in simulator and an embedded broker, under a folder of this test's own. */
  private static IngestConfig ingest() {
    return IngestConfig.from(Map.of("LAKEHOUSE_HOME", ingestHome.toString(), "TMDB_SIMULATOR_MOVIES", "200",
        "TMDB_REQUESTS_PER_SECOND", "200"));
  }

  @Test
  void buildsAllLayersShowsTimeTravelSchemaChangeAndMaintenanceAndCanRunAgain() {
    IcebergStorageManager storage = SharedSpark.storage("demo");
    StringWriter output = new StringWriter();

    Demo.Summary summary = new Demo(storage, SMALL, ingest(), new PrintWriter(output)).run();
    assertThat(summary.ingestion().records()).isPositive();
    assertThat(summary.ingestion().recordsPerTopic()).containsKeys("movies", "credits", "reviews", "people");

    Map<String, Long> records = summary.tables().stream()
        .collect(Collectors.toMap(t -> t.table().substring(t.table().indexOf('.') + 1), TableStatistics::recordCount));
    SampleMovieData.Data data = new SampleMovieData(7, java.time.Instant.EPOCH).generate(300, 120);
    assertThat(records).containsEntry("movies_raw", 300L).containsEntry("people_raw", 120L)
        .containsEntry("credits_raw", (long) data.credits().size())
        .containsEntry("reviews_raw", (long) data.reviews().size())
        .containsEntry("movies_clean", 300L)
        .containsEntry("reviews_clean", (long) data.reviews().size());

    // Gold counts one row per (movie, genre) of dated movies: check against the generator's own rows.
    long datedGenrePairs = data.movies().stream().filter(row -> !row.isNullAt(4))
        .mapToLong(row -> ((String[]) row.get(5)).length).sum();
    Row total = storage.readFromLayer(Layer.GOLD, "movies_by_year_genre")
        .agg(org.apache.spark.sql.functions.sum("movie_count")).collectAsList().get(0);
    assertThat(total.getLong(0)).isEqualTo(datedGenrePairs);

    assertThat(summary.ratingAfter()).isEqualTo(Math.min(10.0, Math.round((summary.ratingBefore() + 1.5) * 1000) / 1000.0));
    assertThat(storage.columns(Layer.SILVER, "movies_clean")).extracting(field -> field.name())
        .contains("trending_score", "ai_generated_summary");
    assertThat(summary.plan().tables()).anySatisfy(table -> {
      assertThat(table.table().table()).isEqualTo("people_raw");
      assertThat(table.needs(MaintenancePlan.Action.COMPACT)).isTrue();
    });
    assertThat(summary.filesAfter()).isLessThan(summary.filesBefore());
    assertThat(summary.smallFilesAfter()).isLessThan(summary.smallFilesBefore());
    assertThat(output.toString()).contains("[1/9]", "[9/9]", "done in");

    // A second run resets only its own tables: same counts, nothing duplicated.
    Demo.Summary again = new Demo(storage, SMALL, ingest(), new PrintWriter(new StringWriter())).run();
    assertThat(again.tables()).extracting(TableStatistics::recordCount)
        .containsExactlyElementsOf(summary.tables().stream().map(TableStatistics::recordCount).toList());
    assertThat(storage.readFromLayer(Layer.SILVER, "movies_clean").select("movie_id").distinct().count()).isEqualTo(300);
    assertThat(storage.readFromLayer(Layer.BRONZE, "movies_raw").select(explode(col("genres"))).count()).isPositive();
  }

  @Test
  void refusesToOverwriteATableItDidNotMake() {
    IcebergStorageManager storage = SharedSpark.storage("foreign");
    storage.writeToSilver(MovieRows.range(SharedSpark.session(), 1, 3, 2000, 1), "movies_clean", WriteOptions.append());

    assertThatThrownBy(() -> new Demo(storage, SMALL, ingest(), new PrintWriter(new StringWriter())).run())
        .isInstanceOf(LakehouseException.class)
        .hasMessageContaining("was not made by the demo");
    assertThat(storage.readFromLayer(Layer.SILVER, "movies_clean").count()).isEqualTo(3);
  }
}
