package dev.movielake.app.ingest;

import dev.movielake.app.cli.LakehouseCommand;
import dev.movielake.simulator.DataFault;
import dev.movielake.simulator.DataFaults;
import dev.movielake.simulator.Faults;
import dev.movielake.simulator.SimulatorOptions;
import dev.movielake.simulator.TmdbSimulator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code pipeline tmdb-sim}: serves the TMDB API v3 from a deterministic catalog, with faults on
 * demand: transport faults to test the ingest's retries, and bad data in good answers to test the
 * quality gates with batches that arrive but should not be published.
 */
@Command(
    name = "tmdb-sim",
    description = {
      "Serve a TMDB API simulator on 127.0.0.1 until stopped (Ctrl-C).",
      "Deterministic for a seed; injects rate limits, server errors, latency and timeouts on"
          + " request, and bad data for the quality gates (--data-fault).",
      "Point the pipeline at it with TMDB_BASE_URL and TMDB_API_KEY (both printed at start)."
    })
public final class TmdbSimulatorCommand extends LakehouseCommand {
  @Option(
      names = "--port",
      defaultValue = "8787",
      description = "Port (0: any free port; default ${DEFAULT-VALUE}).")
  int port;

  @Option(
      names = "--movies",
      defaultValue = "1000",
      description = "Movies in the catalog (default ${DEFAULT-VALUE}).")
  int movies;

  @Option(
      names = "--seed",
      defaultValue = "42",
      description = "Seed of the catalog (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--rate-limit",
      defaultValue = "0",
      description = "Requests per second before 429s (0: none).")
  int rateLimit;

  @Option(
      names = "--share-429",
      defaultValue = "0",
      description = "Share of requests answered 429 (0 to 1).")
  double share429;

  @Option(
      names = "--share-5xx",
      defaultValue = "0",
      description = "Share of requests answered 500/502/503 (0 to 1).")
  double share5xx;

  @Option(
      names = "--share-timeout",
      defaultValue = "0",
      description = "Share of requests that hang past client timeouts (0 to 1).")
  double shareTimeout;

  @Option(
      names = "--latency-ms",
      defaultValue = "0",
      description = "Latency added to every response.")
  long latencyMillis;

  @Option(
      names = "--data-fault",
      paramLabel = "KIND[=SHARE]",
      description = {
        "Bad data in answers that are still 200, to test the quality gates; repeatable. KIND:",
        "  empty-pages: lists answer \"results\": [] but keep total_pages and total_results;",
        "  null-field: movie details carry null in the field of --null-field;",
        "  duplicated-keys: movie details answer with the id of one of 3 movies;",
        "  out-of-range: movie details with vote_average 57.3 or -2.5, popularity -13.7,"
            + " runtime 99999, vote_count -1000;",
        "  schema-change: movie details with vote_average renamed rating, genres as names,"
            + " vote_count as a string.",
        "SHARE (0 to 1, default 1): the share of movies or pages hurt, the same ones on every run"
            + " of a seed."
      })
  List<String> dataFaultOptions = new ArrayList<>();

  @Option(
      names = "--null-field",
      paramLabel = "NAME",
      description = {
        "The movie details field null-field nulls (default "
            + DataFaults.DEFAULT_NULL_FIELD
            + "), e.g. vote_count, popularity, runtime, overview.",
        "Without --data-fault null-field, switches it on for every movie."
      })
  String nullField;

  @Override
  protected int run() {
    for (double share : new double[] {share429, share5xx, shareTimeout}) {
      if (share < 0 || share > 1) {
        throw new IllegalArgumentException("fault shares run from 0 to 1, got " + share);
      }
    }
    Faults faults =
        new Faults(
            share429,
            share5xx,
            shareTimeout,
            Duration.ofSeconds(30),
            Duration.ofMillis(latencyMillis),
            1);
    DataFaults dataFaults = dataFaults(dataFaultOptions, nullField);
    SimulatorOptions options =
        SimulatorOptions.defaults()
            .withPort(port)
            .withMovies(movies)
            .withSeed(seed)
            .withRateLimit(rateLimit)
            .withFaults(faults)
            .withDataFaults(dataFaults);
    CountDownLatch stopped = new CountDownLatch(1);
    try (TmdbSimulator simulator = TmdbSimulator.start(options)) {
      Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown));
      println(
          "TMDB simulator: " + movies + " movies (seed " + seed + ") at " + simulator.baseUrl());
      println("  TMDB_BASE_URL=" + simulator.baseUrl() + " TMDB_API_KEY=" + options.apiKey());
      if (!dataFaults.isNone()) {
        println("  data faults: " + dataFaults);
      }
      println("Ctrl-C stops it.");
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 0;
  }

  /**
   * The data faults of {@code --data-fault KIND[=SHARE]} options and {@code --null-field}; a kind
   * given twice is refused rather than one of its shares silently dropped.
   */
  static DataFaults dataFaults(List<String> options, String nullField) {
    DataFaults faults = DataFaults.none();
    Set<DataFault> given = EnumSet.noneOf(DataFault.class);
    for (String option : options) {
      int equals = option.indexOf('=');
      DataFault fault = DataFault.named(equals < 0 ? option : option.substring(0, equals));
      if (!given.add(fault)) {
        throw new IllegalArgumentException(
            "--data-fault " + fault.optionName() + " is given twice: keep one, with its share");
      }
      faults = faults.withFault(fault, equals < 0 ? 1.0 : share(option, fault, equals));
    }
    if (nullField != null) {
      faults = faults.withNullField(nullField.trim());
      if (!given.contains(DataFault.NULL_FIELD)) {
        faults = faults.withFault(DataFault.NULL_FIELD);
      }
    }
    return faults;
  }

  private static double share(String option, DataFault fault, int equals) {
    String share = option.substring(equals + 1).trim();
    try {
      return Double.parseDouble(share);
    } catch (NumberFormatException notANumber) {
      throw new IllegalArgumentException(
          "invalid share '"
              + share
              + "' in --data-fault "
              + option
              + ": give a number from 0 to 1, e.g. "
              + fault.optionName()
              + "=0.25");
    }
  }
}
