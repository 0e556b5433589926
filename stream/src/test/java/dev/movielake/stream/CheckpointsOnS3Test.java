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
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A checkpoint location the pipeline cannot use, on a real S3 server (s3proxy) or on local disk,
 * fails before any query starts, naming {@code STREAM_CHECKPOINT_DIR}. Streams that checkpoint on
 * S3, are killed and resume exactly once: {@link StreamingCrashTest}.
 */
class CheckpointsOnS3Test {
  private static final String BUCKET = "stream-state";
  private static final String TOPIC = "s3_movies";

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
}
