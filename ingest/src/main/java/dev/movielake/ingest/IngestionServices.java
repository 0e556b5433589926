package dev.movielake.ingest;

import dev.movielake.config.IngestConfig;
import dev.movielake.config.TmdbConfig;
import dev.movielake.infra.kafka.EmbeddedKafka;
import dev.movielake.ingest.kafka.RecordPublisher;
import dev.movielake.ingest.kafka.TopicAdmin;
import dev.movielake.ingest.kafka.TopicSettings;
import dev.movielake.ingest.simulator.SimulatorOptions;
import dev.movielake.ingest.simulator.TmdbSimulator;
import dev.movielake.ingest.tmdb.TmdbClient;
import dev.movielake.ingest.tmdb.TmdbCounters;
import java.util.List;
import java.util.Optional;

/**
 * The systems ingestion talks to, chosen from configuration in this one place: the configured
 * Kafka cluster or an embedded broker, the TMDB API with a key or the built-in simulator. Closing
 * stops only what this object started.
 */
public final class IngestionServices implements AutoCloseable {
  private final IngestConfig config;
  private final EmbeddedKafka broker;
  private final TmdbSimulator simulator;
  private final String bootstrapServers;
  private final TmdbConfig tmdb;
  private final List<String> createdTopics;

  private IngestionServices(IngestConfig config, EmbeddedKafka broker, TmdbSimulator simulator,
      String bootstrapServers, TmdbConfig tmdb, List<String> createdTopics) {
    this.config = config;
    this.broker = broker;
    this.simulator = simulator;
    this.bootstrapServers = bootstrapServers;
    this.tmdb = tmdb;
    this.createdTopics = createdTopics;
  }

  /** Starts what the configuration leaves embedded and creates missing topics. */
  public static IngestionServices start(IngestConfig config) {
    return start(config, SimulatorOptions.defaults()
        .withMovies(config.tmdb().simulatorMovies())
        .withSeed(config.tmdb().simulatorSeed()));
  }

  /** As {@link #start(IngestConfig)}, with these options for the simulator when it is used. */
  public static IngestionServices start(IngestConfig config, SimulatorOptions simulatorOptions) {
    EmbeddedKafka broker = null;
    TmdbSimulator simulator = null;
    try {
      String servers;
      if (config.kafka().embedded()) {
        broker = EmbeddedKafka.start(config.kafkaData());
        servers = broker.bootstrapServers();
      } else {
        servers = config.kafka().bootstrapServers().orElseThrow();
      }
      TmdbConfig tmdb = config.tmdb();
      if (tmdb.simulated()) {
        simulator = TmdbSimulator.start(simulatorOptions);
        tmdb = new TmdbConfig(Optional.of(simulator.baseUrl()), Optional.of(simulatorOptions.apiKey()), Optional.empty(),
            tmdb.requestsPerSecond(), tmdb.concurrency(), tmdb.maxRetries(), tmdb.timeout(), tmdb.listPages(),
            tmdb.simulatorMovies(), tmdb.simulatorSeed());
      }
      List<String> created = TopicAdmin.ensure(servers, TopicSettings.of(config.kafka()));
      return new IngestionServices(config, broker, simulator, servers, tmdb, created);
    } catch (RuntimeException e) {
      if (simulator != null) {
        simulator.close();
      }
      if (broker != null) {
        broker.close();
      }
      throw e;
    }
  }

  public String bootstrapServers() {
    return bootstrapServers;
  }

  /** The TMDB settings in use: with the simulator, its URL and key. */
  public TmdbConfig tmdb() {
    return tmdb;
  }

  public Optional<TmdbSimulator> simulator() {
    return Optional.ofNullable(simulator);
  }

  public boolean embeddedBroker() {
    return broker != null;
  }

  public List<String> createdTopics() {
    return createdTopics;
  }

  public TmdbClient client(TmdbCounters counters) {
    return new TmdbClient(tmdb.baseUrl().orElseThrow(), tmdb, counters);
  }

  public RecordPublisher publisher() {
    return new RecordPublisher(bootstrapServers, config.kafka());
  }

  @Override
  public void close() {
    if (simulator != null) {
      simulator.close();
    }
    if (broker != null) {
      broker.close();
    }
  }
}
