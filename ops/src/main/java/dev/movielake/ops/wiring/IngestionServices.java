package dev.movielake.ops.wiring;

import dev.movielake.config.IngestConfig;
import dev.movielake.config.TmdbConfig;
import dev.movielake.ingest.kafka.RecordPublisher;
import dev.movielake.ingest.tmdb.TmdbClient;
import dev.movielake.ingest.tmdb.TmdbCounters;
import dev.movielake.simulator.SimulatorOptions;
import dev.movielake.simulator.TmdbSimulator;
import java.util.Optional;

/**
 * The systems ingestion talks to, chosen from configuration in this one place: the configured Kafka
 * cluster or an embedded broker, the TMDB API with a key or the built-in simulator. Closing stops
 * only what this object started.
 */
public final class IngestionServices implements AutoCloseable {
  private final IngestConfig config;
  private final KafkaCluster kafka;
  private final TmdbSimulator simulator;
  private final TmdbConfig tmdb;

  private IngestionServices(
      IngestConfig config, KafkaCluster kafka, TmdbSimulator simulator, TmdbConfig tmdb) {
    this.config = config;
    this.kafka = kafka;
    this.simulator = simulator;
    this.tmdb = tmdb;
  }

  /** Starts what the configuration leaves embedded and creates missing topics. */
  public static IngestionServices start(IngestConfig config) {
    return start(
        config,
        SimulatorOptions.defaults()
            .withMovies(config.tmdb().simulatorMovies())
            .withSeed(config.tmdb().simulatorSeed()));
  }

  /** As {@link #start(IngestConfig)}, with these options for the simulator when it is used. */
  public static IngestionServices start(IngestConfig config, SimulatorOptions simulatorOptions) {
    KafkaCluster kafka = KafkaCluster.open(config);
    try {
      TmdbConfig tmdb = config.tmdb();
      TmdbSimulator simulator = null;
      if (tmdb.simulated()) {
        simulator = TmdbSimulator.start(simulatorOptions);
        tmdb =
            new TmdbConfig(
                Optional.of(simulator.baseUrl()),
                Optional.of(simulatorOptions.apiKey()),
                Optional.empty(),
                tmdb.requestsPerSecond(),
                tmdb.concurrency(),
                tmdb.maxRetries(),
                tmdb.timeout(),
                tmdb.listPages(),
                tmdb.simulatorMovies(),
                tmdb.simulatorSeed());
      }
      return new IngestionServices(config, kafka, simulator, tmdb);
    } catch (RuntimeException e) {
      kafka.close();
      throw e;
    }
  }

  public String bootstrapServers() {
    return kafka.bootstrapServers();
  }

  /** The TMDB settings in use: with the simulator, its URL and key. */
  public TmdbConfig tmdb() {
    return tmdb;
  }

  public Optional<TmdbSimulator> simulator() {
    return Optional.ofNullable(simulator);
  }

  public TmdbClient client(TmdbCounters counters) {
    return new TmdbClient(tmdb.baseUrl().orElseThrow(), tmdb, counters);
  }

  public RecordPublisher publisher() {
    return new RecordPublisher(kafka.bootstrapServers(), config.kafka());
  }

  @Override
  public void close() {
    if (simulator != null) {
      simulator.close();
    }
    kafka.close();
  }
}
