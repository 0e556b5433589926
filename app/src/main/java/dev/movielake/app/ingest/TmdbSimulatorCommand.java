package dev.movielake.app.ingest;

import dev.movielake.app.cli.LakehouseCommand;
import dev.movielake.simulator.Faults;
import dev.movielake.simulator.SimulatorOptions;
import dev.movielake.simulator.TmdbSimulator;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code pipeline tmdb-sim}: serves the TMDB API v3 from a deterministic catalog, with faults on
 * demand.
 */
@Command(
    name = "tmdb-sim",
    description = {
      "Serve a TMDB API simulator on 127.0.0.1 until stopped (Ctrl-C).",
      "Deterministic for a seed; injects rate limits, server errors, latency and timeouts on"
          + " request.",
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
    SimulatorOptions options =
        SimulatorOptions.defaults()
            .withPort(port)
            .withMovies(movies)
            .withSeed(seed)
            .withRateLimit(rateLimit)
            .withFaults(faults);
    CountDownLatch stopped = new CountDownLatch(1);
    try (TmdbSimulator simulator = TmdbSimulator.start(options)) {
      Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown));
      println(
          "TMDB simulator: " + movies + " movies (seed " + seed + ") at " + simulator.baseUrl());
      println("  TMDB_BASE_URL=" + simulator.baseUrl() + " TMDB_API_KEY=" + options.apiKey());
      println("Ctrl-C stops it.");
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 0;
  }
}
