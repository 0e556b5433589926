package dev.movielake.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.movielake.infra.kafka.EmbeddedKafka;
import dev.movielake.lakehouse.IcebergStorageManager;
import dev.movielake.lakehouse.testing.SharedSpark;
import dev.movielake.model.Layer;
import dev.movielake.model.PipelineTable;
import dev.movielake.model.RecordType;
import dev.movielake.stream.gold.GoldRefresh;
import dev.movielake.stream.testing.RowLines;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.streaming.Trigger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fixed set of Kafka records through every layer, compared with rows computed by hand (in the
 * comments): observation times are 10:05 and 10:15 UTC on 2026-01-01.
 */
class StreamingPipelineTest {
  private static final double AT_1005 = 1_767_261_900.0;
  private static final double AT_1015 = AT_1005 + 600;

  @TempDir static Path folder;
  private static EmbeddedKafka broker;

  @BeforeAll
  static void start() throws Exception {
    broker = EmbeddedKafka.start(folder.resolve("kafka"));
    Properties properties = new Properties();
    properties.put("bootstrap.servers", broker.bootstrapServers());
    try (Admin admin = Admin.create(properties)) {
      admin
          .createTopics(
              List.of(
                  new NewTopic("movies", 1, (short) 1),
                  new NewTopic("people", 1, (short) 1),
                  new NewTopic("credits", 1, (short) 1),
                  new NewTopic("reviews", 1, (short) 1),
                  new NewTopic("ratings", 1, (short) 1)))
          .all()
          .get();
    }
    Properties producerProperties = new Properties();
    producerProperties.put("bootstrap.servers", broker.bootstrapServers());
    producerProperties.put("key.serializer", StringSerializer.class);
    producerProperties.put("value.serializer", StringSerializer.class);
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerProperties)) {
      send(
          producer,
          "movies",
          "{\"id\":1,\"title\":\"  Alpha \",\"release_date\":\"2020-05-01\",\"popularity\":30.0,"
              + "\"vote_average\":8.0,\"vote_count\":100,\"budget\":100,\"revenue\":300,\"runtime\":120,"
              + "\"original_language\":\"EN\",\"genres\":[{\"id\":18,\"name\":\"Drama\"}],\"ingestion_timestamp\":%s}",
          AT_1005);
      send(
          producer,
          "movies",
          "{\"id\":2,\"title\":\"Beta\",\"release_date\":\"\",\"popularity\":10.0,\"vote_average\":6.0,"
              + "\"vote_count\":5,\"genres\":[{\"id\":35,\"name\":\"Comedy\"}],\"ingestion_timestamp\":%s}",
          AT_1005);
      send(producer, "movies", "{\"id\":3,\"title\":\" \",\"ingestion_timestamp\":%s}", AT_1005);
      send(producer, "movies", "oops", 0);
      send(
          producer,
          "movies",
          "{\"id\":1,\"title\":\"Alpha\",\"release_date\":\"2020-05-01\",\"popularity\":60.0,"
              + "\"vote_average\":7.0,\"vote_count\":150,\"budget\":100,\"revenue\":300,\"runtime\":120,"
              + "\"original_language\":\"en\",\"genres\":[{\"id\":18,\"name\":\"Drama\"}],\"ingestion_timestamp\":%s}",
          AT_1015);
      send(
          producer,
          "reviews",
          "{\"id\":\"r1\",\"movie_id\":1,\"author\":\"ann\",\"content\":\"A brilliant, moving film."
              + " I loved"
              + " it!\",\"created_at\":\"2026-01-01T09:00:00.000Z\",\"ingestion_timestamp\":%s}",
          AT_1005);
      send(
          producer,
          "reviews",
          "{\"id\":\"r2\",\"movie_id\":1,\"author\":\"bob\",\"content\":\"Boring and predictable, a"
              + " complete waste of"
              + " time.\",\"created_at\":\"2026-01-01T10:00:00Z\",\"ingestion_timestamp\":%s}",
          AT_1015);
      send(
          producer,
          "credits",
          "{\"movie_id\":1,\"person_id\":100,\"credit_type\":\"cast\",\"credit_id\":\"c1\",\"name\":\"Cat"
              + " Lead\",\"character\":\"Hero\",\"order\":0,\"ingestion_timestamp\":%s}",
          AT_1005);
      send(
          producer,
          "credits",
          "{\"movie_id\":1,\"person_id\":101,\"credit_type\":\"crew\",\"credit_id\":\"c2\",\"name\":\"Dan"
              + " Boss\",\"job\":\"Director\",\"department\":\"Directing\",\"ingestion_timestamp\":%s}",
          AT_1005);
      send(
          producer,
          "people",
          "{\"id\":100,\"name\":\"Cat"
              + " Lead\",\"birthday\":\"1980-02-29\",\"ingestion_timestamp\":%s}",
          AT_1005);
    }
  }

  private static void send(
      KafkaProducer<String, String> producer, String topic, String template, double at) {
    producer.send(new ProducerRecord<>(topic, String.format(Locale.ROOT, template, at)));
  }

  @AfterAll
  static void stop() {
    broker.close();
  }

  private static StreamingPipeline pipeline(IcebergStorageManager storage) {
    return pipeline(storage, "", folder.resolve("checkpoints"));
  }

  /** A pipeline reading the topics named {@code <topicPrefix><record type>}. */
  private static StreamingPipeline pipeline(
      IcebergStorageManager storage, String topicPrefix, Path checkpoints) {
    Map<RecordType, String> topics = new EnumMap<>(RecordType.class);
    for (RecordType type : RecordType.values()) {
      topics.put(type, topicPrefix + type.recordType());
    }
    return new StreamingPipeline(
        storage, broker.bootstrapServers(), topics, checkpoints, Clock.systemUTC());
  }

  private static List<String> lines(Dataset<Row> rows, String... columns) {
    return RowLines.of(rows, 2, columns);
  }

  @Test
  void fixedRecordsBecomeTheHandComputedSilverAndGoldRowsAndARerunChangesNothing()
      throws Exception {
    IcebergStorageManager storage = SharedSpark.storage("pipeline");
    pipeline(storage).runAvailableNow(EnumSet.allOf(Layer.class), EnumSet.allOf(RecordType.class));

    // Bronze: 5 movie records = 4 rows + 1 dead letter.
    assertThat(storage.readFromLayer(Layer.BRONZE, "movies_raw").count()).isEqualTo(4);
    assertThat(
            lines(
                storage.readFromLayer(Layer.BRONZE, PipelineTable.DEAD_LETTER.tableName()),
                "kafka_topic",
                "error"))
        .containsExactly("movies|not a JSON object");

    // Silver movies: the 10:15 version of movie 1 wins; profit 300-100, roi 200/100; "" is no date.
    assertThat(
            lines(
                storage.readFromLayer(Layer.SILVER, "movies_clean"),
                "movie_id",
                "title",
                "release_year",
                "popularity",
                "vote_average",
                "vote_count",
                "profit",
                "roi",
                "language",
                "popularity_tier",
                "rating_tier",
                "missing_release_date_flag",
                "array_join(genre_names, ',')",
                "cast(observed_at AS STRING)"))
        .containsExactly(
            "1|Alpha|2020|60.00|7.00|150|200|2.00|en|high|good|0|Drama|2026-01-01 10:15:00",
            "2|Beta|null|10.00|6.00|5|0|0.00|null|low|average|1|Comedy|2026-01-01 10:05:00");
    assertThat(
            lines(
                storage.readFromLayer(Layer.SILVER, PipelineTable.QUARANTINE.tableName()),
                "record_type",
                "record_key",
                "array_join(failed_rules, ',')"))
        .containsExactly("movies|3|title_present");
    assertThat(
            lines(
                storage
                    .readFromLayer(Layer.SILVER, PipelineTable.DATA_QUALITY.tableName())
                    .where("rule = 'title_present'"),
                "table_name",
                "checked",
                "passed"))
        .containsExactly("movies_clean|3|2");

    // Silver reviews with sentiment; credits with role flags; people.
    assertThat(
            lines(
                storage.readFromLayer(Layer.SILVER, "reviews_with_sentiment"),
                "review_id",
                "sentiment_label",
                "cast(review_date AS STRING)",
                "content_type"))
        .containsExactly("r1|positive|2026-01-01|short", "r2|negative|2026-01-01|short");
    assertThat(
            lines(
                storage.readFromLayer(Layer.SILVER, "credits_clean"),
                "credit_key",
                "person_name",
                "is_lead_role",
                "is_director"))
        .containsExactly("c1|Cat Lead|true|false", "c2|Dan Boss|false|true");
    assertThat(
            lines(
                storage.readFromLayer(Layer.SILVER, "people_clean"),
                "person_id",
                "birth_decade",
                "is_alive"))
        .containsExactly("100|1980|true");

    // Trending, 1 h windows every 15 min: 10:05 falls in the windows from 09:15 to 10:00, 10:15 in
    // 09:30 to 10:15.
    // Movie 1: alone at 09:15 (30 x 8 / 10 = 24), both from 09:30 to 10:00 (60 x 7.5 / 10 = 45),
    // 10:15 alone (42).
    assertThat(
            lines(
                storage.readFromLayer(Layer.GOLD, "trending_movies"),
                "date_format(window_start, 'HH:mm')",
                "movie_id",
                "max_popularity",
                "avg_rating",
                "trend_score",
                "observations"))
        .containsExactly(
            "09:15|1|30.00|8.00|24.00|1",
            "09:15|2|10.00|6.00|6.00|1",
            "09:30|1|60.00|7.50|45.00|2",
            "09:30|2|10.00|6.00|6.00|1",
            "09:45|1|60.00|7.50|45.00|2",
            "09:45|2|10.00|6.00|6.00|1",
            "10:00|1|60.00|7.50|45.00|2",
            "10:00|2|10.00|6.00|6.00|1",
            "10:15|1|60.00|7.00|42.00|1");
    // Sentiment, 2 h windows every 30 min: both reviews fall in the windows from 08:30 to 10:00.
    assertThat(
            lines(
                storage.readFromLayer(Layer.GOLD, "sentiment_trends"),
                "date_format(window_start, 'HH:mm')",
                "review_count",
                "positive_count",
                "negative_count",
                "sentiment_ratio"))
        .containsExactly(
            "08:30|2|1|1|0.50", "09:00|2|1|1|0.50", "09:30|2|1|1|0.50", "10:00|2|1|1|0.50");
    double meanSentiment =
        storage
            .readFromLayer(Layer.SILVER, "reviews_with_sentiment")
            .agg(org.apache.spark.sql.functions.avg("sentiment_score"))
            .first()
            .getDouble(0);
    assertThat(
            storage
                .readFromLayer(Layer.GOLD, "sentiment_trends")
                .first()
                .<Double>getAs("avg_sentiment"))
        .isCloseTo(meanSentiment, within(1e-9));

    // Aggregates: only movie 1 has a year; Dan directed it, Cat led it.
    assertThat(
            lines(
                storage.readFromLayer(Layer.GOLD, "movies_by_year_genre"),
                "year",
                "genre",
                "movie_count",
                "avg_rating",
                "total_revenue"))
        .containsExactly("2020|Drama|1|7.00|300");
    assertThat(
            lines(
                storage.readFromLayer(Layer.GOLD, "director_filmography"),
                "person_id",
                "movie_count",
                "total_revenue",
                "profit_margin"))
        .containsExactly("101|1|300|0.67");
    assertThat(
            lines(
                storage.readFromLayer(Layer.GOLD, "actor_filmography"),
                "person_id",
                "lead_role_count",
                "avg_movie_popularity"))
        .containsExactly("100|1|60.00");

    // A rerun finds nothing new: no silver commit, no gold rewrite.
    long silverSnapshot =
        storage.loadTable(Layer.SILVER, "movies_clean").currentSnapshot().snapshotId();
    GoldRefresh.Result rerun =
        pipeline(storage)
            .runAvailableNow(EnumSet.allOf(Layer.class), EnumSet.allOf(RecordType.class));
    assertThat(rerun.writtenTables()).isZero();
    assertThat(storage.loadTable(Layer.SILVER, "movies_clean").currentSnapshot().snapshotId())
        .isEqualTo(silverSnapshot);
  }

  @Test
  void deadLetterAndQuarantineExistEmptyFromTheFirstRunAndLaterRejectsLandInTheirSchema()
      throws Exception {
    IcebergStorageManager storage = SharedSpark.storage("first_run");
    List<NewTopic> topics = new ArrayList<>();
    for (RecordType type : RecordType.values()) {
      topics.add(new NewTopic("first_run_" + type.recordType(), 1, (short) 1));
    }
    Properties properties = new Properties();
    properties.put("bootstrap.servers", broker.bootstrapServers());
    try (Admin admin = Admin.create(properties)) {
      admin.createTopics(topics).all().get();
    }

    // The stream creates them as it starts, before any record (here with one query only).
    try (StreamingPipeline.Running running =
        pipeline(storage, "first_run_", folder.resolve("first-run-stream"))
            .start(
                EnumSet.of(Layer.BRONZE),
                EnumSet.of(RecordType.MOVIES),
                Trigger.ProcessingTime("1 second"),
                Duration.ofHours(1))) {
      assertThat(storage.tableExists(Layer.BRONZE, PipelineTable.DEAD_LETTER.tableName())).isTrue();
      assertThat(storage.tableExists(Layer.SILVER, PipelineTable.QUARANTINE.tableName())).isTrue();
    }
    storage.dropTable(Layer.BRONZE, PipelineTable.DEAD_LETTER.tableName(), true);
    storage.dropTable(Layer.SILVER, PipelineTable.QUARANTINE.tableName(), true);

    // The batch run on empty topics leaves both, empty, with the catalogue's partitioning. Movies
    // through bronze and silver only: the rejects below are movies, and each query is a wait.
    StreamingPipeline pipeline = pipeline(storage, "first_run_", folder.resolve("first-run"));
    pipeline.runAvailableNow(EnumSet.of(Layer.BRONZE, Layer.SILVER), EnumSet.of(RecordType.MOVIES));
    for (PipelineTable table : List.of(PipelineTable.DEAD_LETTER, PipelineTable.QUARANTINE)) {
      String sql = storage.table(table.layer(), table.tableName()).sql();
      assertThat(storage.spark().sql("SELECT count(*) FROM " + sql).first().getLong(0))
          .as("rows of %s", table)
          .isZero();
      assertThat(
              storage.getTableStatistics(table.layer(), table.tableName()).records().recordCount())
          .isZero();
    }
    assertThat(partitionFields(storage, PipelineTable.DEAD_LETTER))
        .containsExactly("day(kafka_timestamp)");
    assertThat(partitionFields(storage, PipelineTable.QUARANTINE))
        .containsExactly("identity(record_type)", "month(quarantined_at)");
    Schema deadLetters = schema(storage, PipelineTable.DEAD_LETTER);
    Schema quarantine = schema(storage, PipelineTable.QUARANTINE);

    // Later rejects land in the tables as created: same columns, same types.
    Properties producerProperties = new Properties();
    producerProperties.put("bootstrap.servers", broker.bootstrapServers());
    producerProperties.put("key.serializer", StringSerializer.class);
    producerProperties.put("value.serializer", StringSerializer.class);
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerProperties)) {
      send(producer, "first_run_movies", "oops", 0);
      send(
          producer,
          "first_run_movies",
          "{\"id\":3,\"title\":\" \",\"ingestion_timestamp\":%s}",
          AT_1005);
    }
    pipeline.runAvailableNow(EnumSet.of(Layer.BRONZE, Layer.SILVER), EnumSet.of(RecordType.MOVIES));
    assertThat(
            lines(
                storage.readFromLayer(Layer.BRONZE, PipelineTable.DEAD_LETTER.tableName()),
                "record_type",
                "kafka_topic",
                "cast(raw_value AS STRING)",
                "error"))
        .containsExactly("movies|first_run_movies|oops|not a JSON object");
    assertThat(
            lines(
                storage.readFromLayer(Layer.SILVER, PipelineTable.QUARANTINE.tableName()),
                "record_type",
                "record_key",
                "array_join(failed_rules, ',')"))
        .containsExactly("movies|3|title_present");
    assertThat(schema(storage, PipelineTable.DEAD_LETTER).sameSchema(deadLetters)).isTrue();
    assertThat(schema(storage, PipelineTable.QUARANTINE).sameSchema(quarantine)).isTrue();
  }

  private static Schema schema(IcebergStorageManager storage, PipelineTable table) {
    return storage.loadTable(table.layer(), table.tableName()).schema();
  }

  private static List<String> partitionFields(IcebergStorageManager storage, PipelineTable table) {
    Table loaded = storage.loadTable(table.layer(), table.tableName());
    return loaded.spec().fields().stream()
        .map(
            field ->
                field.transform() + "(" + loaded.schema().findColumnName(field.sourceId()) + ")")
        .toList();
  }
}
