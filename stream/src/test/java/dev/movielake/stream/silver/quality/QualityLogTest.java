package dev.movielake.stream.silver.quality;

import static org.assertj.core.api.Assertions.assertThat;

import dev.movielake.config.FeatureFlags;
import dev.movielake.lakehouse.IcebergStorageManager;
import dev.movielake.lakehouse.table.Partitioning;
import dev.movielake.lakehouse.table.WriteOptions;
import dev.movielake.lakehouse.testing.SharedSpark;
import dev.movielake.model.Layer;
import dev.movielake.model.PipelineTable;
import dev.movielake.model.expectation.Expectation;
import dev.movielake.model.expectation.ExpectationAction;
import dev.movielake.model.expectation.QualityDimension;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.types.Types;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * {@code silver.data_quality} as the history of a table's batches, and as a table that may predate
 * the columns batch expectations log.
 */
class QualityLogTest {
  private static final Instant START = Instant.parse("2026-01-01T10:00:00Z");
  private static final String LOG = PipelineTable.DATA_QUALITY.tableName();

  private static final List<Expectation> EXPECTATIONS =
      List.of(
          Expectation.warn("id_present", QualityDimension.COMPLETENESS, "id IS NOT NULL"),
          Expectation.nullShare("id_null_share", ExpectationAction.FAIL, "id", 0.5));

  private static QualityCheck.Result check(IcebergStorageManager storage, long rows) {
    Dataset<Row> batch = storage.spark().range(rows).toDF("id");
    return new QualityCheck(EXPECTATIONS)
        .evaluate(
            batch,
            new BatchContext(storage, PipelineTable.MOVIES_CLEAN, START, 1, BatchHistory.NONE));
  }

  private static void record(
      IcebergStorageManager storage, PipelineTable table, String batch, long rows, int minute) {
    new QualityLog(storage)
        .record(
            table.layer(),
            table.tableName(),
            batch,
            check(storage, rows),
            START.plus(Duration.ofMinutes(minute)),
            Map.of());
  }

  @Test
  void theHistoryIsTheRowCountsOfTheTablesEarlierBatchesNewestFirst() {
    IcebergStorageManager storage = SharedSpark.storage("quality_log_history");
    QualityLog log = new QualityLog(storage);
    assertThat(log.history(Layer.SILVER, PipelineTable.MOVIES_CLEAN, "movies/3").rowCounts(5))
        .as("no log yet")
        .isEmpty();

    record(storage, PipelineTable.MOVIES_CLEAN, "movies/0", 40, 0);
    record(storage, PipelineTable.MOVIES_CLEAN, "movies/1", 10, 1);
    record(storage, PipelineTable.CREDITS_CLEAN, "credits/0", 500, 2);
    record(storage, PipelineTable.MOVIES_CLEAN, "movies/2", 30, 3);
    record(storage, PipelineTable.MOVIES_CLEAN, "movies/3", 7, 4);

    // movies/3 is the batch being judged (a replay of it logged before): not its own history.
    assertThat(log.history(Layer.SILVER, PipelineTable.MOVIES_CLEAN, "movies/3").rowCounts(5))
        .containsExactly(30L, 10L, 40L);
    assertThat(log.history(Layer.SILVER, PipelineTable.MOVIES_CLEAN, "movies/3").rowCounts(2))
        .containsExactly(30L, 10L);
    assertThat(log.history(Layer.GOLD, PipelineTable.MOVIES_CLEAN, "movies/3").rowCounts(5))
        .isEmpty();
  }

  @Test
  void aBatchExpectationsEntryHasItsVerdictAndARowExpectationsHasNone() {
    IcebergStorageManager storage = SharedSpark.storage("quality_log_entries");
    record(storage, PipelineTable.MOVIES_CLEAN, "movies/0", 4, 0);

    assertThat(
            storage
                .readFromLayer(Layer.SILVER, LOG)
                .orderBy("rule")
                .selectExpr("rule", "met", "observed", "bound", "checked", "passed")
                .collectAsList())
        .extracting(Row::toString)
        .containsExactly(
            "[id_null_share,true,0.0,at most 0.50,4,4]", "[id_present,true,null,null,4,4]");
  }

  /** silver.data_quality as versions before batch expectations created it. */
  private static void createEarlierLog(IcebergStorageManager storage) {
    storage.writeToSilver(
        storage
            .spark()
            .createDataFrame(
                List.of(
                    RowFactory.create(
                        Timestamp.from(START),
                        "silver",
                        "movies_clean",
                        "movies/0",
                        "id_present",
                        "completeness",
                        false,
                        3L,
                        3L,
                        1.0,
                        1.0)),
                StructType.fromDDL(
                    "checked_at TIMESTAMP, layer STRING, table_name STRING, batch STRING, rule"
                        + " STRING, dimension STRING, blocking BOOLEAN, checked BIGINT, passed"
                        + " BIGINT, pass_rate DOUBLE, overall_score DOUBLE")),
        LOG,
        WriteOptions.append()
            .partitionedBy(Partitioning.of(PipelineTable.DATA_QUALITY.partitioning())));
  }

  private static List<String> columns(IcebergStorageManager storage) {
    return storage.columns(Layer.SILVER, LOG).stream().map(Types.NestedField::name).toList();
  }

  @Test
  void anEarlierLogTakesTheVerdictColumnsWhenSchemaEvolutionIsOn() {
    IcebergStorageManager storage = SharedSpark.storage("quality_log_evolving");
    createEarlierLog(storage);

    record(storage, PipelineTable.MOVIES_CLEAN, "movies/1", 4, 1);

    assertThat(columns(storage)).endsWith("overall_score", "met", "observed", "bound");
    assertThat(storage.readFromLayer(Layer.SILVER, LOG).where("observed IS NOT NULL").count())
        .isEqualTo(1);
    assertThat(
            new QualityLog(storage)
                .history(Layer.SILVER, PipelineTable.MOVIES_CLEAN, "movies/2")
                .rowCounts(5))
        .containsExactly(4L, 3L);
  }

  @Test
  void anEarlierLogKeepsTakingEntriesWithoutThemWhenSchemaEvolutionIsOff() {
    IcebergStorageManager storage =
        SharedSpark.storage("quality_log_fixed", Map.of(FeatureFlags.SCHEMA_EVOLUTION, "false"));
    createEarlierLog(storage);

    record(storage, PipelineTable.MOVIES_CLEAN, "movies/1", 4, 1);

    assertThat(columns(storage)).doesNotContain("met", "observed", "bound");
    assertThat(storage.readFromLayer(Layer.SILVER, LOG).where("batch = 'movies/1'").count())
        .isEqualTo(2);
  }
}
