package dev.movielake.app.cli;

import dev.movielake.cli.Terminal;
import dev.movielake.lakehouse.TableName;
import dev.movielake.lakehouse.maintenance.MaintenanceProgress;
import java.io.PrintStream;
import java.io.PrintWriter;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

/**
 * Shows a maintenance run's progress on stderr: a progress bar on a terminal, otherwise one plain
 * line per step, so logs and pipes get readable text instead of carriage-return redraws. Stdout is
 * never touched, which keeps {@code --json} output parseable.
 */
public final class MaintenanceProgressReporter implements MaintenanceProgress, AutoCloseable {
  private final PrintWriter lines;
  private final PrintStream terminal;
  private ProgressBar bar;
  private int steps;
  private int current;

  /**
   * @param terminal where to draw a progress bar, or null to print one line per step to {@code
   *     lines}
   */
  private MaintenanceProgressReporter(PrintWriter lines, PrintStream terminal) {
    this.lines = lines;
    this.terminal = terminal;
  }

  /** A bar only when stderr is a terminal and the output is for people (not {@code --json}). */
  public static MaintenanceProgressReporter create(PrintWriter err, boolean json) {
    return new MaintenanceProgressReporter(
        err, !json && Terminal.interactive() ? System.err : null);
  }

  @Override
  public void started(int steps) {
    this.steps = steps;
    if (terminal != null && steps > 0) {
      bar =
          new ProgressBarBuilder()
              .setTaskName("maintenance")
              .setInitialMax(steps)
              .setConsumer(new ConsoleProgressBarConsumer(terminal))
              .build();
    } else {
      lines.println("maintenance: " + steps + " step(s)");
      lines.flush();
    }
  }

  @Override
  public void step(TableName table, String action) {
    current++;
    if (bar != null) {
      // Told before each step starts: the previous one is done.
      bar.stepTo(current - 1L);
      bar.setExtraMessage(table + ": " + action);
    } else {
      lines.println("[" + current + "/" + steps + "] " + table + ": " + action);
      lines.flush();
    }
  }

  @Override
  public void close() {
    if (bar != null) {
      bar.stepTo(steps);
      bar.close();
      bar = null;
    }
  }
}
