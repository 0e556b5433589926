package dev.movielake.app.stream;

import dev.movielake.app.cli.GracefulStop;
import dev.movielake.app.cli.LakehouseCommand;
import dev.movielake.cli.JsonOption;
import dev.movielake.config.IngestConfig;
import dev.movielake.config.QualityConfig;
import dev.movielake.lakehouse.IcebergStorageManager;
import dev.movielake.lakehouse.maintenance.service.MaintenanceService;
import dev.movielake.model.Layer;
import dev.movielake.model.RecordType;
import dev.movielake.ops.wiring.KafkaCluster;
import dev.movielake.ops.wiring.ServingDatabase;
import dev.movielake.publish.PeriodicPublisher;
import dev.movielake.publish.Publisher;
import dev.movielake.stream.StreamStatus;
import dev.movielake.stream.StreamingPipeline;
import dev.movielake.stream.maintenance.MaintenanceMetrics;
import dev.movielake.stream.maintenance.PipelineMaintenance;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.apache.spark.sql.streaming.StreamingQueryException;
import org.apache.spark.sql.streaming.Trigger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code pipeline stream}: Kafka -> bronze -> silver -> gold with Structured Streaming. */
@Command(
    name = "stream",
    subcommands = StreamStatusCommand.class,
    description = {
      "Stream Kafka into bronze, bronze into silver and silver into gold, exactly once.",
      "One query and checkpoint per record type and layer under STREAM_CHECKPOINT_DIR",
      "($LAKEHOUSE_HOME/checkpoints by default; a local folder or s3a://bucket/prefix).",
      "Malformed records go to bronze.dead_letter, records failing a blocking quality rule to",
      "silver.quarantine; pass rates go to silver.data_quality.",
      "'stream status' shows the running queries from another terminal; Prometheus metrics",
      "are served at http://<host>:9464/metrics (STREAM_METRICS_PORT: a port, 0 or off)."
    })
public final class StreamCommand extends LakehouseCommand {
  @Option(
      names = "--available-now",
      description = "Process what is there now, layer after layer, then stop.")
  boolean availableNow;

  @Option(
      names = "--trigger",
      defaultValue = "1 minute",
      description =
          "Micro-batch interval when running continuously (default ${DEFAULT-VALUE}, as Iceberg"
              + " recommends).")
  String trigger;

  @Option(
      names = "--layers",
      split = ",",
      defaultValue = "bronze,silver,gold",
      description = "Layers to run (default: ${DEFAULT-VALUE}).")
  List<String> layers;

  @Option(
      names = "--types",
      split = ",",
      defaultValue = "movies,people,credits,reviews,ratings",
      description = "Record types to stream (default: all).")
  List<String> types;

  @Option(
      names = "--gold-refresh",
      defaultValue = "PT5M",
      description =
          "How often the gold aggregates are recomputed from silver when running continuously"
              + " (ISO-8601 duration, default ${DEFAULT-VALUE}); skipped when silver has not"
              + " changed.")
  Duration goldRefresh;

  @Option(
      names = "--publish-interval",
      defaultValue = "PT2M",
      description =
          "How often silver and gold changes are published to the MongoDB serving collections"
              + " (ISO-8601 duration, default ${DEFAULT-VALUE}, as the original's sinks); PT0S"
              + " turns it off. With --available-now, once at the end.")
  Duration publishInterval;

  @Mixin JsonOption json;

  @Override
  protected int run() {
    Set<Layer> chosenLayers = StreamArguments.layers(layers);
    Set<RecordType> chosenTypes = StreamArguments.types(types);
    IngestConfig ingest = context().ingestConfig();
    // Read before Spark starts, so a bad threshold fails at once.
    QualityConfig quality = context().qualityConfig();
    CountDownLatch stop = new CountDownLatch(1);
    // Before Spark starts: a metrics port in use fails at once, not after the session's seconds.
    try (StreamMonitoring monitoring = StreamMonitoring.start(ingest);
        GracefulStop graceful = StreamStop.onSignal(stop, err(), availableNow)) {
      return run(ingest, quality, chosenLayers, chosenTypes, stop, monitoring);
    }
  }

