package dev.movielake.stream.maintenance;

import dev.movielake.lakehouse.IcebergStorageManager;
import dev.movielake.lakehouse.maintenance.service.MaintenanceLog;
import dev.movielake.lakehouse.maintenance.service.MaintenanceService;
import dev.movielake.model.Layer;
import dev.movielake.model.PipelineTable;
import java.time.Clock;
import java.util.Optional;

/** The maintenance service and its log, on the pipeline's tables. */
public final class PipelineMaintenance {
  private PipelineMaintenance() {}

  /** {@code silver.maintenance_log}, where every action of the service is logged. */
  public static MaintenanceLog log(IcebergStorageManager storage) {
    PipelineTable table = PipelineTable.MAINTENANCE_LOG;
    return new MaintenanceLog(
        storage.catalog(), storage.table(table.layer(), table.tableName()), table.partitioning());
  }

  /**
   * The service on the tables of one layer, or of all; not started.
   *
   * @param listener told of each table read and each action (metrics)
   */
  public static MaintenanceService service(
      IcebergStorageManager storage, Optional<Layer> layer, MaintenanceService.Listener listener) {
    PipelineTable marks = PipelineTable.ORPHAN_FILES;
    return new MaintenanceService(
        storage.catalog(),
        log(storage),
        Optional.of(storage.table(marks.layer(), marks.tableName())),
        Clock.systemUTC(),
        layer,
        listener);
  }
}
