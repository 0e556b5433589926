package dev.movielake.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.current_timestamp;
import static org.apache.spark.sql.functions.from_json;

import dev.movielake.lakehouse.IcebergStorageManager;
import dev.movielake.model.Layer;
import dev.movielake.model.PipelineTable;
import dev.movielake.model.RecordType;
import dev.movielake.stream.bronze.BronzeStream;
import dev.movielake.stream.bronze.BronzeTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryException;
import org.apache.spark.sql.streaming.Trigger;

/**
 * One pass over a pre-filled topic, timed from the query's start to its end: either the real {@link
 * BronzeStream} into the Iceberg bronze table, or the same Kafka columns and JSON parsing written
 * by Spark's file sink as a plain Parquet folder. Each run starts from a fresh table or folder and
 * a fresh checkpoint, so each reads the whole topic.
 */
final class BronzeThroughput {
  private static final RecordType TYPE = RecordType.MOVIES;

  private final IcebergStorageManager storage;
  private final String bootstrapServers;
  private final String topic;
  private final long records;
  private final Path folder;

  BronzeThroughput(
      IcebergStorageManager storage,
      String bootstrapServers,
      String topic,
      long records,
      Path folder) {
    this.storage = storage;
    this.bootstrapServers = bootstrapServers;
    this.topic = topic;
    this.records = records;
    this.folder = folder;
  }

  /** One run: its wall time and the data files it wrote. */
  record Run(double seconds, long files) {}

  /** The bronze stream bringing the whole topic into bronze. */
  Run iceberg(int run) {
    storage.dropTable(Layer.BRONZE, TYPE.bronzeTable().tableName(), true);
    storage.dropTable(Layer.BRONZE, PipelineTable.DEAD_LETTER.tableName(), true);
    // Creating the table is set-up, not throughput: the stream only finds it there.
    BronzeTable.ensure(storage, TYPE);
    Path checkpoint = folder.resolve("checkpoints").resolve("iceberg-" + run);
    long started = System.nanoTime();
    await(
        new BronzeStream(storage, bootstrapServers)
            .start(TYPE, topic, checkpoint, Trigger.AvailableNow()));
    double seconds = (System.nanoTime() - started) / 1e9;
    requireAll(
        "bronze", storage.readFromLayer(Layer.BRONZE, TYPE.bronzeTable().tableName()).count());
    return new Run(
        seconds,
        storage
            .getTableStatistics(Layer.BRONZE, TYPE.bronzeTable().tableName())
            .files()
            .fileCount());
  }

  /** Spark writing the same records, parsed the same way, as a Parquet folder. */
  Run parquet(int run) {
    Path output = folder.resolve("parquet-" + run);
    Path checkpoint = folder.resolve("checkpoints").resolve("parquet-" + run);
    BenchmarkFolder.delete(output);
    long started = System.nanoTime();
    try {
      await(
          parsed()
              .writeStream()
              .queryName("parquet_movies")
              .format("parquet")
              .option("path", output.toString())
              .option("checkpointLocation", checkpoint.toString())
              .trigger(Trigger.AvailableNow())
              .start());
    } catch (TimeoutException e) {
      throw new IllegalStateException("the Parquet stream did not start: " + e.getMessage(), e);
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    requireAll("the Parquet folder", storage.spark().read().parquet(output.toString()).count());
    return new Run(seconds, parquetFiles(output));
  }

  /**
   * Bronze's projection: the Kafka coordinates, the raw value, the time received, the parsed
   * fields.
   */
  private Dataset<Row> parsed() {
    Dataset<Row> withData =
        storage
            .spark()
            .readStream()
            .format("kafka")
            .option("kafka.bootstrap.servers", bootstrapServers)
            .option("subscribe", topic)
            .option("startingOffsets", "earliest")
            .option("failOnDataLoss", "false") // as bronze reads the compacted movies topic
            .load()
            .select(
                col("topic").as("kafka_topic"),
                col("partition").as("kafka_partition"),
                col("offset").as("kafka_offset"),
                col("key").cast("string").as("kafka_key"),
                col("timestamp").as("kafka_timestamp"),
                col("value").cast("string").as("raw_value"),
                current_timestamp().as("bronze_ingested_at"))
            .withColumn("data", from_json(col("raw_value"), BronzeTable.recordSchema(TYPE)));
    List<Column> columns = new ArrayList<>();
    for (String name :
        List.of(
            "kafka_topic",
            "kafka_partition",
            "kafka_offset",
            "kafka_key",
            "kafka_timestamp",
            "raw_value",
            "bronze_ingested_at")) {
      columns.add(col(name));
    }
    for (String field : BronzeTable.recordSchema(TYPE).fieldNames()) {
      columns.add(col("data.`" + field + "`").as(field));
    }
    return withData.select(columns.toArray(Column[]::new));
  }

  private static long parquetFiles(Path output) {
    try (Stream<Path> files = Files.list(output)) {
      return files.filter(file -> file.getFileName().toString().endsWith(".parquet")).count();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + output, e);
    }
  }

  private void requireAll(String target, long written) {
    if (written != records) {
      throw new IllegalStateException(
          target + " holds " + written + " rows after a run over " + records + " records");
    }
  }

  private static void await(StreamingQuery query) {
    try {
      query.awaitTermination();
    } catch (StreamingQueryException e) {
      throw new IllegalStateException(
          "the query " + query.name() + " failed: " + e.getMessage(), e);
    }
  }
}
