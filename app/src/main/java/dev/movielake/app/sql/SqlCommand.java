package dev.movielake.app.sql;

import dev.movielake.app.cli.LakehouseCommand;
import dev.movielake.cli.JsonOption;
import dev.movielake.lakehouse.sql.SqlEngine;
import dev.movielake.lakehouse.sql.SqlScript;
import dev.movielake.lakehouse.sql.StatementResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/**
 * {@code pipeline sql}: Spark SQL on the lakehouse's catalog, from an argument, a file, standard
 * input or an interactive shell.
 */
@Command(
    name = "sql",
    description = {
      "Run Spark SQL on the lakehouse's catalog: queries, time travel (VERSION AS OF, TIMESTAMP AS"
          + " OF), metadata tables (t.history, t.snapshots, t.files, t.partitions), CALL"
          + " procedures.",
      "Names resolve in the configured catalog: silver.movies_clean is"
          + " movie_catalog.silver.movies_clean.",
      "Without STATEMENT or --file it reads standard input, or opens a shell on a terminal."
    },
    footer = {
      "",
      "Examples:",
      "  pipeline sql \"SELECT count(*) FROM silver.movies_clean\" --json",
      "  pipeline sql \"SELECT * FROM silver.movies_clean.snapshots\" --max-rows 5",
      "  pipeline sql -f report.sql --csv > report.csv",
      "  pipeline sql --read-only        (a shell: ; ends a statement, Ctrl-C cancels it, Ctrl-D"
          + " exits)"
    })
public final class SqlCommand extends LakehouseCommand {
  static final int DEFAULT_TABLE_ROWS = 100;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "STATEMENT",
      description = "One or more statements, separated by ;.")
  String statement;

  @Option(
      names = {"-f", "--file"},
      paramLabel = "FILE",
      description = "Run the statements of this file.")
  Path file;

  @Mixin JsonOption json;

  @Option(names = "--csv", description = "Print rows as CSV (RFC 4180) with a header line.")
  boolean csv;

  @Option(
      names = "--max-rows",
      paramLabel = "N",
      description =
          "Print at most N rows of each result (default: "
              + DEFAULT_TABLE_ROWS
              + " in a table; every row with --json or --csv).")
  Integer maxRows;

  @Option(
      names = "--max-width",
      paramLabel = "N",
      defaultValue = "60",
      description = "Cut table cells wider than N characters (default: ${DEFAULT-VALUE}).")
  int maxWidth;

  @Option(
      names = "--read-only",
      description =
          "Refuse statements that write (INSERT, MERGE, UPDATE, DELETE, DDL, CALL, CACHE, SET"
              + " key=value) before they run; queries, SHOW, DESCRIBE, EXPLAIN and USE run.")
  boolean readOnly;

  @Override
  protected int run() {
    ResultFormat format = format();
    if (statement != null && file != null) {
      throw new ParameterException(spec.commandLine(), "give either STATEMENT or --file, not both");
    }
    if (maxRows != null && maxRows < 1) {
      throw new ParameterException(spec.commandLine(), "--max-rows must be at least 1");
    }
    if (maxWidth < 4) {
      throw new ParameterException(spec.commandLine(), "--max-width must be at least 4");
    }
    int rowLimit =
        maxRows != null
            ? maxRows
            : format == ResultFormat.TABLE ? DEFAULT_TABLE_ROWS : Integer.MAX_VALUE;
    String script = script();
    if (script == null) {
      return shell(format, rowLimit);
    }
    List<String> statements = SqlScript.statements(script);
    if (statements.isEmpty()) {
      throw new ParameterException(
          spec.commandLine(), "no SQL statement in " + (file == null ? "the input" : file));
    }
    SqlEngine engine = engine();
    // Every statement is parsed (and, read-only, judged) before the first runs: a typo or a refused
    // write in the last statement leaves the earlier ones undone.
    statements.forEach(engine::check);
    ResultPrinter printer = new ResultPrinter(format, maxWidth, false);
    for (String each : statements) {
      StatementResult result = engine.run(each, rowLimit);
      printer.print(result, out());
      if (format != ResultFormat.TABLE && result.rowsNotCollected() > 0) {
        err()
            .println(
                "warning: "
                    + result.rowsNotCollected()
                    + " more rows beyond --max-rows "
                    + rowLimit
                    + " not printed");
        err().flush();
      }
    }
    return 0;
  }

  private ResultFormat format() {
    if (json.enabled() && csv) {
      throw new ParameterException(spec.commandLine(), "give either --json or --csv, not both");
    }
    return json.enabled() ? ResultFormat.JSON : csv ? ResultFormat.CSV : ResultFormat.TABLE;
  }

  /** The statements to run; null when a shell should open (no input but a terminal). */
  private String script() {
    if (statement != null) {
      return statement;
    }
    if (file != null) {
      try {
        return Files.readString(file, StandardCharsets.UTF_8);
      } catch (NoSuchFileException e) {
        throw new IllegalArgumentException("no SQL file " + file + ": check the path of --file");
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the SQL file " + file, e);
      }
    }
    // A console means standard input and output are a terminal: someone to talk to.
    if (System.console() != null) {
      return null;
    }
    return readAll(System.in);
  }

  private static String readAll(InputStream input) {
    try {
      return new String(input.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read SQL from standard input", e);
    }
  }

  private SqlEngine engine() {
    return new SqlEngine(context().spark(), context().config().catalog().name(), readOnly);
  }

  private int shell(ResultFormat format, int rowLimit) {
    // Spark starts before the terminal opens: its start-up logs must not land inside the prompt.
    SqlEngine engine = engine();
    try (Terminal terminal = TerminalBuilder.builder().name("pipeline sql").system(true).build()) {
      new SqlShell(
              terminal,
              engine,
              new ResultPrinter(format, maxWidth, true),
              rowLimit,
              context().config().home().resolve(SqlShell.HISTORY_FILE),
              context().secrets())
          .run();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the terminal for the SQL shell", e);
    }
    return 0;
  }
}
