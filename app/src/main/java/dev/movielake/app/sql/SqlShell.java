package dev.movielake.app.sql;

import dev.movielake.cli.SecretMasker;
import dev.movielake.lakehouse.LakehouseException;
import dev.movielake.lakehouse.sql.CatalogNames;
import dev.movielake.lakehouse.sql.SqlEngine;
import dev.movielake.lakehouse.sql.SqlScript;
import dev.movielake.lakehouse.sql.StatementCancelled;
import dev.movielake.lakehouse.sql.StatementResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.Terminal.Signal;
import org.jline.terminal.Terminal.SignalHandler;

/**
 * The interactive SQL shell: statements end with {@code ;} and may span lines; history is kept in a
 * file under LAKEHOUSE_HOME; Tab completes keywords, layers, tables and columns; Ctrl-C cancels the
 * running statement (its Spark jobs) or clears the line being typed, Ctrl-D leaves. Each result is
 * followed by its time.
 */
public final class SqlShell {
  /** The history file's name under LAKEHOUSE_HOME. */
  public static final String HISTORY_FILE = "sql_history";

  static final String PROMPT = "sql> ";
  static final String CONTINUATION_PROMPT = "  -> ";

  private final Terminal terminal;
  private final SqlEngine engine;
  private final ResultPrinter printer;
  private final int rowLimit;
  private final Path history;
  private final SecretMasker secrets;
  private volatile CatalogNames names;

  public SqlShell(
      Terminal terminal,
      SqlEngine engine,
      ResultPrinter printer,
      int rowLimit,
      Path history,
      SecretMasker secrets) {
    this.terminal = terminal;
    this.engine = engine;
    this.printer = printer;
    this.rowLimit = rowLimit;
    this.history = history;
    this.secrets = secrets;
  }

  /** Reads and runs statements until Ctrl-D or {@code exit}. */
  public void run() {
    names = CatalogNames.read(engine.spark());
    LineReader reader =
        LineReaderBuilder.builder()
            .terminal(terminal)
            .appName("pipeline sql")
            .parser(new StatementLineParser())
            .completer(new SqlCompleter(() -> names))
            .variable(LineReader.HISTORY_FILE, history)
            .variable(LineReader.SECONDARY_PROMPT_PATTERN, CONTINUATION_PROMPT)
            // "!" is SQL's (a != b), not a history expansion.
            .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
            .option(LineReader.Option.CASE_INSENSITIVE, true)
            .build();
    PrintWriter out = terminal.writer();
    out.println(
        "SQL on catalog "
            + names.catalog()
            + (engine.readOnly() ? " (read-only)" : "")
            + ": end statements with ;  help: help  leave: Ctrl-D or exit");
    out.flush();
    while (true) {
      String text;
      try {
        text = reader.readLine(PROMPT);
      } catch (UserInterruptException e) {
        continue; // Ctrl-C while typing drops the line, not the shell
      } catch (EndOfFileException e) {
        break;
      }
      Optional<ShellCommand> command = ShellCommand.of(text);
      if (command.isPresent()) {
        if (command.get() == ShellCommand.EXIT) {
          break;
        }
        out.println(help());
        out.flush();
        continue;
      }
      runAll(SqlScript.statements(text), out);
    }
  }

  private void runAll(List<String> statements, PrintWriter out) {
    for (String statement : statements) {
      if (!runOne(statement, out)) {
        return; // after an error or a cancel, the statements typed after it are not run
      }
    }
  }

  private boolean runOne(String statement, PrintWriter out) {
    long started = System.nanoTime();
    SignalHandler previous = terminal.handle(Signal.INT, signal -> engine.cancel());
    try {
      StatementResult result = engine.run(statement, rowLimit);
      printer.print(result, out);
      if (!result.kind().read()) {
        // DDL may have added or dropped tables and columns; reading the names again is cheap.
        names = CatalogNames.read(engine.spark());
      }
      return true;
    } catch (StatementCancelled e) {
      out.println("cancelled (" + seconds(started) + ")");
      return false;
    } catch (LakehouseException e) {
      out.println("error: " + secrets.mask(e.getMessage()));
      return false;
    } catch (RuntimeException e) {
      out.println("error: " + secrets.mask(firstLine(e)) + " (" + seconds(started) + ")");
      return false;
    } finally {
      terminal.handle(Signal.INT, previous);
      out.flush();
    }
  }

  private static String firstLine(RuntimeException e) {
    String message = e.getMessage() == null ? "" : e.getMessage().strip();
    String first = message.lines().findFirst().orElse("");
    return e.getClass().getSimpleName() + (first.isEmpty() ? "" : ": " + first);
  }

  private static String seconds(long startedNanos) {
    Duration elapsed = Duration.ofNanos(System.nanoTime() - startedNanos);
    return String.format(Locale.ROOT, "%.2f s", elapsed.toNanos() / 1e9);
  }

  private String help() {
    return String.join(
        System.lineSeparator(),
        "Statements end with ; and may span lines. Names resolve in catalog "
            + names.catalog()
            + ":",
        "  SELECT * FROM silver.movies_clean WHERE release_date BETWEEN '2024-01-01' AND"
            + " '2024-12-31';",
        "  SELECT * FROM silver.movies_clean VERSION AS OF <snapshot id>;",
        "  SELECT * FROM silver.movies_clean.snapshots;    (also .history .files .partitions)",
        "  SHOW TABLES IN silver;  DESCRIBE silver.movies_clean;",
        "Tab completes keywords, layers, tables and columns; Up recalls earlier statements (kept in"
            + " "
            + history
            + ").",
        "Ctrl-C cancels a running statement or clears the line; Ctrl-D or exit leaves.");
  }
}
