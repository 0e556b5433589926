package dev.movielake.app.stream;

import dev.movielake.cli.Json;
import dev.movielake.cli.TextTable;
import dev.movielake.lakehouse.IcebergStorageManager;
import dev.movielake.lakehouse.TableName;
import dev.movielake.lakehouse.table.TableStatistics;
import dev.movielake.stream.silver.quality.QualityLog;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the lakehouse holds after a streaming or batch run: every table of every layer with its
 * rows, files and snapshots, the latest quality score of the tables that have one, and how many of
 * this run's writes into it were planned again because another process committed first.
 */
record LayerSummary(List<TableLine> tables) {
  record TableLine(
      String layer,
      String table,
      long rows,
      long dataFiles,
      int snapshots,
      Double qualityScore,
      long commitRetries) {}

  static LayerSummary of(IcebergStorageManager storage) {
    Map<String, Double> scores = new QualityLog(storage).latestScores();
    Map<TableName, Long> retries = storage.commitRetries();
    List<TableLine> lines = new ArrayList<>();
    for (TableStatistics statistics : storage.getAllTableStatistics()) {
      String layer = statistics.layer().name().toLowerCase(Locale.ROOT);
      String table = statistics.table().substring(statistics.table().lastIndexOf('.') + 1);
      lines.add(
          new TableLine(
              layer,
              table,
              statistics.records().recordCount(),
              statistics.files().fileCount(),
              statistics.snapshots().snapshotCount(),
              scores.get(layer + "." + table),
              retries.getOrDefault(storage.table(statistics.layer(), table), 0L)));
    }
    return new LayerSummary(lines);
  }

  void print(PrintWriter out, boolean json) {
    if (json) {
      Json.print(out, this);
      return;
    }
    TextTable table =
        new TextTable(
            "layer", "table", "rows", "data files", "snapshots", "quality", "commit retries");
    for (TableLine line : tables) {
      table.row(
          line.layer(),
          line.table(),
          line.rows(),
          line.dataFiles(),
          line.snapshots(),
          line.qualityScore() == null
              ? ""
              : String.format(Locale.ROOT, "%.3f", line.qualityScore()),
          line.commitRetries());
    }
    table.print(out);
    out.flush();
  }
}
