package dev.movielake.app.cli;

import static org.apache.spark.sql.functions.col;

import dev.movielake.cli.Json;
import dev.movielake.cli.JsonOption;
import dev.movielake.cli.TableArgument;
import dev.movielake.cli.TextTable;
import dev.movielake.lakehouse.change.TableChanges;
import dev.movielake.model.Layer;
import dev.movielake.model.PipelineTable;
import dev.movielake.stream.audit.Audit;
import dev.movielake.stream.audit.AuditState;
import dev.movielake.stream.audit.HeldBatches;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/**
 * {@code pipeline audits list|show|release|discard}: the write-audit-publish gate's verdicts, and
 * the operator's decision on a held batch.
 */
@Command(
    name = "audits",
    description =
        "Audited batches of silver and gold: list them, show a held batch's expectations and rows,"
            + " release it to main anyway, or discard it.",
    subcommands = {
      AuditsCommand.ListAudits.class,
      AuditsCommand.Show.class,
      AuditsCommand.Release.class,
      AuditsCommand.Discard.class
    })
public final class AuditsCommand {
  private AuditsCommand() {}

  private static HeldBatches heldBatches(LakehouseCommand command) {
    return new HeldBatches(command.storage(), Clock.systemUTC());
  }

  private static String failures(Audit audit) {
    return audit.failures().isEmpty() ? "" : String.join("; ", audit.failures());
  }

  @Command(
      name = "list",
      description =
          "Each audited batch's latest state, newest first: passed, held, released, discarded.")
  static final class ListAudits extends LakehouseCommand {
    @Mixin JsonOption json;

    @Option(
        names = "--state",
        paramLabel = "STATE",
        description = "Only batches in this state: passed, held, released or discarded.")
    String state;

    @Option(
        names = "--limit",
        paramLabel = "N",
        defaultValue = "20",
        description = "At most N batches (default: ${DEFAULT-VALUE}).")
    int limit;

