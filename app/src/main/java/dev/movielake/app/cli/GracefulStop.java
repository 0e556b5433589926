package dev.movielake.app.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl-C (SIGINT) and SIGTERM (what Kubernetes sends on every rollout) for long runs: the first
 * asks the run to stop, and the command then ends as it would have: it flushes, prints its summary
 * and returns its exit status. A second signal exits at once.
 *
 * <p>The signals are handled here rather than in a JVM shutdown hook: on a signal the JVM runs
 * every hook at once, Spark's among them, which stops the SparkContext under the running queries
 * (they end "terminated with error", with stack traces), and exits with 130 or 143 without waiting
 * for the command. A hook remains for the other ways a JVM is asked to exit (SIGHUP when the
 * terminal closes): it asks the run to stop and waits for it, up to the grace period.
 */
public final class GracefulStop implements AutoCloseable {
  private static final Duration GRACE = Duration.ofSeconds(60);
  private static final List<String> SIGNALS = List.of("INT", "TERM");

  private final Runnable stop;
  private final AtomicBoolean requested = new AtomicBoolean();
  private final CountDownLatch finished = new CountDownLatch(1);
  private final Thread hook;
  private final List<Signal> handled = new ArrayList<>();
  private final List<SignalHandler> previous = new ArrayList<>();

  public GracefulStop(Runnable stop) {
    this(stop, GRACE);
  }

  /**
   * @param grace how long the JVM, asked to exit otherwise than by these signals, waits for the run
   *     to finish before it exits anyway
   */
  public GracefulStop(Runnable stop, Duration grace) {
    this.stop = stop;
    this.hook =
        new Thread(
            () -> {
              requestStop();
              try {
                finished.await(grace.toMillis(), TimeUnit.MILLISECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "graceful-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    for (String name : SIGNALS) {
      Signal signal = new Signal(name);
      try {
        previous.add(Signal.handle(signal, this::onSignal));
        handled.add(signal);
      } catch (IllegalArgumentException e) {
        // Not available here (a JVM run with -Xrs): the shutdown hook stops the run instead.
      }
    }
  }

  /**
   * Whether a stop was asked for (the command may say it is stopping, and why it returns early).
   */
  public boolean requested() {
    return requested.get();
  }

  private void onSignal(Signal signal) {
    if (requested.get()) {
      // The second Ctrl-C: the user does not want to wait. Shutdown hooks still run.
      finished.countDown();
      new Thread(() -> System.exit(128 + signal.getNumber()), "forced-stop").start();
      return;
    }
    requestStop();
  }

  private void requestStop() {
    if (requested.compareAndSet(false, true)) {
      stop.run();
    }
  }

  /** The run has finished and flushed: the signals get their previous handlers back. */
  @Override
  public void close() {
    finished.countDown();
    for (int i = 0; i < handled.size(); i++) {
      Signal.handle(handled.get(i), previous.get(i));
    }
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // already shutting down: the hook is running and now sees the latch released
    }
  }
}
