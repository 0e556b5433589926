package dev.movielake.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.movielake.config.CheckpointLocation;
import dev.movielake.infra.kafka.EmbeddedKafka;
import dev.movielake.infra.process.ChildJvm;
import dev.movielake.infra.s3.S3Server;
import dev.movielake.lakehouse.IcebergStorageManager;
import dev.movielake.lakehouse.testing.SharedSpark;
import dev.movielake.model.Layer;
import dev.movielake.model.PipelineTable;
import dev.movielake.model.RecordType;
import dev.movielake.stream.testing.RecordFeed;
import dev.movielake.stream.testing.StreamWorker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills the streaming JVM (SIGKILL) at random moments while records flow, twice, then lets a
 * restart finish: bronze must hold every Kafka offset exactly once, and silver and gold must equal
 * what a clean, uninterrupted run computes from the same topics. The killed JVMs keep their
 * checkpoints on a real S3 server through Hadoop's S3A ({@code STREAM_CHECKPOINT_DIR=s3a://...}),
 * as a stream on a cluster does; the clean run keeps them in a local folder.
 */
class StreamingCrashTest {
  private static final int KILLS = 2;
  private static final String BUCKET = "stream-state";
  private static final String CHECKPOINTS = "s3a://" + BUCKET + "/crashed";
  private static final String ACCESS_KEY = "crash-access";
  private static final String SECRET_KEY = "crash-secret";

  @TempDir static Path folder;
  private static EmbeddedKafka broker;
  private static S3Server server;

