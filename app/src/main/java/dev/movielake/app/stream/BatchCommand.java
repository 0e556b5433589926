package dev.movielake.app.stream;

import dev.movielake.app.cli.GracefulStop;
import dev.movielake.app.cli.LakehouseCommand;
import dev.movielake.cli.JsonOption;
import dev.movielake.config.IngestConfig;
import dev.movielake.config.QualityConfig;
import dev.movielake.lakehouse.IcebergStorageManager;
import dev.movielake.model.Layer;
import dev.movielake.ops.wiring.KafkaCluster;
import dev.movielake.stream.StreamingPipeline;
import dev.movielake.stream.gold.GoldRefresh;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.apache.spark.sql.streaming.StreamingQueryException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code pipeline batch}: bronze -> silver -> gold once. The same queries and checkpoints as {@code
 * stream}, run with the available-now trigger, so batch and streaming runs can alternate without
 * reprocessing or missing anything.
 */
@Command(
    name = "batch",
    description = {
      "Run Kafka -> bronze -> silver -> gold once over what is available now.",
      "Then refreshes the gold aggregates. Shares checkpoints with 'stream', so the two can"
          + " alternate."
    })
public final class BatchCommand extends LakehouseCommand {
  @Option(
      names = "--types",
      split = ",",
      defaultValue = "movies,people,credits,reviews,ratings",
      description = "Record types to process (default: all).")
  List<String> types;

  @Mixin JsonOption json;

  @Override
  protected int run() {
    IngestConfig ingest = context().ingestConfig();
    // Read before Spark starts, so a bad threshold fails at once.
    QualityConfig quality = context().qualityConfig();
    CountDownLatch stop = new CountDownLatch(1);
    try (GracefulStop graceful = StreamStop.onSignal(stop, err(), true);
        KafkaCluster kafka = KafkaCluster.open(ingest)) {
      IcebergStorageManager storage = storage();
      GoldRefresh.Result gold =
          StreamingPipeline.configured(storage, ingest, quality, kafka.bootstrapServers())
              .runAvailableNow(EnumSet.allOf(Layer.class), StreamArguments.types(types), stop);
      err()
          .println(
              stop.getCount() == 0
                  ? "stopped before the gold refresh; the next run refreshes gold"
                  : "gold aggregates rewritten: "
                      + gold.writtenTables()
                      + " of "
                      + gold.tables().size());
      err().flush();
      LayerSummary.of(storage).print(out(), json.enabled());
      return 0;
    } catch (StreamingQueryException e) {
      throw new IllegalStateException(
          "a query of the batch run failed: "
              + e.getMessage()
              + "; fix the cause and run again: it resumes from its checkpoint",
          e);
    }
  }
}
