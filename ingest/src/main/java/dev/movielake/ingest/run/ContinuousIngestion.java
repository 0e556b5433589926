package dev.movielake.ingest.run;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Batch cycles every interval until stopped. Stopping (Ctrl-C) lets the cycle in progress finish
 * the items in flight and deliver them, so nothing fetched is lost and the next start resumes.
 */
public final class ContinuousIngestion {
  private final Supplier<BatchIngestion> batches;
  private final Duration interval;
  private final int pages;
  private final Path checkpointFolder;
  private final CountDownLatch stop = new CountDownLatch(1);
  private volatile BatchIngestion current;

  public ContinuousIngestion(
      Supplier<BatchIngestion> batches, Duration interval, int pages, Path checkpointFolder) {
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("the interval must be positive, got " + interval);
    }
    this.batches = batches;
    this.interval = interval;
    this.pages = pages;
    this.checkpointFolder = checkpointFolder;
  }

  /** Runs cycles until {@link #stop()}; tells each cycle's report to {@code afterCycle}. */
  public List<IngestionReport> run(Consumer<IngestionReport> afterCycle)
      throws InterruptedException {
    List<IngestionReport> reports = new ArrayList<>();
    while (stop.getCount() > 0) {
      current = batches.get();
      IngestionReport report = current.run(pages, BatchCheckpoint.openOrStart(checkpointFolder));
      reports.add(report);
      afterCycle.accept(report);
      if (stop.await(interval.toMillis(), TimeUnit.MILLISECONDS)) {
        break;
      }
    }
    return reports;
  }

  public void stop() {
    stop.countDown();
    BatchIngestion running = current;
    if (running != null) {
      running.stop();
    }
  }

  /** Parses {@code 60m}, {@code 30s}, {@code 2h} or an ISO-8601 duration such as {@code PT15M}. */
  public static Duration parseInterval(String text) {
    String value = text.strip().toLowerCase(Locale.ROOT);
    try {
      if (value.startsWith("pt")) {
        return Duration.parse(value.toUpperCase(Locale.ROOT));
      }
      long amount = Long.parseLong(value.substring(0, value.length() - 1));
      return switch (value.charAt(value.length() - 1)) {
        case 's' -> Duration.ofSeconds(amount);
        case 'm' -> Duration.ofMinutes(amount);
        case 'h' -> Duration.ofHours(amount);
        default -> throw new IllegalArgumentException();
      };
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "invalid interval '" + text + "'; use for example 30s, 60m, 2h or PT15M");
    }
  }
}
