package dev.movielake.stream.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.movielake.config.QualityConfig;
import dev.movielake.lakehouse.IcebergStorageManager;
import dev.movielake.lakehouse.table.WriteOptions;
import dev.movielake.lakehouse.testing.SharedSpark;
import dev.movielake.model.Layer;
import dev.movielake.model.PipelineTable;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import scala.jdk.javaapi.CollectionConverters;

/** Whole-table quality on data with planted defects, over real Iceberg tables. */
class QualityMonitorTest {
  private static final StructType SILVER_MOVIES =
      StructType.fromDDL(
          "movie_id BIGINT, title STRING, missing_title_flag INT, missing_overview_flag INT,"
              + " missing_release_date_flag INT, release_year INT, runtime INT, language STRING,"
              + " imdb_id STRING, genres ARRAY<STRUCT<id: INT, name: STRING>>, observed_at"
              + " TIMESTAMP");

  /** People without deathday: the rule born_before_death reads it. */
  private static final StructType PEOPLE_WITHOUT_DEATHDAY =
      StructType.fromDDL("person_id BIGINT, name STRING, birthday DATE, current_age INT");

  private static final StructType BRONZE_MOVIES =
      StructType.fromDDL(
          "kafka_topic STRING, kafka_partition INT, kafka_offset BIGINT, kafka_key STRING,"
              + " kafka_timestamp TIMESTAMP, raw_value STRING, bronze_ingested_at TIMESTAMP, id"
              + " BIGINT, title STRING");
  private static final QualityConfig CONFIG = QualityConfig.from(Map.of());

  private final SparkSession spark = SharedSpark.session();
  private final IcebergStorageManager storage = SharedSpark.storage("quality_monitor");

  /** 100 movies: ids 1-10 lack a title, ids 11-30 have a language that is not an ISO code. */
  private void writeSilverMovies() {
    List<Row> rows = new ArrayList<>();
    Object genres = CollectionConverters.asScala(List.of(RowFactory.create(18, "Drama"))).toSeq();
    for (long id = 1; id <= 100; id++) {
      boolean noTitle = id <= 10;
      String language = id > 10 && id <= 30 ? "English" : "en";
      rows.add(
          RowFactory.create(
              id,
              noTitle ? null : "Movie " + id,
              noTitle ? 1 : 0,
              0,
              0,
              2000,
              120,
              language,
              "tt" + id,
              genres,
              Timestamp.from(Instant.now())));
    }
    storage.writeToSilver(
        spark.createDataFrame(rows, SILVER_MOVIES).coalesce(1),
        "movies_clean",
        WriteOptions.append());
  }

  private QualityReport run(Instant at, Layer... layers) {
    List<String> progress = new ArrayList<>();
    QualityReport report =
        new QualityMonitor(storage, CONFIG, Clock.fixed(at, ZoneOffset.UTC))
            .run(List.of(layers), progress::add);
    assertThat(progress).hasSize(report.tables().size());
    return report;
  }