    @Override
    protected int run() {
      if (limit < 1) {
        throw new ParameterException(
            spec.commandLine(), "--limit must be at least 1, got " + limit);
      }
      Optional<AuditState> only;
      try {
        only = Optional.ofNullable(state).map(AuditState::of);
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), "--state: " + e.getMessage());
      }
      List<Audit> audits = heldBatches(this).list(only, limit);
      if (json.enabled()) {
        Json.print(out(), audits);
        return 0;
      }
      TextTable table =
          new TextTable(
                  "audited at", "table", "batch", "state", "rows", "failed expectations", "note")
              .missing("no audited batch yet");
      for (Audit audit : audits) {
        table.row(
            audit.auditedAt(),
            audit.qualifiedTable(),
            audit.batch(),
            audit.state().id(),
            audit.rows(),
            failures(audit),
            audit.note());
      }
      table.print(out());
      return 0;
    }
  }

  /** The arguments naming one audited batch. */
  abstract static class OneBatch extends LakehouseCommand {
    @Mixin TableArgument name;

    @Parameters(
        index = "2",
        paramLabel = "BATCH",
        description = "The batch as 'audits list' shows it, e.g. 1f0c9e2a-.../42.")
    String batch;

    @Mixin JsonOption json;

    Audit audit() {
      return heldBatches(this).find(name.layer(), name.table(), batch);
    }
  }

  @Command(
      name = "show",
      description =
          "One batch's audit: its state, each expectation's result, and for a held batch the rows"
              + " it would change on main, read from its branch.")
  static final class Show extends OneBatch {
    @Option(
        names = "--limit",
        paramLabel = "N",
        defaultValue = "20",
        description = "Print at most N held rows (default: ${DEFAULT-VALUE}).")
    int limit;

    /** What JSON prints. */
    record Report(
        Audit audit,
        List<Map<String, Object>> expectations,
        long heldRows,
        List<Map<String, Object>> rows) {}

    @Override
    protected int run() {
      Audit audit = audit();
      List<Map<String, Object>> expectations = expectations(audit);
      long heldRows = 0;
      List<Map<String, Object>> rows = List.of();
      if (audit.state() == AuditState.HELD) {
        TableChanges changes = heldBatches(this).changes(audit);
        Dataset<Row> after = changes.afterImages().cache();
        try {
          heldRows = after.count();
          rows = SparkRows.collect(after, limit);
        } finally {
          after.unpersist();
        }
      }
      Report report = new Report(audit, expectations, heldRows, rows);
      if (json.enabled()) {
        Json.print(out(), report);
        return 0;
      }
      println(
          audit.qualifiedTable()
              + " batch "
              + audit.batch()
              + ": "
              + audit.state().id()
              + " at "
              + audit.auditedAt()
              + ", "
              + audit.rows()
              + " rows on branch "
              + audit.branch()
              + (audit.note().isEmpty() ? "" : " (" + audit.note() + ")"));
      TextTable table = new TextTable("expectation", "dimension", "blocking", "checked", "passed");
      for (Map<String, Object> expectation : expectations) {
        table.row(
            expectation.get("rule"),
            expectation.get("dimension"),
            expectation.get("blocking"),
            expectation.get("checked"),
            expectation.get("passed"));
      }
      table.print(out());
      if (!audit.failures().isEmpty()) {
        println("failed: " + failures(audit));
      }
      if (audit.state() == AuditState.HELD) {
        println(heldRows + " rows held; the first " + Math.min(limit, heldRows) + ":");
        TextTable held =
            new TextTable(
                rows.isEmpty()
                    ? new String[] {"row"}
                    : rows.get(0).keySet().toArray(String[]::new));
        for (Map<String, Object> row : rows) {
          held.row(row.values().toArray());
        }
        held.print(out());
        println(
            "release it with './pipeline audits release "
                + audit.commandArguments()
                + "' or discard it with './pipeline audits discard "
                + audit.commandArguments()
                + "'");
      }
      return 0;
    }

    /** The batch's lines of {@code silver.data_quality}: every expectation's result. */
    private List<Map<String, Object>> expectations(Audit audit) {
      if (!storage().tableExists(Layer.SILVER, PipelineTable.DATA_QUALITY.tableName())) {
        return List.of();
      }
      Dataset<Row> logged =
          storage()
              .readFromLayer(Layer.SILVER, PipelineTable.DATA_QUALITY.tableName())
              .where(
                  col("layer")
                      .equalTo(audit.layer().id())
                      .and(col("table_name").equalTo(audit.table()))
                      .and(col("batch").equalTo(audit.batch())))
              .select("rule", "dimension", "blocking", "checked", "passed", "pass_rate")
              .orderBy("rule");
      return SparkRows.collect(logged, Integer.MAX_VALUE);
    }
  }

  /** What release and discard print. */
  abstract static class Decision extends OneBatch {
    @Option(
        names = "--note",
        paramLabel = "TEXT",
        defaultValue = "",
        description = "Why: kept in the audit log with the decision.")
    String note;

    abstract Audit decide(HeldBatches heldBatches, Audit held);

    @Override
    protected int run() {
      Audit decided = decide(heldBatches(this), audit());
      if (json.enabled()) {
        Json.print(out(), decided);
        return 0;
      }
      println(
          decided.qualifiedTable()
              + " batch "
              + decided.batch()
              + " "
              + decided.state().id()
              + (decided.state() == AuditState.RELEASED
                  ? ": main has its " + decided.rows() + " rows"
                  : ": its branch is dropped, main never had its rows")
              + "; a stream waiting on it goes on");
      return 0;
    }
  }

  @Command(
      name = "release",
      description =
          "Publish a held batch to main as it is (fast-forwarded, or written again on top of main"
              + " when main moved); a stream waiting on it goes on.")
  static final class Release extends Decision {
    @Override
    Audit decide(HeldBatches heldBatches, Audit held) {
      return heldBatches.release(held, note);
    }
  }

  @Command(
      name = "discard",
      description =
          "Drop a held batch: its branch is removed and main never sees its rows; a stream waiting"
              + " on it moves past it.")
  static final class Discard extends Decision {
    @Override
    Audit decide(HeldBatches heldBatches, Audit held) {
      return heldBatches.discard(held, note);
    }
  }
}
