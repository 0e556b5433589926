package dev.movielake.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.movielake.config.IngestConfig;
import dev.movielake.config.KafkaConfig;
import dev.movielake.config.TmdbConfig;
import dev.movielake.infra.kafka.EmbeddedKafka;
import dev.movielake.ingest.kafka.RecordPublisher;
import dev.movielake.ingest.kafka.TopicAdmin;
import dev.movielake.ingest.kafka.TopicSettings;
import dev.movielake.ingest.run.BatchCheckpoint;
import dev.movielake.ingest.run.BatchIngestion;
import dev.movielake.ingest.run.ContinuousIngestion;
import dev.movielake.ingest.run.IngestionProgress;
import dev.movielake.ingest.run.IngestionReport;
import dev.movielake.ingest.tmdb.TmdbAuthenticationException;
import dev.movielake.ingest.tmdb.TmdbClient;
import dev.movielake.ingest.tmdb.TmdbCounters;
import dev.movielake.model.RecordType;
import dev.movielake.simulator.DataFault;
import dev.movielake.simulator.DataFaults;
import dev.movielake.simulator.Faults;
import dev.movielake.simulator.SimulatorOptions;
import dev.movielake.simulator.TmdbSimulator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Batch runs against the simulator into a real (embedded) broker, each with topics of its own. */
class BatchIngestionTest {
  private static final int MOVIES = 200;
  private static final long SEED = 11;
  private static EmbeddedKafka broker;
  private static final AtomicInteger RUNS = new AtomicInteger();

  @TempDir static Path folder;

  @BeforeAll
  static void startBroker() {
    broker = EmbeddedKafka.start(folder.resolve("kafka"));
  }

  @AfterAll
  static void stopBroker() {
    broker.close();
  }

  /** Topics named for one test, so runs never see each other's records. */
  private static KafkaConfig topics(String prefix) {
    Map<String, String> variables = new HashMap<>();
    for (RecordType recordType : RecordType.values()) {
      String type = recordType.recordType();
      variables.put(KafkaConfig.topicVariable(type), prefix + "." + type);
    }
    KafkaConfig kafka = IngestConfig.from(variables).kafka();
    TopicAdmin.ensure(broker.bootstrapServers(), TopicSettings.of(kafka));
    return kafka;
  }

  private static TmdbConfig tmdb(TmdbSimulator simulator, Duration timeout) {
    return new TmdbConfig(
        Optional.of(simulator.baseUrl()),
        Optional.of("simulator-key"),
        Optional.empty(),
        200,
        4,
        8,
        timeout,
        1,
        MOVIES,
        SEED);
  }

  private record Run(IngestionReport report, KafkaConfig kafka) {}

  private static Run batch(
      TmdbSimulator simulator,
      Duration timeout,
      Path checkpoint,
      KafkaConfig kafka,
      IngestionProgress progress,
      Consumer<BatchIngestion> onStart) {
    try (RecordPublisher publisher = new RecordPublisher(broker.bootstrapServers(), kafka)) {
      TmdbClient client =
          new TmdbClient(simulator.baseUrl(), tmdb(simulator, timeout), new TmdbCounters());
      BatchIngestion batch = new BatchIngestion(client, publisher, kafka, 4, progress);
      onStart.accept(batch);
      return new Run(batch.run(1, BatchCheckpoint.openOrStart(checkpoint)), kafka);
    }
  }

  private static Map<String, Map<String, Long>> keys(KafkaConfig kafka) {
    Map<String, Map<String, Long>> keys = new TreeMap<>();
    for (String type : List.of("movies", "people", "credits", "reviews")) {
      keys.put(type, TopicReader.keyCounts(broker.bootstrapServers(), kafka.topic(type)));
    }
    return keys;
  }

  @Test
  void faultsOnTwentyPercentOfRequestsStillDeliverEveryRecordExactlyOnce(@TempDir Path state) {
    Map<String, Map<String, Long>> clean;
    try (TmdbSimulator simulator =
        TmdbSimulator.start(SimulatorOptions.defaults().withMovies(MOVIES).withSeed(SEED))) {
      Run run =
          batch(
              simulator,
              Duration.ofSeconds(5),
              state.resolve("clean"),
              topics("clean" + RUNS.incrementAndGet()),
              IngestionProgress.NONE,
              ignored -> {});
      clean = keys(run.kafka());
      assertThat(run.report().movies()).isPositive();
      assertThat(run.report().people()).isPositive();
    }
    // 429 storms, server errors and timeouts on 20 % of requests in all.
    Faults faults = new Faults(0.07, 0.07, 0.06, Duration.ofSeconds(2), Duration.ZERO, 1);
    try (TmdbSimulator simulator =
        TmdbSimulator.start(
            SimulatorOptions.defaults().withMovies(MOVIES).withSeed(SEED).withFaults(faults))) {
      Run run =
          batch(
              simulator,
              Duration.ofMillis(600),
              state.resolve("faulty"),
              topics("faulty" + RUNS.incrementAndGet()),
              IngestionProgress.NONE,
              ignored -> {});
      TmdbCounters.Snapshot requests = run.report().requests();
      assertThat(requests.rateLimited()).isPositive();
      assertThat(requests.serverErrors()).isPositive();
      assertThat(requests.timeouts()).isPositive();
      assertThat(requests.failed()).isZero();
      Map<String, Map<String, Long>> delivered = keys(run.kafka());
      assertThat(delivered).isEqualTo(clean);
      assertThat(delivered.get("movies").values()).allMatch(count -> count == 1);
      assertThat(delivered.get("people").values()).allMatch(count -> count == 1);
      assertThat(delivered.get("reviews").values()).allMatch(count -> count == 1);
      // Movies that TMDB lists but no longer has are skipped, counted and named.
      assertThat(requests.notFound()).isEqualTo(requests.skipped().size());
    }
  }

