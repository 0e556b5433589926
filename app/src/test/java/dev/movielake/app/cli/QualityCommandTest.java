package dev.movielake.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.movielake.cli.Json;
import dev.movielake.config.QualityConfig;
import dev.movielake.lakehouse.IcebergStorageManager;
import dev.movielake.lakehouse.table.WriteOptions;
import dev.movielake.lakehouse.testing.SharedSpark;
import dev.movielake.model.Layer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import scala.jdk.javaapi.CollectionConverters;

class QualityCommandTest {
  private static final StructType SILVER_MOVIES =
      StructType.fromDDL(
          "movie_id BIGINT, title STRING, missing_title_flag INT, missing_overview_flag INT,"
              + " missing_release_date_flag INT, release_year INT, runtime INT, language STRING,"
              + " imdb_id STRING, genres ARRAY<STRUCT<id: INT, name: STRING>>");

  private final SparkSession spark = SharedSpark.session();
  private final IcebergStorageManager storage = SharedSpark.storage("cli_quality");

  /** 20 movies, 10 without a title. */
  private void writeMovies() {
    Object genres = CollectionConverters.asScala(List.of(RowFactory.create(18, "Drama"))).toSeq();
    List<Row> rows = new ArrayList<>();
    for (long id = 1; id <= 20; id++) {
      rows.add(
          RowFactory.create(
              id,
              id <= 10 ? null : "Movie " + id,
              id <= 10 ? 1 : 0,
              0,
              0,
              2001,
              100,
              "en",
              null,
              genres));
    }
    storage.writeToSilver(
        spark.createDataFrame(rows, SILVER_MOVIES).coalesce(1),
        "movies_clean",
        WriteOptions.append());
  }

  @Test
  void reportsScoresAsJsonAndTableAlertsOnceAndGatesOnTheOverallScore() throws IOException {
    writeMovies();
    List<String> alerts = new CopyOnWriteArrayList<>();
    HttpServer receiver =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    receiver.createContext(
        "/alert",
        exchange -> {
          alerts.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          exchange.sendResponseHeaders(204, -1);
          exchange.close();
        });
    receiver.start();
    try {
      // Threshold 0.99: the 10 missing titles put silver.movies_clean (0.98) below it.
      PipelineRunner pipeline =
          new PipelineRunner(
              new LakehouseContext(
                  storage,
                  Map.of(
                      QualityConfig.ALERT_WEBHOOK_URL,
                      "http://127.0.0.1:" + receiver.getAddress().getPort() + "/alert?key=hidden",
                      QualityConfig.ALERT_THRESHOLD,
                      "0.99")));

      // Completed, and the overall score (0.98) is above the gate: exit 0.
      PipelineRunner.Run json =
          pipeline.run("quality", "--layer", "silver", "--json", "--fail-below", "0.5");

      assertThat(json.exitCode()).as("%s", json).isZero();
      assertThat(json.err())
          .contains("Checking data quality of silver", "checking silver.movies_clean (1/1)");
      JsonNode report = Json.mapper().readTree(json.out());
      JsonNode movies = report.get("tables").get(0);
      assertThat(movies.get("table").asText()).isEqualTo("movies_clean");
      assertThat(movies.get("layer").asText()).isEqualTo("silver");
      assertThat(movies.get("rows").asLong()).isEqualTo(20);
      assertThat(movies.get("dimensions").get("completeness").asDouble()).isEqualTo((4 + 0.5) / 5);
      assertThat(movies.get("failures").get(0).asText())
          .isEqualTo("completeness: title_present 50.0% (10 of 20 rows fail)");
      assertThat(report.get("overallScore").asDouble()).isEqualTo(movies.get("score").asDouble());
      assertThat(report.get("alert").get("outcome").asText()).isEqualTo("sent");
      assertThat(alerts).hasSize(1);
      assertThat(Json.mapper().readTree(alerts.get(0)).get("tables").get(0).get("table").asText())
          .isEqualTo("silver.movies_clean");
      assertThat(json.out() + json.err()).doesNotContain("hidden");

      // Below the gate: the table is printed, the exit code is 2.
      PipelineRunner.Run text =
          pipeline.run("quality", "--layer", "silver", "--no-alert", "--fail-below", "0.999");
      assertThat(text.exitCode()).as("%s", text).isEqualTo(2);
      assertThat(text.out())
          .containsPattern("TABLE +LAYER +ROWS +SCORE +LEVEL +FAILED CHECKS")
          .containsPattern(
              "movies_clean +silver +20 +0\\.98 +excellent +completeness: title_present 50\\.0%")
          .containsPattern("overall: 0\\.98 excellent \\(1 table\\(s\\), 1 below 0\\.99\\)")
          .contains("alert: disabled");
      assertThat(alerts).hasSize(1);
      assertThat(
              storage
                  .readFromLayer(Layer.SILVER, "quality_scores")
                  .where("scope = 'overall'")
                  .count())
          .isEqualTo(2);

      PipelineRunner.Run badGate = pipeline.run("quality", "--fail-below", "1.5");
      assertThat(badGate.err()).contains("--fail-below takes a score from 0 to 1");
    } finally {
      receiver.stop(0);
    }
  }
}
