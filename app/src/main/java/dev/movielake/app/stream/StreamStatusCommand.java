package dev.movielake.app.stream;

import dev.movielake.app.cli.LakehouseCommand;
import dev.movielake.cli.Json;
import dev.movielake.cli.JsonOption;
import dev.movielake.cli.TextTable;
import dev.movielake.stream.StreamStatus;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code pipeline stream status}: the queries of the streaming process, as it last reported them.
 */
@Command(
    name = "status",
    description =
        "Show each streaming query: state, last batch, rows per second, Kafka lag and errors.")
public final class StreamStatusCommand extends LakehouseCommand {
  @Mixin JsonOption json;

  @Override
  protected int run() {
    StreamStatus.Snapshot snapshot = StreamStatus.read(context().ingestConfig().streamStatus());
    if (json.enabled()) {
      Json.print(out(), snapshot);
      return 0;
    }
    if (snapshot.queries().isEmpty()) {
      println(
          "no streaming query has run yet under "
              + context().ingestConfig().streamStatus()
              + "; start one with: pipeline stream");
      return 0;
    }
    TextTable table =
        new TextTable(
            "query",
            "state",
            "batch",
            "last batch at",
            "rows",
            "in rows/s",
            "done rows/s",
            "batch ms",
            "max kafka lag per partition",
            "total rows",
            "error");
    for (StreamStatus.QueryStatus query : snapshot.queries()) {
      table.row(
          query.name(),
          query.state(),
          query.batchId(),
          query.lastBatchAt() == null ? "" : query.lastBatchAt(),
          query.batchInputRows(),
          String.format(Locale.ROOT, "%.1f", query.inputRowsPerSecond()),
          String.format(Locale.ROOT, "%.1f", query.processedRowsPerSecond()),
          query.batchDurationMs(),
          query.offsetsBehind() == null ? "" : query.offsetsBehind(),
          query.totalInputRows(),
          query.error() == null ? "" : query.error());
    }
    table.print(out());
    println("status written at " + snapshot.writtenAt());
    return 0;
  }
}