  @BeforeAll
  static void start() throws Exception {
    server =
        S3Server.start(folder.resolve("s3"), 0, ACCESS_KEY, SECRET_KEY, folder.resolve("s3.log"));
    // The backend's bucket is a folder of its data directory.
    Files.createDirectories(server.dataDirectory().resolve(BUCKET));
    broker = EmbeddedKafka.start(folder.resolve("kafka"));
    RecordFeed.createTopics(broker.bootstrapServers());
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

  @Test
  void killedTwiceWithCheckpointsOnS3TheLakehouseEqualsACleanRun() throws Exception {
    Map<String, String> crashed = databases("crashed");
    crashed.putAll(s3());
    CheckpointLocation checkpoints = CheckpointLocation.parse("STREAM_CHECKPOINT_DIR", CHECKPOINTS);
    // The S3 server keeps each object as a file: the commit logs can be watched there.
    Path checkpointObjects = server.objectFile(BUCKET, "crashed");
    AtomicBoolean feeding = new AtomicBoolean(true);
    AtomicInteger waves = new AtomicInteger();
    Thread feed =
        new Thread(
            () -> {
              try (RecordFeed records = new RecordFeed(broker.bootstrapServers())) {
                while (feeding.get()) {
                  records.send(waves.getAndIncrement());
                  Thread.sleep(700);
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "record-feed");
    feed.start();

    Random random = new Random(42);
    int committedBatches = 0;
    for (int kill = 0; kill < KILLS; kill++) {
      Path log = folder.resolve("worker-" + kill + ".log");
      ChildJvm worker = startWorker(crashed, CHECKPOINTS, log);
      awaitStarted(worker, log);
      // Once this worker has committed a batch, a random moment: mid-batch, mid-commit or idle.
      committedBatches = awaitCommit(worker, checkpointObjects, committedBatches, log);
      Thread.sleep(random.nextInt(4_000));
      worker.kill();
    }
    assertThat(committedBatches)
        .as("batches committed by the killed workers")
        .isGreaterThanOrEqualTo(KILLS);
    feeding.set(false);
    feed.join();

    // The restart that finishes the work runs in this JVM: another process, the same checkpoints.
    IcebergStorageManager crashedStorage = SharedSpark.storage("unused", crashed);
    pipeline(crashedStorage, checkpoints)
        .runAvailableNow(EnumSet.allOf(Layer.class), EnumSet.allOf(RecordType.class));

    IcebergStorageManager clean = SharedSpark.storage("clean");
    pipeline(clean, CheckpointLocation.local(folder.resolve("checkpoints-clean")))
        .runAvailableNow(EnumSet.allOf(Layer.class), EnumSet.allOf(RecordType.class));

    // Bronze: every Kafka offset exactly once, in a bronze table or among the dead letters.
    Map<String, Long> kafkaRecords = endOffsets();
    for (RecordType type : RecordType.values()) {
      Dataset<Row> offsets =
          crashedStorage
              .readFromLayer(Layer.BRONZE, type.bronzeTable().tableName())
              .select("kafka_partition", "kafka_offset")
              .union(
                  crashedStorage
                      .readFromLayer(Layer.BRONZE, PipelineTable.DEAD_LETTER.tableName())
                      .where("kafka_topic = '" + type.recordType() + "'")
                      .select("kafka_partition", "kafka_offset"));
      assertThat(offsets.count())
          .as("bronze rows + dead letters of %s", type)
          .isEqualTo(kafkaRecords.get(type.recordType()));
      assertThat(offsets.distinct().count())
          .as("distinct offsets of %s", type)
          .isEqualTo(offsets.count());
    }
    assertThat(waves.get()).isGreaterThan(6);
    // The checkpoints were on the S3 server, not in a local folder named after the scheme.
    assertThat(checkpointObjects.resolve("bronze/movies/offsets/0")).exists();
    assertThat(Path.of("s3a:")).doesNotExist();

    // Silver, quarantine and gold: the same as the clean run.
    for (RecordType type : RecordType.withSilverTable()) {
      assertSameRows(crashedStorage, clean, Layer.SILVER, type.requireSilverTable().tableName());
    }
    assertSameRows(
        crashedStorage,
        clean,
        Layer.SILVER,
        PipelineTable.QUARANTINE.tableName(),
        "record_type",
        "record_key",
        "record");
    for (String gold :
        List.of(
            "trending_movies",
            "sentiment_trends",
            "movies_by_year_genre",
            "director_filmography")) {
      assertSameRows(crashedStorage, clean, Layer.GOLD, gold);
    }
  }

  private static void assertSameRows(
      IcebergStorageManager crashed,
      IcebergStorageManager clean,
      Layer layer,
      String table,
      String... columns) {
    Dataset<Row> left = crashed.readFromLayer(layer, table);
    Dataset<Row> right = clean.readFromLayer(layer, table);
    if (columns.length > 0) {
      left = left.selectExpr(columns);
      right = right.selectExpr(columns);
    }
    assertThat(left.count())
        .as("rows of %s.%s", layer, table)
        .isEqualTo(right.count())
        .isPositive();
    assertThat(left.exceptAll(right).count())
        .as("rows of crashed %s.%s missing from the clean run", layer, table)
        .isZero();
    assertThat(right.exceptAll(left).count())
        .as("rows of clean %s.%s missing after crashes", layer, table)
        .isZero();
  }

  private static StreamingPipeline pipeline(
      IcebergStorageManager storage, CheckpointLocation checkpoints) {
    Map<RecordType, String> topics = new EnumMap<>(RecordType.class);
    for (RecordType type : RecordType.values()) {
      topics.put(type, type.recordType());
    }
    return new StreamingPipeline(
        storage, broker.bootstrapServers(), topics, checkpoints, Clock.systemUTC());
  }

  /**
   * Databases of their own in the shared catalog, so the worker JVM and this one see the same
   * tables.
   */
  private static Map<String, String> databases(String prefix) {
    Map<String, String> variables = new HashMap<>();
    variables.put("ICEBERG_BRONZE_DATABASE", prefix + "_bronze");
    variables.put("ICEBERG_SILVER_DATABASE", prefix + "_silver");
    variables.put("ICEBERG_GOLD_DATABASE", prefix + "_gold");
    return variables;
  }

  /** The S3 server's settings: the warehouse stays local, Spark's s3a:// paths go to the server. */
  private static Map<String, String> s3() {
    return Map.of(
        "ICEBERG_S3_ENDPOINT", server.endpoint(),
        "ICEBERG_S3_ACCESS_KEY", ACCESS_KEY,
        "ICEBERG_S3_SECRET_KEY", SECRET_KEY);
  }

  private static ChildJvm startWorker(Map<String, String> databases, String checkpoints, Path log) {
    Map<String, String> environment = new HashMap<>(databases);
    environment.put("LAKEHOUSE_HOME", SharedSpark.home().toString());
    environment.put("SPARK_MASTER", "local[2]");
    environment.put("SPARK_SHUFFLE_PARTITIONS", "4");
    return ChildJvm.start(
        StreamWorker.class.getName(),
        List.of(broker.bootstrapServers(), checkpoints, "2 seconds"),
        environment,
        log);
  }

  private static void awaitStarted(ChildJvm worker, Path log) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    while (System.nanoTime() < deadline) {
      if (Files.exists(log) && Files.readString(log).contains("worker started")) {
        return;
      }
      if (!worker.isAlive()) {
        throw new AssertionError("the worker JVM exited: " + Files.readString(log));
      }
      Thread.sleep(200);
    }
    worker.kill();
    throw new AssertionError("the worker JVM did not start in time: " + Files.readString(log));
  }

  /**
   * Waits until the checkpoints hold more committed batches than {@code before}; returns the count.
   */
  private static int awaitCommit(ChildJvm worker, Path checkpoints, int before, Path log)
      throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
    while (System.nanoTime() < deadline) {
      int committed = committedBatches(checkpoints);
      if (committed > before) {
        return committed;
      }
      if (!worker.isAlive()) {
        throw new AssertionError("the worker JVM exited: " + Files.readString(log));
      }
      Thread.sleep(100);
    }
    worker.kill();
    throw new AssertionError("the worker committed no batch in time: " + Files.readString(log));
  }

  /** Files in the commit logs of every query: {@code <layer>/<query>/commits/<batch id>}. */
  private static int committedBatches(Path checkpoints) throws Exception {
    if (!Files.isDirectory(checkpoints)) {
      return 0;
    }
    try (var files = Files.walk(checkpoints)) {
      return (int)
          files
              .filter(
                  file ->
                      file.getParent() != null
                          && file.getParent().getFileName().toString().equals("commits")
                          && file.getFileName().toString().chars().allMatch(Character::isDigit))
              .count();
    }
  }

  private static Map<String, Long> endOffsets() {
    Properties properties = new Properties();
    properties.put("bootstrap.servers", broker.bootstrapServers());
    properties.put("key.deserializer", StringDeserializer.class);
    properties.put("value.deserializer", StringDeserializer.class);
    Map<String, Long> records = new HashMap<>();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(properties)) {
      for (RecordType type : RecordType.values()) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (PartitionInfo info : consumer.partitionsFor(type.recordType())) {
          partitions.add(new TopicPartition(info.topic(), info.partition()));
        }
        records.put(
            type.recordType(),
            consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum());
      }
    }
    return records;
  }
}
