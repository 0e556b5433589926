package dev.movielake.ops.doctor;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Runs checks one after the other, each on its own thread with a time limit: a dependency that
 * never answers (a firewalled port, a hung metastore) costs the limit, not the whole doctor.
 * Everything found is passed through the mask, so no secret reaches the output.
 */
public final class Doctor {
  /** Every finding, in the order of the checks, and the worst status among them. */
  public record Result(
      Status status, long ok, long warnings, long broken, long skipped, List<Finding> findings) {
    public Result {
      findings = List.copyOf(findings);
    }

    static Result of(List<Finding> findings) {
      long ok = count(findings, Status.OK);
      long warnings = count(findings, Status.WARNING);
      long broken = count(findings, Status.BROKEN);
      Status status = broken > 0 ? Status.BROKEN : warnings > 0 ? Status.WARNING : Status.OK;
      return new Result(status, ok, warnings, broken, count(findings, Status.SKIPPED), findings);
    }

    private static long count(List<Finding> findings, Status status) {
      return findings.stream().filter(finding -> finding.status() == status).count();
    }

    public boolean anyBroken() {
      return status == Status.BROKEN;
    }

    /** {@code 5 ok, 1 warnings, 0 broken} (and the skipped ones, when any). */
    public String summary() {
      return ok
          + " ok, "
          + warnings
          + " warnings, "
          + broken
          + " broken"
          + (skipped > 0 ? ", " + skipped + " skipped" : "");
    }
  }

  private final List<Check> checks;
  private final Duration timeout;
  private final UnaryOperator<String> mask;

  /**
   * The pipeline's checks, in the order a failure explains the next: configuration, the lakehouse
   * (catalog, storage, features, tables), then ingestion and serving.
   */
  public static Doctor of(Settings settings, Duration timeout, UnaryOperator<String> mask) {
    CatalogCheck catalog = new CatalogCheck(settings);
    StorageCheck storage = new StorageCheck(settings);
    return new Doctor(
        List.of(
            new ConfigurationCheck(settings),
            catalog,
            storage,
            new CheckpointCheck(settings),
            new FeatureFlagsCheck(settings),
            new TablesCheck(settings, catalog, storage, Clock.systemUTC()),
            new KafkaCheck(settings),
            new MongoCheck(settings),
            new TmdbCheck(settings)),
        timeout,
        mask);
  }

  /**
   * @param timeout how long one check may take (some take a multiple, see {@link Check#timeout})
   */
  public Doctor(List<Check> checks, Duration timeout, UnaryOperator<String> mask) {
    this.checks = List.copyOf(checks);
    this.timeout = timeout;
    this.mask = mask;
  }

  /**
   * @param progress told the name of each check as it starts
   */
  public Result run(Consumer<String> progress) {
    List<Finding> findings = new ArrayList<>();
    // Daemon threads: a check stuck in a socket read that ignores interruption cannot keep the JVM
    // alive.
    ExecutorService executor =
        Executors.newCachedThreadPool(
            runnable -> {
              Thread thread = new Thread(runnable, "doctor-check");
              thread.setDaemon(true);
              return thread;
            });
    try {
      for (Check check : checks) {
        progress.accept(check.name());
        long started = System.nanoTime();
        for (Finding finding : runOne(executor, check)) {
          findings.add(
              finding
                  .timed(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started))
                  .masked(mask));
        }
      }
    } finally {
      executor.shutdownNow();
      for (Check check : checks) {
        close(check);
      }
    }
    return Result.of(findings);
  }

  private List<Finding> runOne(ExecutorService executor, Check check) {
    Future<List<Finding>> future = executor.submit(check::run);
    Duration limit = check.timeout(timeout);
    try {
      return future.get(limit.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      future.cancel(true);
      return List.of(check.timedOut(limit));
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      return List.of(
          Finding.broken(
              check.name(),
              "the check failed: "
                  + cause.getClass().getSimpleName()
                  + (cause.getMessage() == null ? "" : ": " + firstLine(cause.getMessage())),
              "check the " + check.name() + " settings and that the service works"));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      future.cancel(true);
      return List.of(Finding.skipped(check.name(), "interrupted"));
    }
  }

  private static String firstLine(String message) {
    return message.strip().lines().findFirst().orElse("");
  }

  private static void close(Check check) {
    if (check instanceof AutoCloseable closeable) {
      try {
        closeable.close();
      } catch (Exception e) {
        // closing a client the doctor opened: nothing the user can act on
      }
    }
  }
}
