package dev.movielake.bench;

import static org.apache.spark.sql.functions.col;

import dev.movielake.config.IngestConfig;
import dev.movielake.config.KafkaConfig;
import dev.movielake.config.LakehouseConfig;
import dev.movielake.infra.process.ChildJvm;
import dev.movielake.lakehouse.IcebergStorageManager;
import dev.movielake.model.Layer;
import dev.movielake.model.PipelineTable;
import dev.movielake.model.RecordType;
import dev.movielake.stream.StreamingPipeline;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.streaming.StreamingQueryException;

/**
 * Exactly once across crashes: runs the real {@code pipeline stream} (bronze and silver, movies) in
 * a JVM of its own while movies keep arriving, kills it with SIGKILL at random moments after it
 * committed a batch, restarts it, then lets a run in this JVM finish from the same checkpoints and
 * counts what bronze holds of the topic.
 */
final class CrashRecovery {
  private static final int BURST = 60;
  private static final long BURST_PAUSE_MILLIS = 200; // about 300 movies per second
  private static final Duration COMMIT_TIMEOUT = Duration.ofMinutes(5);

  /** What the crashed-and-recovered pipeline holds of the topic. */
  record Outcome(
      int kills,
      int committedBatches,
      long moviesSent,
      long inKafka,
      long bronzeRows,
      long distinctOffsets,
      long deadLetters,
      long silverRows) {
    long duplicates() {
      return bronzeRows - distinctOffsets;
    }

    long lost() {
      return inKafka - (bronzeRows + deadLetters);
    }
  }

  private final IcebergStorageManager storage;
  private final BenchmarkKafka kafka;
  private final String topic;
  private final Path folder;
  private final Duration trigger;
  private final String pipelineMainClass;

  /**
   * @param pipelineMainClass the main class of the {@code pipeline} command line, whose stream
   *     command is killed
   */
  CrashRecovery(
      IcebergStorageManager storage,
      BenchmarkKafka kafka,
      String topic,
      Path folder,
      Duration trigger,
      String pipelineMainClass) {
    this.storage = storage;
    this.kafka = kafka;
    this.topic = topic;
    this.folder = folder;
    this.trigger = trigger;
    this.pipelineMainClass = pipelineMainClass;
  }

