package dev.movielake.app.stream;

import dev.movielake.config.ServeConfig;
import dev.movielake.lakehouse.IcebergStorageManager;
import dev.movielake.ops.wiring.ServingDatabase;
import dev.movielake.serve.publish.Publisher;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the streams' results to the serving collections on a fixed delay while they run. A
 * failed publish is logged and retried at the next tick: it resumes from the last published
 * snapshot, so nothing is lost.
 */
final class PeriodicPublisher implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(PeriodicPublisher.class);

  private final Optional<ServingDatabase> database;
  private final Optional<ScheduledExecutorService> scheduler;

  private PeriodicPublisher(Optional<ServingDatabase> database, Optional<ScheduledExecutorService> scheduler) {
    this.database = database;
    this.scheduler = scheduler;
  }

  /** One publish now, for a run that ends; says what was sent where. */
  static String once(IcebergStorageManager storage, ServeConfig config) {
    try (ServingDatabase database = ServingDatabase.open(config)) {
      Publisher.Result result = new Publisher(storage, database.database(), Clock.systemUTC()).publishAll();
      return "published " + result.documents() + " documents to " + database.description();
    }
  }

  static PeriodicPublisher start(IcebergStorageManager storage, ServeConfig config, Duration interval) {
    if (interval.isZero() || interval.isNegative()) {
      return new PeriodicPublisher(Optional.empty(), Optional.empty());
    }
    ServingDatabase database = ServingDatabase.open(config);
    Publisher publisher = new Publisher(storage, database.database(), Clock.systemUTC());
    ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "serving-publisher");
      thread.setDaemon(true);
      return thread;
    });
    scheduler.scheduleWithFixedDelay(() -> {
      try {
        Publisher.Result result = publisher.publishAll();
        log.info("Published {} documents to {}", result.documents(), database.description());
      } catch (RuntimeException e) {
        log.warn("Publishing to the serving collections failed; the next run resumes from the last published "
            + "snapshot: {}", e.getMessage());
      }
    }, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    return new PeriodicPublisher(Optional.of(database), Optional.of(scheduler));
  }

  @Override
  public void close() {
    scheduler.ifPresent(executor -> {
      executor.shutdown();
      try {
        executor.awaitTermination(60, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    database.ifPresent(ServingDatabase::close);
  }
}
