package dev.movielake.ingest.run;

import dev.movielake.ingest.tmdb.TmdbAuthenticationException;
import dev.movielake.ingest.tmdb.TmdbCounters;
import dev.movielake.ingest.tmdb.TmdbException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongPredicate;

/**
 * Runs one piece of work per id with a fixed concurrency (the client's rate limit paces them). A
 * failed item is counted and named and the rest go on; rejected credentials stop everything, since
 * no later request could succeed.
 */
final class ParallelFetch {
  private final int concurrency;
  private final TmdbCounters counters;
  private final IngestionProgress progress;
  private final AtomicBoolean stopped;

  ParallelFetch(
      int concurrency, TmdbCounters counters, IngestionProgress progress, AtomicBoolean stopped) {
    this.concurrency = concurrency;
    this.counters = counters;
    this.progress = progress;
    this.stopped = stopped;
  }

  /**
   * @param work returns true when it delivered the item
   * @return how many items were delivered
   */
  long run(Collection<Long> ids, LongPredicate work) {
    ExecutorService pool =
        Executors.newFixedThreadPool(
            concurrency,
            runnable -> {
              Thread thread = new Thread(runnable, "tmdb-fetch");
              thread.setDaemon(true);
              return thread;
            });
    try {
      List<Future<Boolean>> futures = new ArrayList<>();
      for (long id : List.copyOf(ids)) {
        futures.add(
            pool.submit(
                () -> {
                  if (stopped.get()) {
                    return false;
                  }
                  try {
                    return work.test(id);
                  } catch (TmdbAuthenticationException e) {
                    stopped.set(true);
                    throw e;
                  } catch (TmdbException e) {
                    counters.failed("id " + id, e.getMessage());
                    return false;
                  } finally {
                    progress.advance();
                  }
                }));
      }
      long delivered = 0;
      RuntimeException failure = null;
      for (Future<Boolean> future : futures) {
        try {
          delivered += future.get() ? 1 : 0;
        } catch (ExecutionException e) {
          if (failure == null) {
            failure =
                e.getCause() instanceof RuntimeException cause
                    ? cause
                    : new TmdbException(e.getMessage(), e);
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          stopped.set(true);
        }
      }
      if (failure != null) {
        throw failure;
      }
      return delivered;
    } finally {
      pool.shutdownNow();
    }
  }
}