  /**
   * The ingest de-duplicates the ids it reads from lists, but keys a movie by the id in its
   * details: a storm of details answering with a few ids reaches Kafka whole, while credits keep
   * the requested ids and so point at movies that never arrive.
   */
  @Test
  void aDuplicatedKeysStormPutsEveryMovieOfARunOnAFewKeys(@TempDir Path state) {
    try (TmdbSimulator simulator =
        TmdbSimulator.start(
            SimulatorOptions.defaults()
                .withMovies(MOVIES)
                .withSeed(SEED)
                .withDataFaults(DataFaults.none().withFault(DataFault.DUPLICATED_KEYS)))) {
      Run run =
          batch(
              simulator,
              Duration.ofSeconds(5),
              state.resolve("storm"),
              topics("storm" + RUNS.incrementAndGet()),
              IngestionProgress.NONE,
              ignored -> {});
      Map<String, Long> movies =
          TopicReader.keyCounts(broker.bootstrapServers(), run.kafka().topic("movies"));
      assertThat(run.report().movies()).isGreaterThanOrEqualTo(50);
      assertThat(movies.values().stream().mapToLong(Long::longValue).sum())
          .isEqualTo(run.report().movies());
      assertThat(movies.keySet())
          .hasSizeLessThanOrEqualTo(3)
          .isSubsetOf(simulator.duplicatedKeys().stream().map(String::valueOf).toList());
      assertThat(simulator.stats().injected(DataFault.DUPLICATED_KEYS))
          .isEqualTo(run.report().movies());

      Set<String> creditedMovies = new HashSet<>();
      TopicReader.keyCounts(broker.bootstrapServers(), run.kafka().topic("credits"))
          .keySet()
          .forEach(key -> creditedMovies.add(key.substring(0, key.indexOf('_'))));
      creditedMovies.removeAll(movies.keySet());
      assertThat(creditedMovies)
          .as("credits of movies without a movie record")
          .hasSizeGreaterThan(40);
    }
  }

  @Test
  void anInterruptedBatchResumesWithoutDuplicateKeys(@TempDir Path state) {
    KafkaConfig kafka = topics("resume" + RUNS.incrementAndGet());
    Path checkpoint = state.resolve("batch");
    try (TmdbSimulator simulator =
        TmdbSimulator.start(SimulatorOptions.defaults().withMovies(MOVIES).withSeed(SEED))) {
      AtomicInteger fetched = new AtomicInteger();
      BatchIngestion[] running = new BatchIngestion[1];
      IngestionProgress stopAfterTwenty =
          new IngestionProgress() {
            @Override
            public void advance() {
              if (fetched.incrementAndGet() == 30) { // lists take 6 steps; stop amid the movies
                running[0].stop();
              }
            }
          };
      Run first =
          batch(
              simulator,
              Duration.ofSeconds(5),
              checkpoint,
              kafka,
              stopAfterTwenty,
              batch -> running[0] = batch);
      assertThat(first.report().interrupted()).isTrue();
      assertThat(BatchCheckpoint.unfinished(checkpoint)).isTrue();
      long deliveredFirst = first.report().movies();
      assertThat(deliveredFirst).isPositive();

      Run second =
          batch(
              simulator,
              Duration.ofSeconds(5),
              checkpoint,
              kafka,
              IngestionProgress.NONE,
              ignored -> {});
      assertThat(second.report().interrupted()).isFalse();
      assertThat(second.report().resumedMovies()).isGreaterThanOrEqualTo(deliveredFirst);
      assertThat(BatchCheckpoint.unfinished(checkpoint)).isFalse();

      Map<String, Long> movies =
          TopicReader.keyCounts(broker.bootstrapServers(), kafka.topic("movies"));
      Map<String, Long> people =
          TopicReader.keyCounts(broker.bootstrapServers(), kafka.topic("people"));
      assertThat(movies.values()).allMatch(count -> count == 1);
      assertThat(people.values()).allMatch(count -> count == 1);
      assertThat(movies).hasSize((int) (deliveredFirst + second.report().movies()));
    }
  }

