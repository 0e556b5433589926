package dev.movielake.stream.bronze;

import static org.assertj.core.api.Assertions.assertThat;

import dev.movielake.infra.kafka.EmbeddedKafka;
import dev.movielake.lakehouse.IcebergStorageManager;
import dev.movielake.lakehouse.testing.SharedSpark;
import dev.movielake.model.Layer;
import dev.movielake.model.PipelineTable;
import dev.movielake.model.RecordType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
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

/** Kafka to bronze on a real broker and a real Iceberg catalog. */
class BronzeStreamTest {
  @TempDir static Path folder;
  private static EmbeddedKafka broker;

  @BeforeAll
  static void start() throws Exception {
    broker = EmbeddedKafka.start(folder.resolve("kafka"));
    Properties properties = new Properties();
    properties.put("bootstrap.servers", broker.bootstrapServers());
    try (Admin admin = Admin.create(properties)) {
      admin.createTopics(List.of(new NewTopic("movies", 3, (short) 1))).all().get();
    }
  }

  @AfterAll
  static void stop() {
    broker.close();
  }

  private static void produce(int firstId, int count, List<String> garbage) {
    Properties properties = new Properties();
    properties.put("bootstrap.servers", broker.bootstrapServers());
    properties.put("key.serializer", StringSerializer.class);
    properties.put("value.serializer", StringSerializer.class);
    properties.put("enable.idempotence", true);
    properties.put("max.in.flight.requests.per.connection", 1);
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(properties)) {
      for (int id = firstId; id < firstId + count; id++) {
        producer.send(
            new ProducerRecord<>(
                "movies",
                Integer.toString(id),
                "{\"id\":"
                    + id
                    + ",\"title\":\"Film "
                    + id
                    + "\",\"release_date\":\"\",\"budget\":1000,"
                    + "\"genres\":[{\"id\":18,\"name\":\"Drama\"}],"
                    + "\"ingestion_timestamp\":1.7E9,\"data_source\":\"tmdb\"}"));
      }
      for (String value : garbage) {
        producer.send(new ProducerRecord<>("movies", "garbage", value));
      }
    }
  }

  private static void runAvailableNow(IcebergStorageManager storage, Path checkpoint)
      throws Exception {
    new BronzeStream(storage, broker.bootstrapServers())
        .start(RecordType.MOVIES, "movies", checkpoint, Trigger.AvailableNow())
        .awaitTermination();
  }

  @Test
  void everyRecordLandsOnceInBronzeOrInDeadLettersAndRestartsAddNothing() throws Exception {
    IcebergStorageManager storage = SharedSpark.storage("bronze");
    Path checkpoint = folder.resolve("checkpoints/movies");
    List<String> garbage =
        List.of(
            "not json at all",
            "[1, 2, 3]",
            "{\"title\": \"no id\"}",
            "{\"id\": \"abc\", \"title\": \"mistyped id\"}",
            "{\"unknown\": 1}");
    produce(1, 100, garbage);

    runAvailableNow(storage, checkpoint);

    Dataset<Row> bronze = storage.readFromLayer(Layer.BRONZE, "movies_raw");
    assertThat(bronze.count()).isEqualTo(100);
    assertThat(bronze.select("kafka_partition", "kafka_offset").distinct().count()).isEqualTo(100);
    assertThat(
            bronze
                .where("id = 42")
                .select("title", "release_date", "budget")
                .collectAsList()
                .get(0)
                .toString())
        .isEqualTo("[Film 42,,1000]");
    assertThat(bronze.where("raw_value LIKE '%\"genres\"%'").count()).isEqualTo(100);
    List<Row> deadLetters =
        storage
            .readFromLayer(Layer.BRONZE, PipelineTable.DEAD_LETTER.tableName())
            .orderBy("kafka_offset")
            .select("error", "raw_value")
            .collectAsList();
    assertThat(deadLetters)
        .extracting(row -> row.getString(0))
        .containsExactlyInAnyOrder(
            "not a JSON object",
            "not a JSON object",
            "missing or mistyped field id (bigint)",
            "missing or mistyped field id (bigint)",
            "not a JSON object with a field of a movies record");
    assertThat(deadLetters)
        .extracting(row -> new String((byte[]) row.get(1), StandardCharsets.UTF_8))
        .containsExactlyInAnyOrderElementsOf(garbage);

    // Nothing new: a restart from the checkpoint adds nothing.
    runAvailableNow(storage, checkpoint);
    assertThat(storage.readFromLayer(Layer.BRONZE, "movies_raw").count()).isEqualTo(100);

    // New records continue from the committed offsets: Kafka records = bronze rows + dead letters.
    produce(101, 20, List.of("{broken"));
    runAvailableNow(storage, checkpoint);
    long bronzeRows = storage.readFromLayer(Layer.BRONZE, "movies_raw").count();
    long deadLetterRows =
        storage.readFromLayer(Layer.BRONZE, PipelineTable.DEAD_LETTER.tableName()).count();
    assertThat(bronzeRows).isEqualTo(120);
    assertThat(bronzeRows + deadLetterRows).isEqualTo(100 + 5 + 20 + 1);
  }

  @Test
  void aReplayedBatchWritesOnlyTheOffsetsNotWrittenYet() {
    IcebergStorageManager storage = SharedSpark.storage("replay");
    BronzeBatchWriter writer =
        new BronzeBatchWriter(storage, RecordType.MOVIES, "stream-under-test");

    writer.call(kafkaRecords(storage, 70, 71), 5L);
    writer.call(
        kafkaRecords(storage, 70, 71),
        5L); // the same batch again, as after a crash before the checkpoint commit
    assertThat(storage.readFromLayer(Layer.BRONZE, "movies_raw").count()).isEqualTo(2);

    // Planned anew after a crash with more offsets: only the new one is written.
    writer.call(kafkaRecords(storage, 70, 71, 72), 5L);
    assertThat(
            storage
                .readFromLayer(Layer.BRONZE, "movies_raw")
                .orderBy("kafka_offset")
                .select("kafka_offset")
                .collectAsList())
        .extracting(row -> row.getLong(0))
        .containsExactly(70L, 71L, 72L);
  }

  @Test
  void anUncommittedLastBatchIsRemovedFromTheOffsetLogAndACommittedOneIsKept() throws Exception {
    Path checkpoint = folder.resolve("repair");
    Files.createDirectories(checkpoint.resolve("offsets"));
    Files.createDirectories(checkpoint.resolve("commits"));
    for (String file :
        List.of(
            "offsets/0",
            "offsets/.0.crc",
            "offsets/1",
            "offsets/.1.crc",
            "commits/0",
            "commits/.1.crc",
            "commits/.1.8f2c.tmp",
            "offsets/.1.77aa.tmp")) {
      Files.writeString(checkpoint.resolve(file), "v1");
    }

    assertThat(CheckpointRepair.dropUncommittedBatch(checkpoint)).hasValue(1);
    assertThat(checkpoint.resolve("offsets/1")).doesNotExist();
    assertThat(checkpoint.resolve("offsets/.1.crc")).doesNotExist();
    assertThat(checkpoint.resolve("offsets/.1.77aa.tmp")).doesNotExist();
    assertThat(checkpoint.resolve("commits/.1.crc"))
        .doesNotExist(); // Spark refuses to plan a batch 0 over these
    assertThat(checkpoint.resolve("commits/.1.8f2c.tmp")).doesNotExist();
    assertThat(checkpoint.resolve("commits/0")).exists();
    assertThat(checkpoint.resolve("offsets/0")).exists();
    assertThat(CheckpointRepair.dropUncommittedBatch(checkpoint)).isEmpty();
  }

  private static Dataset<Row> kafkaRecords(IcebergStorageManager storage, long... offsets) {
    StringBuilder rows = new StringBuilder();
    for (long offset : offsets) {
      rows.append(rows.length() == 0 ? "" : " UNION ALL ")
          .append(
              "SELECT CAST('7' AS BINARY) AS key, CAST('{\"id\": 7, \"title\": \"Seven\"}' AS"
                  + " BINARY) AS value, 'movies' AS topic, 0 AS partition, CAST("
                  + offset
                  + " AS BIGINT) AS offset, "
                  + "TIMESTAMP'2026-01-01 10:00:00' AS timestamp, 0 AS timestampType");
    }
    return storage.spark().sql(rows.toString());
  }
}