  Outcome run(int kills, PrintWriter progress) {
    Path checkpoints = folder.resolve("checkpoints");
    AtomicBoolean feeding = new AtomicBoolean(true);
    AtomicLong nextId = new AtomicLong(1);
    AtomicReference<RuntimeException> feedFailure = new AtomicReference<>();
    Thread feed =
        new Thread(
            () -> {
              try (MovieProducer producer = new MovieProducer(kafka.bootstrapServers())) {
                while (feeding.get()) {
                  producer.send(topic, nextId.get(), BURST);
                  nextId.addAndGet(BURST);
                  Thread.sleep(BURST_PAUSE_MILLIS);
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              } catch (RuntimeException e) {
                feedFailure.set(e);
              }
            },
            "bench-movie-feed");
    feed.start();

    Random random = new Random(42);
    int committed = 0;
    try {
      for (int kill = 1; kill <= kills; kill++) {
        ChildJvm pipeline =
            ChildJvm.start(
                pipelineMainClass,
                arguments(),
                environment(checkpoints),
                folder.resolve("pipeline-" + kill + ".log"));
        try {
          awaitCommit(pipeline, checkpoints, committed);
          // A random moment after a commit: mid-batch, mid-commit or idle between triggers.
          Thread.sleep(random.nextInt((int) trigger.multipliedBy(2).toMillis()));
        } finally {
          pipeline.kill();
        }
        committed = committedBatches(checkpoints);
        progress.println(
            "    killed the pipeline JVM ("
                + kill
                + " of "
                + kills
                + "), "
                + committed
                + " batches committed so far, "
                + (nextId.get() - 1)
                + " movies sent");
        progress.flush();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while crashing the pipeline", e);
    } finally {
      feeding.set(false);
      joinQuietly(feed);
    }
    if (feedFailure.get() != null) {
      throw feedFailure.get();
    }

    progress.println("    draining the rest in this JVM from the same checkpoints ...");
    progress.flush();
    try {
      new StreamingPipeline(
              storage,
              kafka.bootstrapServers(),
              Map.of(RecordType.MOVIES, topic),
              checkpoints,
              Clock.systemUTC())
          .runAvailableNow(EnumSet.of(Layer.BRONZE, Layer.SILVER), EnumSet.of(RecordType.MOVIES));
    } catch (StreamingQueryException e) {
      throw new IllegalStateException("the drain after the crashes failed: " + e.getMessage(), e);
    }
    Dataset<Row> bronze =
        storage
            .readFromLayer(Layer.BRONZE, RecordType.MOVIES.bronzeTable().tableName())
            .where(col("kafka_topic").equalTo(topic));
    long deadLetters =
        storage.tableExists(Layer.BRONZE, PipelineTable.DEAD_LETTER.tableName())
            ? storage
                .readFromLayer(Layer.BRONZE, PipelineTable.DEAD_LETTER.tableName())
                .where(col("kafka_topic").equalTo(topic))
                .count()
            : 0;
    return new Outcome(
        kills,
        committed,
        nextId.get() - 1,
        kafka.records(topic),
        bronze.count(),
        bronze.select("kafka_partition", "kafka_offset").distinct().count(),
        deadLetters,
        storage.readFromLayer(Layer.SILVER, PipelineTable.MOVIES_CLEAN.tableName()).count());
  }

  private List<String> arguments() {
    return List.of(
        "stream",
        "--layers",
        "bronze,silver",
        "--types",
        RecordType.MOVIES.recordType(),
        "--trigger",
        trigger.toSeconds() + " seconds");
  }

  /**
   * The user's catalog (same home), but the benchmark's databases, broker, topic and checkpoints.
   */
  private Map<String, String> environment(Path checkpoints) {
    LakehouseConfig config = storage.config();
    Map<String, String> environment = new HashMap<>();
    environment.put(LakehouseConfig.HOME, config.home().toString());
    for (Layer layer : Layer.values()) {
      environment.put(LakehouseConfig.databaseVariable(layer), config.database(layer));
    }
    config
        .spark()
        .master()
        .ifPresent(master -> environment.put(LakehouseConfig.SPARK_MASTER, master));
    environment.put(
        LakehouseConfig.SPARK_SHUFFLE_PARTITIONS,
        Integer.toString(config.spark().shufflePartitions()));
    environment.put(KafkaConfig.BOOTSTRAP_SERVERS, kafka.bootstrapServers());
    environment.put(KafkaConfig.topicVariable(RecordType.MOVIES.recordType()), topic);
    environment.put(IngestConfig.CHECKPOINT_DIR, checkpoints.toString());
    // Any free port for its metrics: a stream the user runs may hold the default one.
    environment.put(IngestConfig.METRICS_PORT, "0");
    return environment;
  }

  /** Waits until the checkpoints hold more committed batches than {@code before}. */
  private void awaitCommit(ChildJvm pipeline, Path checkpoints, int before)
      throws InterruptedException {
    long deadline = System.nanoTime() + COMMIT_TIMEOUT.toNanos();
    while (committedBatchesWhileRunning(checkpoints, before) <= before) {
      if (!pipeline.isAlive()) {
        throw new IllegalStateException("the pipeline JVM exited:\n" + pipeline.logTail());
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "the pipeline JVM committed no batch in "
                + COMMIT_TIMEOUT.toMinutes()
                + " minutes:\n"
                + pipeline.logTail());
      }
      Thread.sleep(100);
    }
  }

  /**
   * As {@link #committedBatches}, or {@code before} when a file vanished under the walk (Spark
   * renames its files).
   */
  private static int committedBatchesWhileRunning(Path checkpoints, int before) {
    try {
      return committedBatches(checkpoints);
    } catch (UncheckedIOException e) {
      return before;
    }
  }

  /** Files in the commit logs of every query: {@code <layer>/<type>/commits/<batch id>}. */
  private static int committedBatches(Path checkpoints) {
    if (!Files.isDirectory(checkpoints)) {
      return 0;
    }
    try (Stream<Path> files = Files.walk(checkpoints)) {
      return (int)
          files
              .filter(
                  file ->
                      file.getParent() != null
                          && file.getParent().getFileName().toString().equals("commits")
                          && file.getFileName().toString().chars().allMatch(Character::isDigit))
              .count();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the checkpoints in " + checkpoints, e);
    }
  }

  private static void joinQuietly(Thread thread) {
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