  @Test
  void continuousRunsCyclesUntilStoppedAndDeliversEachOne(@TempDir Path state) throws Exception {
    KafkaConfig kafka = topics("continuous" + RUNS.incrementAndGet());
    try (TmdbSimulator simulator =
            TmdbSimulator.start(SimulatorOptions.defaults().withMovies(60).withSeed(SEED));
        RecordPublisher publisher = new RecordPublisher(broker.bootstrapServers(), kafka)) {
      ContinuousIngestion continuous =
          new ContinuousIngestion(
              () ->
                  new BatchIngestion(
                      new TmdbClient(
                          simulator.baseUrl(),
                          tmdb(simulator, Duration.ofSeconds(5)),
                          new TmdbCounters()),
                      publisher,
                      kafka,
                      4,
                      IngestionProgress.NONE),
              Duration.ofMillis(200),
              1,
              state.resolve("continuous"));
      List<IngestionReport> seen = new CopyOnWriteArrayList<>();
      List<IngestionReport> reports =
          continuous.run(
              report -> {
                seen.add(report);
                if (seen.size() == 2) {
                  continuous.stop();
                }
              });
      assertThat(reports).hasSize(2);
      assertThat(reports).allSatisfy(report -> assertThat(report.movies()).isPositive());
      // Each cycle is a new run: the second delivers the same movies again, as a refresh.
      Map<String, Long> movies =
          TopicReader.keyCounts(broker.bootstrapServers(), kafka.topic("movies"));
      assertThat(movies.values()).allMatch(count -> count == 2);
      assertThat(BatchCheckpoint.unfinished(state.resolve("continuous"))).isFalse();
    }
    assertThat(ContinuousIngestion.parseInterval("60m")).isEqualTo(Duration.ofMinutes(60));
    assertThat(ContinuousIngestion.parseInterval("30s")).isEqualTo(Duration.ofSeconds(30));
    assertThat(ContinuousIngestion.parseInterval("PT15M")).isEqualTo(Duration.ofMinutes(15));
    assertThatThrownBy(() -> ContinuousIngestion.parseInterval("soon")).hasMessageContaining("60m");
  }

  @Test
  void aStopDuringRetriesAgainstAFailingServerEndsTheRunWithoutSittingOutTheRetries(
      @TempDir Path state) throws Exception {
    Faults everyRequestFails = new Faults(0, 1.0, 0, Duration.ZERO, Duration.ZERO, 1);
    try (TmdbSimulator simulator =
        TmdbSimulator.start(
            SimulatorOptions.defaults()
                .withMovies(50)
                .withSeed(SEED)
                .withFaults(everyRequestFails))) {
      // Eight retries with back-off would take about a minute before the run failed.
      TmdbConfig patient =
          new TmdbConfig(
              Optional.of(simulator.baseUrl()),
              Optional.of("simulator-key"),
              Optional.empty(),
              200,
              4,
              8,
              Duration.ofSeconds(5),
              1,
              50,
              SEED);
      KafkaConfig kafka = topics("stopping" + RUNS.incrementAndGet());
      TmdbCounters counters = new TmdbCounters();
      try (RecordPublisher publisher = new RecordPublisher(broker.bootstrapServers(), kafka)) {
        BatchIngestion batch =
            new BatchIngestion(
                new TmdbClient(simulator.baseUrl(), patient, counters),
                publisher,
                kafka,
                4,
                IngestionProgress.NONE);
        Thread stopper =
            new Thread(
                () -> {
                  while (counters.snapshot().requests() < 2) {
                    Thread.onSpinWait();
                  }
                  batch.stop();
                });
        stopper.start();

        IngestionReport report = batch.run(1, BatchCheckpoint.openOrStart(state.resolve("batch")));
        stopper.join();

        assertThat(report.interrupted()).isTrue();
        assertThat(report.movies()).isZero();
        // The request in flight at the stop may end; none is retried after it.
        assertThat(counters.snapshot().requests()).isLessThanOrEqualTo(3);
      }
    }
  }

  @Test
  void aBadKeyStopsTheRunAtOnce(@TempDir Path state) {
    try (TmdbSimulator simulator =
        TmdbSimulator.start(SimulatorOptions.defaults().withMovies(50).withSeed(SEED))) {
      TmdbConfig wrong =
          new TmdbConfig(
              Optional.of(simulator.baseUrl()),
              Optional.of("not-the-key"),
              Optional.empty(),
              40,
              4,
              6,
              Duration.ofSeconds(5),
              1,
              50,
              SEED);
      KafkaConfig kafka = topics("badkey" + RUNS.incrementAndGet());
      try (RecordPublisher publisher = new RecordPublisher(broker.bootstrapServers(), kafka)) {
        TmdbCounters counters = new TmdbCounters();
        BatchIngestion batch =
            new BatchIngestion(
                new TmdbClient(simulator.baseUrl(), wrong, counters),
                publisher,
                kafka,
                4,
                IngestionProgress.NONE);
        assertThatThrownBy(() -> batch.run(1, BatchCheckpoint.openOrStart(state.resolve("batch"))))
            .isInstanceOf(TmdbAuthenticationException.class)
            .hasMessageContaining("TMDB_API_KEY");
        assertThat(counters.snapshot().requests()).isEqualTo(1);
      }
    }
  }
}
