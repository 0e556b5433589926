package dev.movielake.bench;

import dev.movielake.config.IngestConfig;
import dev.movielake.config.TmdbConfig;
import dev.movielake.ingest.kafka.RecordPublisher;
import dev.movielake.ingest.run.BatchCheckpoint;
import dev.movielake.ingest.run.BatchIngestion;
import dev.movielake.ingest.run.IngestionProgress;
import dev.movielake.ingest.run.IngestionReport;
import dev.movielake.ingest.tmdb.TmdbCounters;
import dev.movielake.ops.wiring.IngestionServices;
import dev.movielake.simulator.SimulatorOptions;
import dev.movielake.simulator.SimulatorStats;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/**
 * Ingestion throughput in one run: a batch against the built-in simulator into an embedded broker,
 * at the configured rate limit (TMDB's 40 requests/s by default) with 4-way concurrency. Measures
 * the sustained request rate as a share of the limit, the most requests the simulator saw in any
 * one second, records per second into Kafka, and records lost (sent minus what the topics hold).
 */
public final class IngestBenchmark implements Benchmark {
  private final IngestConfig config;

  public IngestBenchmark(IngestConfig config) {
    this.config = config;
  }

  @Override
  public String name() {
    return "ingest";
  }

  /**
   * @param rows movies in the simulator's catalog
   */
  @Override
  public BenchmarkReport run(long rows, PrintWriter progress) {
    Path home = config.home().resolve("bench").resolve("ingest");
    BenchmarkFolder.delete(home);
    TmdbConfig tmdb = config.tmdb();
    // Always the simulator and an embedded broker: the benchmark must not spend a real API quota.
    IngestConfig benchConfig =
        IngestConfig.from(
            Map.of(
                "LAKEHOUSE_HOME", home.toString(),
                "TMDB_REQUESTS_PER_SECOND", Integer.toString(tmdb.requestsPerSecond()),
                "TMDB_CONCURRENCY", Integer.toString(tmdb.concurrency())));
    int limit = benchConfig.tmdb().requestsPerSecond();
    progress.println("  starting an embedded broker and the simulator (" + rows + " movies) ...");
    progress.flush();
    try (IngestionServices services =
            IngestionServices.start(
                benchConfig, SimulatorOptions.defaults().withMovies((int) rows).withSeed(42));
        RecordPublisher publisher = services.publisher()) {
      progress.println(
          "  batch: 5 lists x 5 pages, details, reviews, people at "
              + limit
              + " requests/s, "
              + benchConfig.tmdb().concurrency()
              + "-way ...");
      progress.flush();
      BatchIngestion batch =
          new BatchIngestion(
              services.client(new TmdbCounters()),
              publisher,
              benchConfig.kafka(),
              benchConfig.tmdb().concurrency(),
              IngestionProgress.NONE);
      IngestionReport report =
          batch.run(5, BatchCheckpoint.openOrStart(benchConfig.state().resolve("batch")));
      SimulatorStats stats = services.simulator().orElseThrow().stats();
      long inKafka =
          recordsInTopics(
              services.bootstrapServers(), benchConfig.kafka().topics().values().stream().toList());

      double seconds = report.duration().toNanos() / 1e9;
      double requestsPerSecond = report.requests().requests() / seconds;
      double share = requestsPerSecond / limit;
      long lost = publisher.sent() - inKafka;
      List<BenchmarkResult> results =
          List.of(
              new BenchmarkResult(
                  "rate_share_of_limit",
                  round(share),
                  "share",
                  ">= 0.9 and max per second <= " + limit,
                  share >= 0.9 && stats.maxRequestsInOneSecond() <= limit),
              BenchmarkResult.atMost("requests_per_second", requestsPerSecond, "requests/s", limit),
              BenchmarkResult.above(
                  "records_per_second", report.records() / seconds, "records/s", 0),
              BenchmarkResult.atMost("lost_records", lost, "records", 0));
      List<List<String>> table = new ArrayList<>();
      table.add(List.of("measure", "value"));
      table.add(List.of("duration", String.format(Locale.ROOT, "%.1f s", seconds)));
      table.add(
          List.of(
              "requests (retries)",
              report.requests().requests() + " (" + report.requests().retries() + ")"));
      table.add(
          List.of(
              "sustained rate",
              String.format(
                  Locale.ROOT,
                  "%.1f requests/s of %d allowed (%.0f %%)",
                  requestsPerSecond,
                  limit,
                  share * 100)));
      table.add(
          List.of(
              "most requests in one second (simulator)",
              Long.toString(stats.maxRequestsInOneSecond())));
      table.add(List.of("movies / people", report.movies() + " / " + report.people()));
      table.add(List.of("records sent / in Kafka", publisher.sent() + " / " + inKafka));
      table.add(List.of("records per topic", report.recordsPerTopic().toString()));
      table.add(
          List.of(
              "records/s into Kafka",
              String.format(Locale.ROOT, "%.0f", report.records() / seconds)));
      List<String> notes =
          List.of(
              "A batch run (5 lists x 5 pages, each movie's details with credits, reviews and"
                  + " keywords in one call, further review pages, then people) against the built-in"
                  + " TMDB simulator, into an embedded Kafka broker.",
              "The client's smooth rate limiter admits every attempt, retries included; the"
                  + " simulator counts the most requests it received in any one-second window.",
              "Lost records: records handed to the producer minus the records the topics hold after"
                  + " the run.");
      return new BenchmarkReport(name(), report.records(), results, table, notes);
    }
  }

  private static long recordsInTopics(String bootstrapServers, List<String> topics) {
    Properties properties = new Properties();
    properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    try (Admin admin = Admin.create(properties)) {
      Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
      admin
          .describeTopics(topics)
          .allTopicNames()
          .get()
          .forEach(
              (topic, description) ->
                  description
                      .partitions()
                      .forEach(
                          partition ->
                              latest.put(
                                  new TopicPartition(topic, partition.partition()),
                                  OffsetSpec.latest())));
      return admin.listOffsets(latest).all().get().values().stream()
          .mapToLong(info -> info.offset())
          .sum();
    } catch (Exception e) {
      throw new IllegalStateException("cannot count the records in Kafka: " + e.getMessage(), e);
    }
  }

  private static double round(double value) {
    return Math.round(value * 1000) / 1000.0;
  }
}
