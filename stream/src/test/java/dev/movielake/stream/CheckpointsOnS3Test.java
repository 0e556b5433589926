package dev.movielake.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.movielake.config.CheckpointLocation;
import dev.movielake.config.ConfigException;
import dev.movielake.infra.kafka.EmbeddedKafka;
import dev.movielake.infra.s3.S3Server;
import dev.movielake.lakehouse.IcebergStorageManager;
import dev.movielake.lakehouse.testing.SharedSpark;
import dev.movielake.model.Layer;
import dev.movielake.model.RecordType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
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

/**
 * The bronze stream with its checkpoint on a real S3 server (s3proxy) through Hadoop's S3A, with
 * the warehouse's S3 settings: stopped in the middle of its micro-batches, then resumed from the
 * checkpoint on S3, every Kafka offset lands in bronze exactly once. A checkpoint location the
 * pipeline cannot use fails before any query starts, naming {@code STREAM_CHECKPOINT_DIR}.
 */
class CheckpointsOnS3Test {
  private static final String BUCKET = "stream-state";
  private static final String TOPIC = "s3_movies";
  private static final int RECORDS = 300;

  @TempDir static Path folder;
  private static S3Server server;
  private static EmbeddedKafka broker;
  private static IcebergStorageManager storage;

  @BeforeAll
  static void start() throws Exception {
    server =
        S3Server.start(
            folder.resolve("s3"), 0, "stream-access", "stream-secret", folder.resolve("s3.log"));
    // The backend's bucket is a folder of its data directory.
    Files.createDirectories(server.dataDirectory().resolve(BUCKET));
    broker = EmbeddedKafka.start(folder.resolve("kafka"));
    Properties properties = new Properties();
    properties.put("bootstrap.servers", broker.bootstrapServers());
    try (Admin admin = Admin.create(properties)) {
      admin.createTopics(List.of(new NewTopic(TOPIC, 2, (short) 1))).all().get();
    }
    storage =
        SharedSpark.storage(
            "s3_checkpoints",
            Map.of(
                "ICEBERG_S3_ENDPOINT", server.endpoint(),
                "ICEBERG_S3_ACCESS_KEY", "stream-access",
                "ICEBERG_S3_SECRET_KEY", "stream-secret"));
  }

  @AfterAll
  static void stop() {
    if (broker != null) {
      broker.close();
    }
    if (server != null) {
      server.close();
    }
  }

  private static StreamingPipeline pipeline(CheckpointLocation checkpoints) {
    return new StreamingPipeline(
        storage,
        broker.bootstrapServers(),
        Map.of(RecordType.MOVIES, TOPIC),
        checkpoints,
        Clock.systemUTC());
  }

  private static void produce(int count) {
    Properties properties = new Properties();
    properties.put("bootstrap.servers", broker.bootstrapServers());
    properties.put("key.serializer", StringSerializer.class);
    properties.put("value.serializer", StringSerializer.class);
    properties.put("enable.idempotence", true);
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(properties)) {
      for (int id = 1; id <= count; id++) {
        producer.send(
            new ProducerRecord<>(
                TOPIC,
                Integer.toString(id),
                "{\"id\":"
                    + id
                    + ",\"title\":\"Film "
                    + id
                    + "\",\"release_date\":\"\",\"budget\":1000,\"genres\":[],"
                    + "\"ingestion_timestamp\":1.7E9,\"data_source\":\"tmdb\"}"));
      }
    }
  }

  @Test
  void aStreamStoppedMidwayResumesFromItsCheckpointOnS3ExactlyOnce() throws Exception {
    CheckpointLocation checkpoints =
        CheckpointLocation.parse("STREAM_CHECKPOINT_DIR", "s3a://" + BUCKET + "/movielake");
    produce(RECORDS);

    // Batches of about 40 offsets (split over the partitions); stopped once two have committed on
    // S3, with the rest of the topic still to read and a batch likely in flight.
    Path commits = server.objectFile(BUCKET, "movielake/bronze/movies/commits");
    try (StreamingPipeline.Running running =
        pipeline(checkpoints)
            .withBatchLimits(Map.of(RecordType.MOVIES, 40L))
            .start(
                EnumSet.of(Layer.BRONZE),
                EnumSet.of(RecordType.MOVIES),
                Trigger.ProcessingTime("100 milliseconds"),
                Duration.ofHours(1))) {
      long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
      while (!Files.exists(commits.resolve("1")) && System.nanoTime() < deadline) {
        assertThat(running.queries().get(0).exception().isEmpty()).isTrue();
        Thread.sleep(50);
      }
      assertThat(commits.resolve("1")).as("batch 1 committed on the S3 server").exists();
    }
    long afterStop = bronze().count();
    assertThat(afterStop).as("bronze rows when stopped").isBetween(40L, RECORDS - 1L);

    // A new pipeline, as a restarted process, resumes from the checkpoint on S3.
    pipeline(checkpoints).runAvailableNow(EnumSet.of(Layer.BRONZE), EnumSet.of(RecordType.MOVIES));

    Dataset<Row> offsets = bronze().select("kafka_partition", "kafka_offset");
    assertThat(offsets.count()).as("bronze rows").isEqualTo(RECORDS);
    assertThat(offsets.distinct().count()).as("distinct Kafka offsets").isEqualTo(RECORDS);
    // The checkpoint is on the S3 server, not in a local folder named after the scheme.
    assertThat(server.objectFile(BUCKET, "movielake/bronze/movies/offsets/0")).exists();
    assertThat(server.objectFile(BUCKET, "movielake/bronze/movies/movielake-stream-id")).exists();
    assertThat(Path.of("s3a:")).doesNotExist();
  }

  @Test
  void aCheckpointLocationThePipelineCannotUseFailsAtStartNamingTheVariable() throws Exception {
    CheckpointLocation missingBucket =
        CheckpointLocation.parse("STREAM_CHECKPOINT_DIR", "s3a://no-such-bucket/checkpoints");
    assertThatThrownBy(
            () ->
                pipeline(missingBucket)
                    .runAvailableNow(EnumSet.of(Layer.BRONZE), EnumSet.of(RecordType.MOVIES)))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("STREAM_CHECKPOINT_DIR: ")
        .hasMessageContaining("the bucket no-such-bucket")
        .hasMessageContaining("does not exist at " + server.endpoint())
        .hasMessageContaining("create it");

    // A folder that cannot be made: a file stands where one of its parents should be.
    Path file = Files.writeString(folder.resolve("not-a-folder"), "");
    CheckpointLocation underAFile = CheckpointLocation.local(file.resolve("checkpoints"));
    assertThatThrownBy(
            () ->
                pipeline(underAFile)
                    .runAvailableNow(EnumSet.of(Layer.BRONZE), EnumSet.of(RecordType.MOVIES)))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("STREAM_CHECKPOINT_DIR: ")
        .hasMessageContaining("cannot write the checkpoints at " + underAFile)
        .hasMessageContaining("another folder or s3a://bucket/prefix");
    assertThat(storage.spark().streams().active()).isEmpty();
  }

  private static Dataset<Row> bronze() {
    return storage.readFromLayer(Layer.BRONZE, RecordType.MOVIES.bronzeTable().tableName());
  }
}
