package dev.movielake.api.metrics;

import dev.movielake.api.lakehouse.LakehouseView;
import dev.movielake.lakehouse.table.TableStatistics;
import dev.movielake.model.Layer;
import dev.movielake.model.PipelineTable;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pipeline's state as Prometheus gauges, read from Iceberg metadata on a schedule rather than
 * on every scrape (reading manifests of every table per scrape would make the scrape the load):
 * rows and files per table, each table's health score (0-100, {@code TableHealth}), rows per layer,
 * the age of each table's last commit, dead letters and quarantined rows.
 */
public final class PipelineMetrics implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(PipelineMetrics.class);

  private final LakehouseView lakehouse;
  private final Clock clock;
  private final MultiGauge tableRecords;
  private final MultiGauge tableFiles;
  private final MultiGauge tableSmallFiles;
  private final MultiGauge tableHealth;
  private final MultiGauge commitAge;
  private final MultiGauge layerRecords;
  private final AtomicReference<Double> deadLetters = new AtomicReference<>(0.0);
  private final AtomicReference<Double> quarantined = new AtomicReference<>(0.0);
  private final ScheduledExecutorService scheduler;

  private PipelineMetrics(LakehouseView lakehouse, MeterRegistry registry, Clock clock) {
    this.lakehouse = lakehouse;
    this.clock = clock;
    this.tableRecords =
        MultiGauge.builder("lakehouse_table_records")
            .description("Live rows of each Iceberg table")
            .register(registry);
    this.tableFiles =
        MultiGauge.builder("lakehouse_table_data_files")
            .description("Data files of each table's current snapshot")
            .register(registry);
    this.tableSmallFiles =
        MultiGauge.builder("lakehouse_table_small_files")
            .description("Data files under the small-file threshold (compaction candidates)")
            .register(registry);
    this.tableHealth =
        MultiGauge.builder("lakehouse_table_health")
            .description(
                "Health score of each table, 0-100, from metadata: small files, deletes,"
                    + " snapshots, manifests, metadata size")
            .register(registry);
    this.commitAge =
        MultiGauge.builder("lakehouse_table_last_commit_age_seconds")
            .description("Seconds since each table's last commit")
            .baseUnit("seconds")
            .register(registry);
    this.layerRecords =
        MultiGauge.builder("lakehouse_layer_records")
            .description("Live rows per layer: bronze, silver, gold")
            .register(registry);
    registry.gauge("lakehouse_dead_letters", Tags.empty(), deadLetters, AtomicReference::get);
    registry.gauge(
        "lakehouse_quarantined_records", Tags.empty(), quarantined, AtomicReference::get);
    this.scheduler =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "pipeline-metrics");
              thread.setDaemon(true);
              return thread;
            });
  }

  /** Registers the gauges and refreshes them now and then every {@code interval}. */
  public static PipelineMetrics start(
      LakehouseView lakehouse, MeterRegistry registry, Duration interval) {
    PipelineMetrics metrics = new PipelineMetrics(lakehouse, registry, Clock.systemUTC());
    metrics.refresh();
    metrics.scheduler.scheduleWithFixedDelay(
        metrics::refresh, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    return metrics;
  }

  /**
   * Reads the tables' metadata and updates every gauge; a failing catalog leaves the last values.
   */
  public void refresh() {
    List<TableStatistics> tables;
    try {
      tables = lakehouse.tables();
    } catch (RuntimeException e) {
      log.warn("Cannot refresh the pipeline metrics: {}", e.getMessage());
      return;
    }
    List<MultiGauge.Row<?>> records = new ArrayList<>();
    List<MultiGauge.Row<?>> files = new ArrayList<>();
    List<MultiGauge.Row<?>> small = new ArrayList<>();
    List<MultiGauge.Row<?>> health = new ArrayList<>();
    List<MultiGauge.Row<?>> ages = new ArrayList<>();
    Map<String, Long> perLayer = new TreeMap<>();
    double letters = 0;
    double quarantine = 0;
    for (TableStatistics table : tables) {
      String layer = table.layer().name().toLowerCase(Locale.ROOT);
      Tags tags = Tags.of("layer", layer, "table", table.table());
      records.add(MultiGauge.Row.of(tags, table.records().recordCount()));
      files.add(MultiGauge.Row.of(tags, table.files().fileCount()));
      small.add(MultiGauge.Row.of(tags, table.files().smallFileCount()));
      health.add(MultiGauge.Row.of(tags, table.health().healthScore()));
      table
          .current()
          .lastCommitTime()
          .ifPresent(
              time ->
                  ages.add(
                      MultiGauge.Row.of(
                          tags, Duration.between(time, clock.instant()).toMillis() / 1000.0)));
      perLayer.merge(layer, table.records().recordCount(), Long::sum);
      if (table.layer() == Layer.BRONZE
          && table.table().endsWith("." + PipelineTable.DEAD_LETTER.tableName())) {
        letters += table.records().recordCount();
      } else if (table.layer() == Layer.SILVER
          && table.table().endsWith("." + PipelineTable.QUARANTINE.tableName())) {
        quarantine += table.records().recordCount();
      }
    }
    tableRecords.register(records, true);
    tableFiles.register(files, true);
    tableSmallFiles.register(small, true);
    tableHealth.register(health, true);
    commitAge.register(ages, true);
    layerRecords.register(
        perLayer.entrySet().stream()
            .<MultiGauge.Row<?>>map(
                entry -> MultiGauge.Row.of(Tags.of("layer", entry.getKey()), entry.getValue()))
            .toList(),
        true);
    deadLetters.set(letters);
    quarantined.set(quarantine);
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
  }
}
