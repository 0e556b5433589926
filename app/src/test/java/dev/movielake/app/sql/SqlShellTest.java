package dev.movielake.app.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.movielake.cli.SecretMasker;
import dev.movielake.lakehouse.IcebergStorageManager;
import dev.movielake.lakehouse.sql.SqlEngine;
import dev.movielake.lakehouse.table.WriteOptions;
import dev.movielake.lakehouse.testing.MovieRows;
import dev.movielake.lakehouse.testing.SharedSpark;
import dev.movielake.model.Layer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.jline.keymap.KeyMap;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.ExternalTerminal;
import org.jline.utils.InfoCmp.Capability;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shell driven through a terminal (JLine's, over pipes), as a user types into it. */
class SqlShellTest {
  private static final Duration PATIENCE = Duration.ofSeconds(90);

  private final IcebergStorageManager storage = SharedSpark.storage("sql_shell");
  @TempDir Path home;

  @Test
  void runsAStatementOverSeveralLinesAndRecallsItFromHistoryInANewShell() throws Exception {
    Path history = home.resolve(SqlShell.HISTORY_FILE);
    try (Shell shell = new Shell(history)) {
      shell.type("SELECT 40 + 2\n");
      shell.awaitOutput(SqlShell.CONTINUATION_PROMPT);
      shell.type("  AS answer;\n");
      shell.awaitOutput("answer");
      shell.awaitOutput("(1 row, ");
      assertThat(shell.output()).contains("42");
    }
    assertThat(Files.readString(history)).contains("SELECT 40 + 2");

    try (Shell again = new Shell(history)) {
      again.awaitOutput(SqlShell.PROMPT);
      again.type(KeyMap.key(again.terminal, Capability.key_up) + "\n");
      again.awaitOutput("(1 row, ");
      assertThat(again.output()).contains("answer", "42");
    }
  }

  @Test
  void tabCompletesATableNameAndErrorsLeaveTheShellRunning() throws Exception {
    storage.writeToSilver(
        MovieRows.range(SharedSpark.session(), 1, 7, 2020, 2),
        "shell_movies",
        WriteOptions.append());
    String layer = storage.table(Layer.SILVER, "shell_movies").database();
    try (Shell shell = new Shell(home.resolve(SqlShell.HISTORY_FILE))) {
      shell.type("SELCT 1;\n");
      shell.awaitOutput("error: [PARSE_SYNTAX_ERROR]");
      shell.type("SELECT count(*) AS movies FROM " + layer + ".shell_mov\t;\n");
      shell.awaitOutput("(1 row, ");
      assertThat(shell.output()).contains(layer + ".shell_movies", "movies", "7");
    }
  }

  @Test
  void ctrlCCancelsTheRunningStatementNotTheShell() throws Exception {
    try (Shell shell = new Shell(home.resolve(SqlShell.HISTORY_FILE))) {
      // A statement that would sleep a minute in its Spark task; interrupting it ends it.
      shell.type("SELECT reflect('java.lang.Thread', 'sleep', 60000L) AS slept;\n");
      shell.awaitOutput("slept;");
      Thread.sleep(1500);
      long started = System.nanoTime();
      shell.type("\u0003");
      shell.awaitOutput("cancelled (");
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
      shell.type("SELECT 'still here' AS alive;\n");
      shell.awaitOutput("(1 row, ");
      assertThat(shell.output()).contains("still here");
    }
  }

  /** A shell on a terminal whose keyboard and screen are pipes; closing the keyboard is Ctrl-D. */
  private final class Shell implements AutoCloseable {
    private final PipedOutputStream keyboard = new PipedOutputStream();
    private final ByteArrayOutputStream screen = new ByteArrayOutputStream();
    private final Terminal terminal;
    private final Thread thread;

    Shell(Path history) throws IOException {
      terminal =
          new ExternalTerminal(
              "test",
              "xterm",
              new PipedInputStream(keyboard, 1 << 16),
              screen,
              StandardCharsets.UTF_8);
      SqlShell shell =
          new SqlShell(
              terminal,
              new SqlEngine(SharedSpark.session(), storage.config().catalog().name(), false),
              new ResultPrinter(ResultFormat.TABLE, 60, true),
              SqlCommand.DEFAULT_TABLE_ROWS,
              history,
              SecretMasker.none());
      thread = new Thread(shell::run, "sql-shell-test");
      thread.start();
    }

    void type(String keys) throws IOException {
      keyboard.write(keys.getBytes(StandardCharsets.UTF_8));
      keyboard.flush();
    }

    String output() {
      synchronized (screen) {
        return screen.toString(StandardCharsets.UTF_8);
      }
    }

    void awaitOutput(String text) throws InterruptedException {
      long deadline = System.nanoTime() + PATIENCE.toNanos();
      while (!output().contains(text)) {
        if (System.nanoTime() > deadline || !thread.isAlive()) {
          throw new AssertionError(
              "the shell did not print '" + text + "'; it printed:\n" + output());
        }
        Thread.sleep(50);
      }
    }

    @Override
    public void close() throws Exception {
      keyboard.close();
      thread.join(TimeUnit.SECONDS.toMillis(30));
      terminal.close();
      assertThat(thread.isAlive()).as("the shell ends at the end of its input").isFalse();
    }
  }
}
