package dev.movielake.app.stream;

import dev.movielake.app.cli.LakehouseCommand;
import dev.movielake.cli.Json;
import dev.movielake.cli.JsonOption;
import dev.movielake.cli.TextTable;
import dev.movielake.stream.gold.GoldRefresh;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code pipeline gold refresh|rebuild}: the gold aggregates brought up to silver, from silver's
 * changes or recomputed in full.
 */
@Command(
    name = "gold",
    description = "Refresh the gold aggregates from silver's changes, or rebuild them in full.",
    subcommands = {GoldCommand.Refresh.class, GoldCommand.Rebuild.class})
public final class GoldCommand {
  private GoldCommand() {}

  /** What both subcommands print: one line per gold table. */
  abstract static class GoldRun extends LakehouseCommand {
    @Mixin JsonOption json;

    abstract GoldRefresh.Result refresh(GoldRefresh gold);

    /** What JSON prints: the tables and how long the whole run took. */
    record Report(List<GoldRefresh.TableResult> tables, Duration duration) {}

    @Override
    protected int run() {
      Instant started = Instant.now();
      GoldRefresh.Result result = refresh(new GoldRefresh(storage(), Clock.systemUTC()));
      Report report = new Report(result.tables(), Duration.between(started, Instant.now()));
      if (json.enabled()) {
        Json.print(out(), report);
        return 0;
      }
      if (result.tables().isEmpty()) {
        println("silver has no movies yet: nothing to aggregate");
        return 0;
      }
      TextTable table = new TextTable("table", "outcome", "rows", "computed from");
      for (GoldRefresh.TableResult gold : result.tables()) {
        table.row(
            "gold." + gold.table(),
            !gold.written() ? "up to date" : gold.incremental() ? "changes only" : "in full",
            gold.written() ? gold.rows() : null,
            gold.source());
      }
      table.print(out());
      println(
          result.writtenTables()
              + " of "
              + result.tables().size()
              + " tables written in "
              + TextTable.text(report.duration()));
      return 0;
    }
  }

  @Command(
      name = "refresh",
      description =
          "Bring gold up to silver's current snapshots: only the groups silver's changes touch are"
              + " recomputed; a table whose sources did not change is left alone.")
  static final class Refresh extends GoldRun {
    @Override
    GoldRefresh.Result refresh(GoldRefresh gold) {
      return gold.refresh();
    }
  }

  @Command(
      name = "rebuild",
      description =
          "Recompute every gold table from all of silver and replace it: the reference a refresh"
              + " is held to.")
  static final class Rebuild extends GoldRun {
    @Override
    GoldRefresh.Result refresh(GoldRefresh gold) {
      return gold.rebuild();
    }
  }
}
