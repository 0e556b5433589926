package dev.movielake.app.stream;

import dev.movielake.app.cli.GracefulStop;
import java.io.PrintWriter;
import java.util.concurrent.CountDownLatch;

/**
 * How {@code stream} and {@code batch} stop on Ctrl-C and SIGTERM: the signal releases a latch the
 * pipeline watches, so the queries stop between micro-batches and the command still prints its
 * summary. Opened before Spark starts, so a signal during the start stops the queries as soon as
 * they run.
 */
final class StreamStop {
  private StreamStop() {}

  /**
   * @param stop released on the first signal
   * @param batchRun a run over what is available now, which the next run continues
   */
  static GracefulStop onSignal(CountDownLatch stop, PrintWriter err, boolean batchRun) {
    return new GracefulStop(
        () -> {
          err.println(
              "stopping: the micro-batches in flight finish, then the queries stop"
                  + (batchRun ? "; the next run goes on from there" : "")
                  + " (Ctrl-C again exits at once)");
          err.flush();
          stop.countDown();
        });
  }
}
