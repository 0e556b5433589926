package dev.movielake.stream.maintenance;

import dev.movielake.lakehouse.LakehouseCatalog;
import dev.movielake.lakehouse.TableName;
import dev.movielake.lakehouse.maintenance.service.MaintenanceEntry;
import dev.movielake.lakehouse.maintenance.service.MaintenanceService;
import dev.movielake.lakehouse.maintenance.service.TableCondition;
import dev.movielake.lakehouse.table.TableStatisticsReader;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.iceberg.Table;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The maintenance service on Prometheus, beside the stream's metrics: each action counted by table,
 * action, trigger and outcome with its duration, and each table's health score as the service last
 * read it (the same score as {@code maintain report} and the API, from metadata). Labels name
 * tables {@code database.table}, as the stream's and the API's metrics do.
 */
public final class MaintenanceMetrics implements MaintenanceService.Listener {
  private static final Logger LOG = LoggerFactory.getLogger(MaintenanceMetrics.class);

  private final MeterRegistry registry;
  private final TableStatisticsReader statistics;
  // Held here: Micrometer keeps a gauge's state object weakly.
  private final Map<TableName, AtomicInteger> health = new ConcurrentHashMap<>();

  public MaintenanceMetrics(MeterRegistry registry, LakehouseCatalog catalog) {
    this.registry = registry;
    this.statistics = new TableStatisticsReader(catalog);
  }

  @Override
  public void checked(TableCondition condition, Table loaded) {
    TableName table = condition.table();
    int score;
    try {
      // The files the service just read for its triggers: no second pass over the manifests.
      score = statistics.read(table, loaded, condition.files()).health().healthScore();
    } catch (RuntimeException e) {
      LOG.debug("cannot score the health of {}: {}", table, e.getMessage());
      return;
    }
    health
        .computeIfAbsent(
            table,
            name -> {
              AtomicInteger value = new AtomicInteger(score);
              Gauge.builder("lakehouse_table_health", value, AtomicInteger::get)
                  .description("Health score of each table, 0-100, from its metadata")
                  .tags("layer", name.layer().id(), "table", name.toString())
                  .register(registry);
              return value;
            })
        .set(score);
  }

  @Override
  public void acted(MaintenanceEntry entry) {
    String action = entry.action().name().toLowerCase(Locale.ROOT);
    Counter.builder("lakehouse_maintenance_actions")
        .description(
            "Actions of the maintenance service, by what triggered them and how they ended")
        .tags(
            "layer",
            entry.layer().id(),
            "table",
            entry.table(),
            "action",
            action,
            "trigger",
            entry.trigger().id(),
            "outcome",
            entry.outcome().id())
        .register(registry)
        .increment();
    Timer.builder("lakehouse_maintenance_action_seconds")
        .description("How long the maintenance service's actions took")
        .tags("action", action)
        .register(registry)
        .record(entry.duration());
  }
}