  private static QualityReport.TableScore table(QualityReport report, String table) {
    return report.tables().stream()
        .filter(score -> score.table().equals(table))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void completenessAndValidityArePassRatesOfThePlantedDefectsAndTheScoreTheirMean() {
    writeSilverMovies();

    QualityReport report = run(Instant.now(), Layer.SILVER);

    QualityReport.TableScore movies = table(report, "movies_clean");
    assertThat(movies.rows()).isEqualTo(100);
    // Completeness rules: movie id, title (90 of 100), overview, release date, genres.
    double completeness = (4 + 0.9) / 5;
    // Validity (with ranges and uniqueness): release year, runtime, language (80 of 100), IMDb id,
    // unique id.
    double validity = (4 + 0.8) / 5;
    assertThat(movies.dimensions().completeness())
        .hasValueSatisfying(value -> assertThat(value).isCloseTo(completeness, within(1e-9)));
    assertThat(movies.dimensions().validity())
        .hasValueSatisfying(value -> assertThat(value).isCloseTo(validity, within(1e-9)));
    assertThat(movies.dimensions().schema()).isEqualTo(1);
    assertThat(movies.dimensions().freshness()).isEqualTo(1);
    assertThat(movies.dimensions().volume()).isEqualTo(1);
    assertThat(movies.score()).isCloseTo((3 + completeness + validity) / 5, within(1e-9));
    assertThat(movies.level()).isEqualTo(QualityLevel.EXCELLENT);
    assertThat(movies.failures())
        .containsExactlyInAnyOrder(
            "completeness: title_present 90.0% (10 of 100 rows fail)",
            "validity: language_is_iso_code 80.0% (20 of 100 rows fail)");
    assertThat(movies.notes()).containsExactly("volume: first check, 100 rows recorded");
    assertThat(report.overallScore()).isEqualTo(movies.score());
  }

  @Test
  void aTableWithoutACommitInTheLimitFailsFreshness() {
    writeSilverMovies();
    Instant committed =
        Instant.ofEpochMilli(
            storage.loadTable(Layer.SILVER, "movies_clean").currentSnapshot().timestampMillis());

    QualityReport report = run(committed.plus(Duration.ofDays(2)), Layer.SILVER);

    QualityReport.TableScore movies = table(report, "movies_clean");
    assertThat(movies.dimensions().freshness()).isZero();
    assertThat(movies.failures()).contains("freshness: last commit 48 h ago, limit 24 h");
    double expected = (2 + (4 + 0.9) / 5 + (4 + 0.8) / 5) / 5;
    assertThat(movies.score()).isCloseTo(expected, within(1e-9));
    assertThat(movies.level()).isEqualTo(QualityLevel.WARNING); // 0.788
  }

  @Test
  void aSecondRunAfterDeletingMoreThanHalfTheRowsFailsVolume() {
    writeSilverMovies();
    Instant first = Instant.now();
    assertThat(table(run(first, Layer.SILVER), "movies_clean").dimensions().volume()).isEqualTo(1);

    spark.sql(
        "DELETE FROM "
            + storage.table(Layer.SILVER, "movies_clean").sql()
            + " WHERE movie_id > 40");
    QualityReport second = run(first.plus(Duration.ofMinutes(5)), Layer.SILVER);

    QualityReport.TableScore movies = table(second, "movies_clean");
    assertThat(movies.rows()).isEqualTo(40);
    assertThat(movies.dimensions().volume()).isZero();
    assertThat(movies.failures())
        .contains("volume: 100 -> 40 rows (-60.0%), accepted -50% to +1000%");
  }

  @Test
  void aMissingExpectedColumnFailsSchemaAndTheRulesThatReadIt() {
    Row person = RowFactory.create(1L, "Ada", Date.valueOf("1990-01-01"), 36);
    storage.writeToSilver(
        spark.createDataFrame(List.of(person), PEOPLE_WITHOUT_DEATHDAY),
        "people_clean",
        WriteOptions.append());

    QualityReport.TableScore people = table(run(Instant.now(), Layer.SILVER), "people_clean");

    assertThat(people.dimensions().schema()).isZero();
    assertThat(people.failures())
        .contains(
            "schema: missing column(s) deathday",
            "validity: born_before_death cannot be checked, missing deathday");
    // Validity: born_before_death (cannot run: 0), birthday not in future, age plausible, unique
    // id.
    assertThat(people.dimensions().validity())
        .hasValueSatisfying(value -> assertThat(value).isCloseTo(0.75, within(1e-9)));
    assertThat(people.dimensions().completeness()).contains(1.0);
  }

  @Test
  void bronzePayloadsAreCheckedAndEveryRunIsStoredWithTheOverallScoreAsTheMean() {
    writeSilverMovies();
    Timestamp now = Timestamp.from(Instant.now());
    List<Row> bronze =
        List.of(
            RowFactory.create(
                "movies", 0, 1L, "1", now, "{\"id\": 1, \"title\": \"A\"}", now, 1L, "A"),
            RowFactory.create(
                "movies", 0, 2L, "2", now, "{\"id\": 2, \"title\": \"B\"}", now, 2L, "B"),
            RowFactory.create("movies", 0, 3L, "3", now, "not json at all", now, null, null),
            RowFactory.create(
                "movies", 0, 3L, "3", now, "{\"id\": 3}", now, 3L, null)); // offset 3 twice
    storage.writeToBronze(
        spark.createDataFrame(bronze, BRONZE_MOVIES), "movies_raw", WriteOptions.append());

    QualityReport report = run(Instant.now(), Layer.BRONZE, Layer.SILVER);

    QualityReport.TableScore raw = table(report, "movies_raw");
    assertThat(raw.failures())
        .containsExactlyInAnyOrder(
            "completeness: key_present 75.0% (1 of 4 rows fail)",
            "validity: payload_is_json 75.0% (1 of 4 rows fail)",
            "validity: kafka_offset_unique 75.0% (1 of 4 rows repeat a key)");
    assertThat(raw.dimensions().completeness()).contains((1 + 0.75) / 2);
    assertThat(raw.dimensions().validity()).contains((0.75 + 0.75) / 2);
    assertThat(report.overallScore())
        .isCloseTo((raw.score() + table(report, "movies_clean").score()) / 2, within(1e-9));
    assertThat(report.overallLevel()).isEqualTo(QualityLevel.of(report.overallScore()));

    List<Row> stored =
        spark
            .sql(
                "SELECT scope, layer, table_name, `rows`, score, level, volume_score, failures FROM"
                    + " "
                    + storage.table(Layer.SILVER, PipelineTable.QUALITY_SCORES.tableName()).sql()
                    + " WHERE run_id = '"
                    + report.runId()
                    + "' ORDER BY scope, table_name")
            .collectAsList();
    assertThat(stored)
        .extracting(
            row ->
                row.getString(0)
                    + " "
                    + row.getString(1)
                    + " "
                    + row.getString(2)
                    + " "
                    + row.getLong(3))
        .containsExactly(
            "overall bronze,silver null 104",
            "table silver movies_clean 100",
            "table bronze movies_raw 4");
    assertThat(stored.get(0).getDouble(4)).isEqualTo(report.overallScore());
    assertThat(stored.get(0).getString(5)).isEqualTo(report.overallLevel().toString());
    assertThat(stored.get(2).getDouble(4)).isEqualTo(raw.score());
    assertThat(stored.get(2).getString(5)).isEqualTo(raw.level().toString());
    assertThat(stored.get(2).getDouble(6)).isEqualTo(1.0);
    assertThat(stored.get(2).getList(7)).hasSize(3);
    assertThat(
            storage
                .loadTable(Layer.SILVER, PipelineTable.QUALITY_SCORES.tableName())
                .spec()
                .fields())
        .extracting(field -> field.transform().toString())
        .containsExactly("month");
    // The scores table itself is not checked by the next run.
    assertThat(run(Instant.now(), Layer.SILVER).tables())
        .extracting(QualityReport.TableScore::table)
        .containsExactly("movies_clean");
  }
}