  /**
   * @param monitoring the process's metrics: the queries' are recorded there, and its registry is
   *     where the other parts running in this process register theirs
   */
  private int run(
      IngestConfig ingest,
      QualityConfig quality,
      Set<Layer> chosenLayers,
      Set<RecordType> chosenTypes,
      CountDownLatch stop,
      StreamMonitoring monitoring) {
    IcebergStorageManager storage = storage();
    StreamStatus status = new StreamStatus(ingest.streamStatus());
    storage.spark().streams().addListener(status);
    monitoring.follow(storage);
    monitoring
        .url()
        .ifPresent(
            url -> err().println("metrics at " + url + " (" + IngestConfig.METRICS_PORT + ")"));
    try (KafkaCluster kafka = KafkaCluster.open(ingest)) {
      StreamingPipeline pipeline =
          StreamingPipeline.configured(storage, ingest, quality, kafka.bootstrapServers());
      err()
          .println(
              "streaming "
                  + chosenTypes
                  + " through "
                  + chosenLayers
                  + " from Kafka "
                  + kafka.bootstrapServers()
                  + (availableNow
                      ? " (what is available now)"
                      : " every " + trigger + "; Ctrl-C stops, a restart resumes"));
      err().flush();
      if (availableNow) {
        pipeline.runAvailableNow(chosenLayers, chosenTypes, stop);
        // A stopped run publishes nothing: serving follows the tables at the next run.
        if (!publishInterval.isZero() && stop.getCount() > 0) {
          try (ServingDatabase serving = ServingDatabase.open(context().serveConfig())) {
            Publisher.Result result =
                new Publisher(storage, serving.database(), Clock.systemUTC()).publishAll();
            err()
                .println(
                    "published " + result.documents() + " documents to " + serving.description());
          }
        }
      } else if (publishInterval.isZero() || publishInterval.isNegative()) {
        runUntilStopped(pipeline, chosenLayers, chosenTypes, stop, monitoring);
      } else {
        try (ServingDatabase serving = ServingDatabase.open(context().serveConfig());
            PeriodicPublisher publisher =
                PeriodicPublisher.start(
                    new Publisher(storage, serving.database(), Clock.systemUTC()),
                    serving.description(),
                    publishInterval)) {
          runUntilStopped(pipeline, chosenLayers, chosenTypes, stop, monitoring);
        }
      }
      LayerSummary.of(storage).print(out(), json.enabled());
      return 0;
    } catch (StreamingQueryException e) {
      throw new IllegalStateException(
          "a streaming query failed: "
              + e.getMessage()
              + "; fix the cause and run again: it resumes from its checkpoint",
          e);
    } finally {
      storage.spark().streams().removeListener(status);
    }
  }

  private void runUntilStopped(
      StreamingPipeline pipeline,
      Set<Layer> chosenLayers,
      Set<RecordType> chosenTypes,
      CountDownLatch stop,
      StreamMonitoring monitoring)
      throws StreamingQueryException {
    try (StreamingPipeline.Running running =
            pipeline.start(
                chosenLayers, chosenTypes, Trigger.ProcessingTime(trigger), goldRefresh);
        MaintenanceService maintenance = maintenanceBeside(monitoring)) {
      running.awaitTermination(stop);
    }
  }

  /**
   * The maintenance service beside the queries ({@code MAINTENANCE_AUTO}): its compactions take
   * turns with the streams' commits in this process, so no streaming commit is refused by them.
   *
   * @param monitoring where its actions and the tables' health are exported
   * @return the running service, or null when it is off (nothing to close)
   */
  private MaintenanceService maintenanceBeside(StreamMonitoring monitoring) {
    if (!context().config().maintenance().auto().inStream()) {
      return null;
    }
    err()
        .println(
            "maintenance service on: tables are compacted, expired and rewritten as their commits"
                + " call for (MAINTENANCE_AUTO=false turns it off); actions go to"
                + " silver.maintenance_log");
    err().flush();
    return PipelineMaintenance.service(
            storage(),
            Optional.empty(),
            new MaintenanceMetrics(monitoring.registry(), storage().catalog()))
        .start();
  }
}
