package dev.movielake.app.ingest;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C for long runs: the JVM runs shutdown hooks and then exits without waiting for the main
 * thread, so the hook asks the run to stop and waits until it has flushed what it fetched.
 */
public final class GracefulStop implements AutoCloseable {
  private static final Duration GRACE = Duration.ofSeconds(60);

  private final CountDownLatch finished = new CountDownLatch(1);
  private final Thread hook;

  public GracefulStop(Runnable stop) {
    this(stop, GRACE);
  }

  /**
   * @param grace how long Ctrl-C waits for the run to finish before the JVM exits anyway
   */
  public GracefulStop(Runnable stop, Duration grace) {
    this.hook =
        new Thread(
            () -> {
              stop.run();
              try {
                finished.await(grace.toMillis(), TimeUnit.MILLISECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "graceful-stop");
    Runtime.getRuntime().addShutdownHook(hook);
  }

  /** The run has finished and flushed: a pending Ctrl-C may exit now. */
  @Override
  public void close() {
    finished.countDown();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // already shutting down: the hook is running and now sees the latch released
    }
  }
}
