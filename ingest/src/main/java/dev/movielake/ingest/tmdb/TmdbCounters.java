package dev.movielake.ingest.tmdb;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/** What the client did: requests, retries and why, ids skipped. Nothing is dropped silently. */
public final class TmdbCounters {
  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong retries = new AtomicLong();
  private final AtomicLong rateLimited = new AtomicLong();
  private final AtomicLong serverErrors = new AtomicLong();
  private final AtomicLong timeouts = new AtomicLong();
  private final AtomicLong notFound = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final ConcurrentLinkedQueue<String> skipped = new ConcurrentLinkedQueue<>();

  /** A snapshot of the counters. */
  public record Snapshot(
      long requests,
      long retries,
      long rateLimited,
      long serverErrors,
      long timeouts,
      long notFound,
      long failed,
      List<String> skipped) {}

  void request() {
    requests.incrementAndGet();
  }

  void retry() {
    retries.incrementAndGet();
  }

  void rateLimited() {
    rateLimited.incrementAndGet();
  }

  void serverError() {
    serverErrors.incrementAndGet();
  }

  void timeout() {
    timeouts.incrementAndGet();
  }

  void notFound(String path) {
    notFound.incrementAndGet();
    skipped.add(path + " (not found)");
  }

  /**
   * A request that failed for good (retries exhausted or refused); the item is skipped and named.
   */
  public void failed(String path, String reason) {
    failed.incrementAndGet();
    skipped.add(path + " (" + reason + ")");
  }

  public Snapshot snapshot() {
    return new Snapshot(
        requests.get(),
        retries.get(),
        rateLimited.get(),
        serverErrors.get(),
        timeouts.get(),
        notFound.get(),
        failed.get(),
        List.copyOf(skipped));
  }
}
