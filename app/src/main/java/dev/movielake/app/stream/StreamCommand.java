package dev.movielake.app.stream;

import dev.movielake.app.cli.Json;
import dev.movielake.app.cli.JsonOption;
import dev.movielake.app.cli.LakehouseCommand;
import dev.movielake.app.cli.TextTable;
import dev.movielake.config.IngestConfig;
import dev.movielake.config.Layer;
import dev.movielake.ingest.kafka.KafkaCluster;
import dev.movielake.lakehouse.IcebergStorageManager;
import dev.movielake.stream.bronze.BronzeBatchWriter;
import dev.movielake.stream.bronze.BronzeStream;
import dev.movielake.stream.records.RecordType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryException;
import org.apache.spark.sql.streaming.Trigger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code pipeline stream}: Kafka topics into the lakehouse with Structured Streaming. */
@Command(
    name = "stream",
    description = {
      "Stream Kafka topics into bronze (one query and checkpoint per record type), exactly once.",
      "Malformed records go to bronze.dead_letter. Silver and gold streaming are being built next."
    })
public final class StreamCommand extends LakehouseCommand {
  @Option(names = "--available-now", description = "Process what the topics hold now, then stop.")
  boolean availableNow;

  @Option(names = "--trigger", defaultValue = "1 minute",
      description = "Micro-batch interval when running continuously (default ${DEFAULT-VALUE}, as Iceberg recommends).")
  String trigger;

  @Option(names = "--types", split = ",", defaultValue = "movies,people,credits,reviews,ratings",
      description = "Record types to stream (default: all).")
  List<String> types;

  @Mixin JsonOption json;

  @Override
  protected int run() {
    List<RecordType> recordTypes = types.stream().map(RecordType::parse).toList();
    IngestConfig ingest = context().ingestConfig();
    IcebergStorageManager storage = storage();
    try (KafkaCluster kafka = KafkaCluster.open(ingest)) {
      BronzeStream bronze = new BronzeStream(storage, kafka.bootstrapServers());
      Trigger chosen = availableNow ? Trigger.AvailableNow() : Trigger.ProcessingTime(trigger);
      List<StreamingQuery> queries = new ArrayList<>();
      for (RecordType type : recordTypes) {
        queries.add(bronze.start(type, ingest.kafka().topic(type.recordType()),
            ingest.home().resolve("checkpoints").resolve("bronze").resolve(type.recordType()), chosen));
      }
      err().println("streaming " + recordTypes + " from Kafka " + kafka.bootstrapServers() + " into bronze"
          + (availableNow ? " (available now)" : " every " + trigger + "; Ctrl-C stops"));
      for (StreamingQuery query : queries) {
        query.awaitTermination();
      }
      Map<String, Long> rows = new LinkedHashMap<>();
      for (RecordType type : recordTypes) {
        rows.put("bronze." + type.bronzeTable(), count(storage, type.bronzeTable()));
      }
      rows.put("bronze." + BronzeBatchWriter.DEAD_LETTER_TABLE, count(storage, BronzeBatchWriter.DEAD_LETTER_TABLE));
      if (json.enabled()) {
        Json.print(out(), rows);
      } else {
        TextTable table = new TextTable("table", "rows");
        rows.forEach(table::row);
        table.print(out());
      }
      return 0;
    } catch (StreamingQueryException e) {
      throw new IllegalStateException("a bronze stream failed: " + e.getMessage(), e);
    }
  }

  private static long count(IcebergStorageManager storage, String table) {
    return storage.catalog().exists(storage.table(Layer.BRONZE, table))
        ? storage.getTableStatistics(Layer.BRONZE, table).recordCount() : 0;
  }
}
