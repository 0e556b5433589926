package dev.movielake.publish;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the streams' results to the serving collections on a fixed delay while they run. A
 * failed publish is logged and retried at the next tick: it resumes from the last published
 * snapshot, so nothing is lost. The database belongs to the caller, which closes it after this.
 */
public final class PeriodicPublisher implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(PeriodicPublisher.class);

  private final ScheduledExecutorService scheduler;

  private PeriodicPublisher(ScheduledExecutorService scheduler) {
    this.scheduler = scheduler;
  }

  /**
   * @param target how the logs name the database the documents go to
   */
  public static PeriodicPublisher start(Publisher publisher, String target, Duration interval) {
    if (interval.isZero() || interval.isNegative()) {
      throw new IllegalArgumentException("the publish interval must be positive, not " + interval);
    }
    ScheduledExecutorService scheduler =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "serving-publisher");
              thread.setDaemon(true);
              return thread;
            });
    scheduler.scheduleWithFixedDelay(
        () -> {
          try {
            Publisher.Result result = publisher.publishAll();
            log.info("Published {} documents to {}", result.documents(), target);
          } catch (RuntimeException e) {
            log.warn(
                "Publishing to the serving collections failed; the next run resumes from the last"
                    + " published snapshot: {}",
                e.getMessage());
          }
        },
        interval.toMillis(),
        interval.toMillis(),
        TimeUnit.MILLISECONDS);
    return new PeriodicPublisher(scheduler);
  }

  @Override
  public void close() {
    scheduler.shutdown();
    try {
      scheduler.awaitTermination(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
