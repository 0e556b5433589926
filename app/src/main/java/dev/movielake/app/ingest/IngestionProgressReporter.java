package dev.movielake.app.ingest;

import dev.movielake.cli.Terminal;
import dev.movielake.ingest.run.IngestionProgress;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicLong;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

/**
 * Shows ingestion on stderr: a bar per stage with its rate on a terminal; elsewhere a line when a
 * stage starts and at every tenth of it, so logs stay short. Stdout is left to {@code --json}.
 */
final class IngestionProgressReporter implements IngestionProgress, AutoCloseable {
  private final PrintWriter lines;
  private final PrintStream terminal;
  private final AtomicLong done = new AtomicLong();
  private volatile ProgressBar bar;
  private volatile String stage = "";
  private volatile long items;

  private IngestionProgressReporter(PrintWriter lines, PrintStream terminal) {
    this.lines = lines;
    this.terminal = terminal;
  }

  static IngestionProgressReporter create(PrintWriter err, boolean json) {
    return new IngestionProgressReporter(err, !json && Terminal.interactive() ? System.err : null);
  }

  @Override
  public synchronized void stage(String name, long items) {
    close();
    this.stage = name;
    this.items = items;
    done.set(0);
    if (terminal != null) {
      bar =
          new ProgressBarBuilder()
              .setTaskName(name)
              .setInitialMax(items)
              .showSpeed()
              .setConsumer(new ConsoleProgressBarConsumer(terminal))
              .build();
    } else {
      lines.println(name + ": " + items + " item(s)");
      lines.flush();
    }
  }

  @Override
  public void advance() {
    long now = done.incrementAndGet();
    ProgressBar current = bar;
    if (current != null) {
      current.step();
    } else if (items >= 10 && now % (items / 10) == 0) {
      synchronized (this) {
        lines.println("  " + stage + ": " + now + "/" + items);
        lines.flush();
      }
    }
  }

  @Override
  public synchronized void close() {
    if (bar != null) {
      bar.close();
      bar = null;
    }
  }
}
