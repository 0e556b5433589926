package dev.movielake.app.cli;

import dev.movielake.cli.Json;
import dev.movielake.cli.JsonOption;
import dev.movielake.cli.TextTable;
import dev.movielake.config.AutoMaintenanceConfig;
import dev.movielake.lakehouse.maintenance.service.MaintenanceEntry;
import dev.movielake.lakehouse.maintenance.service.MaintenanceService;
import dev.movielake.stream.maintenance.PipelineMaintenance;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code pipeline maintain auto}: the maintenance service on its own, for tables whose writers run
 * elsewhere (the streaming process runs its own unless {@code MAINTENANCE_AUTO=false}).
 */
@Command(
    name = "auto",
    description = {
      "Keep tables healthy from their own commits: every MAINTENANCE_CHECK_SECONDS each table's"
          + " metadata is read, and its layer's triggers (ICEBERG_[<LAYER>_]COMPACTION_*,"
          + " ICEBERG_MAX_MANIFESTS, the retention) choose at most one action: compaction (cold"
          + " partitions first), snapshot expiry or a manifest rewrite, at most one per table"
          + " every MAINTENANCE_MIN_INTERVAL_SECONDS.",
      "Each action is logged to silver.maintenance_log with its trigger, the predicted and the"
          + " realised effect ('maintain report' shows the last ones). Runs until Ctrl-C;"
          + " --once checks every table once and exits.",
      "'pipeline stream' runs the same service beside its queries (MAINTENANCE_AUTO=true), where"
          + " compaction takes turns with the stream's commits; run this command only for tables"
          + " no streaming process maintains, or with MAINTENANCE_AUTO=false there."
    })
public final class MaintainAutoCommand extends LakehouseCommand {
  @Mixin MaintainCommand.LayerOption layer;
  @Mixin JsonOption json;

  @Option(names = "--once", description = "Check every table once, run what is due, and exit.")
  boolean once;

  @Override
  protected int run() {
    AutoMaintenanceConfig settings = context().config().maintenance().auto();
    if (once) {
      List<MaintenanceEntry> actions =
          PipelineMaintenance.service(storage(), layer.layer(), MaintenanceService.Listener.NONE)
              .check();
      if (json.enabled()) {
        println(Json.text(actions));
      } else {
        print(actions);
      }
      return 0;
    }
    CountDownLatch stop = new CountDownLatch(1);
    try (GracefulStop graceful =
            new GracefulStop(
                () -> {
                  err().println("stopping: the action in flight finishes first");
                  err().flush();
                  stop.countDown();
                });
        MaintenanceService service =
            PipelineMaintenance.service(storage(), layer.layer(), announcer()).start()) {
      err()
          .println(
              "maintaining "
                  + layer.layer().map(chosen -> chosen.id() + " tables").orElse("every table")
                  + ": checking every "
                  + settings.checkInterval().toSeconds()
                  + " s, at most one action per table every "
                  + settings.minInterval().toSeconds()
                  + " s; Ctrl-C stops");
      err().flush();
      stop.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 0;
  }

  private MaintenanceService.Listener announcer() {
    return new MaintenanceService.Listener() {
      @Override
      public void acted(MaintenanceEntry entry) {
        announce(entry);
      }
    };
  }

  private void announce(MaintenanceEntry entry) {
    if (json.enabled()) {
      println(Json.text(entry));
    } else {
      println(line(entry));
    }
    out().flush();
  }

  private void print(List<MaintenanceEntry> actions) {
    if (!actions.isEmpty()) {
      MaintainCommand.printActions(out(), actions);
    }
    println(actions.size() + " action(s)" + (actions.isEmpty() ? ": nothing is due" : ""));
  }

  private static String line(MaintenanceEntry entry) {
    return entry.startedAt()
        + " "
        + action(entry)
        + " "
        + entry.table()
        + " ("
        + entry.trigger().id()
        + ": "
        + entry.reason()
        + ") "
        + entry.outcome().id()
        + ": data files "
        + entry.before().dataFiles()
        + " -> "
        + entry.after().dataFiles()
        + " (predicted "
        + entry.predicted().dataFiles()
        + "), snapshots "
        + entry.before().snapshots()
        + " -> "
        + entry.after().snapshots()
        + ", "
        + TextTable.text(entry.duration())
        + (entry.detail().isEmpty() ? "" : "; " + entry.detail());
  }

  private static String action(MaintenanceEntry entry) {
    return entry.action().name().toLowerCase(Locale.ROOT).replace('_', ' ');
  }
}
