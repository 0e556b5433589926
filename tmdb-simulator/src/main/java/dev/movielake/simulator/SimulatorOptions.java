package dev.movielake.simulator;

import java.util.Objects;

/**
 * How a {@link TmdbSimulator} is started.
 *
 * @param port port to bind on 127.0.0.1; 0 picks a free port
 * @param movies catalog size
 * @param seed everything the simulator serves is derived from this seed (and the current UTC date)
 * @param apiKey value accepted in the {@code api_key} query parameter
 * @param readToken value accepted in {@code Authorization: Bearer ...}
 * @param rateLimitPerSecond requests allowed in any one-second window; 0 means unlimited
 * @param faults injected faults; can be changed later with {@link TmdbSimulator#setFaults}
 * @param dataFaults bad data in good answers; can be changed later with {@link
 *     TmdbSimulator#setDataFaults}
 */
public record SimulatorOptions(
    int port,
    int movies,
    long seed,
    String apiKey,
    String readToken,
    int rateLimitPerSecond,
    Faults faults,
    DataFaults dataFaults) {

  public SimulatorOptions {
    if (port < 0 || port > 65_535) throw new IllegalArgumentException("port out of range: " + port);
    if (movies < 1) throw new IllegalArgumentException("movies must be at least 1: " + movies);
    if (rateLimitPerSecond < 0)
      throw new IllegalArgumentException("rateLimitPerSecond must not be negative");
    Objects.requireNonNull(apiKey, "apiKey");
    Objects.requireNonNull(readToken, "readToken");
    Objects.requireNonNull(faults, "faults");
    Objects.requireNonNull(dataFaults, "dataFaults");
  }

  public static SimulatorOptions defaults() {
    return new SimulatorOptions(
        0, 1000, 42L, "simulator-key", "simulator-token", 0, Faults.none(), DataFaults.none());
  }

  public SimulatorOptions withPort(int newPort) {
    return new SimulatorOptions(
        newPort, movies, seed, apiKey, readToken, rateLimitPerSecond, faults, dataFaults);
  }

  public SimulatorOptions withMovies(int newMovies) {
    return new SimulatorOptions(
        port, newMovies, seed, apiKey, readToken, rateLimitPerSecond, faults, dataFaults);
  }

  public SimulatorOptions withSeed(long newSeed) {
    return new SimulatorOptions(
        port, movies, newSeed, apiKey, readToken, rateLimitPerSecond, faults, dataFaults);
  }

  public SimulatorOptions withApiKey(String newApiKey) {
    return new SimulatorOptions(
        port, movies, seed, newApiKey, readToken, rateLimitPerSecond, faults, dataFaults);
  }

  public SimulatorOptions withReadToken(String newReadToken) {
    return new SimulatorOptions(
        port, movies, seed, apiKey, newReadToken, rateLimitPerSecond, faults, dataFaults);
  }

  public SimulatorOptions withRateLimit(int newRateLimitPerSecond) {
    return new SimulatorOptions(
        port, movies, seed, apiKey, readToken, newRateLimitPerSecond, faults, dataFaults);
  }

  public SimulatorOptions withFaults(Faults newFaults) {
    return new SimulatorOptions(
        port, movies, seed, apiKey, readToken, rateLimitPerSecond, newFaults, dataFaults);
  }

  public SimulatorOptions withDataFaults(DataFaults newDataFaults) {
    return new SimulatorOptions(
        port, movies, seed, apiKey, readToken, rateLimitPerSecond, faults, newDataFaults);
  }
}
