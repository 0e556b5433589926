package dev.movielake.bench;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.bson.Document;

/**
 * The lookups MongoDB alone answers: the same random finds by {@code _id} through the driver, from
 * as many threads as the load generator has connections, without HTTP, JSON or the API. Beside the
 * API's rate it tells which side limits lookups.
 */
final class MongoLookupBaseline {
  private static final long HIGHEST_MICROSECONDS = TimeUnit.MINUTES.toMicros(1);

  private MongoLookupBaseline() {}

  static LoadResult measure(
      MongoCollection<Document> movies, long rows, int threads, Duration warmUp, Duration measure) {
    long measureStart = System.nanoTime() + warmUp.toNanos();
    long measureEnd = measureStart + measure.toNanos();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<Histogram>> workers = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      workers.add(
          pool.submit(
              () -> {
                Histogram latencies = new Histogram(HIGHEST_MICROSECONDS, 3);
                for (long started = System.nanoTime();
                    started < measureEnd;
                    started = System.nanoTime()) {
                  if (movies
                          .find(eq("_id", ThreadLocalRandom.current().nextLong(1, rows + 1)))
                          .first()
                      == null) {
                    throw new IllegalStateException(
                        "a movie between 1 and " + rows + " is missing");
                  }
                  if (started >= measureStart) {
                    latencies.recordValue(
                        Math.min(
                            HIGHEST_MICROSECONDS,
                            TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - started)));
                  }
                }
                return latencies;
              }));
    }
    Histogram latencies = new Histogram(HIGHEST_MICROSECONDS, 3);
    try {
      for (Future<Histogram> worker : workers) {
        latencies.add(worker.get());
      }
    } catch (ExecutionException e) {
      throw new IllegalStateException("a lookup thread failed", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while measuring MongoDB lookups", e);
    } finally {
      pool.shutdownNow();
    }
    double seconds = measure.toNanos() / 1e9;
    long requests = latencies.getTotalCount();
    return new LoadResult(
        "mongo_lookup",
        requests,
        0,
        seconds,
        requests / seconds,
        latencies.getValueAtPercentile(50) / 1000.0,
        latencies.getValueAtPercentile(99) / 1000.0,
        latencies.getMaxValue() / 1000.0,
        null);
  }
}
