package dev.movielake.bench;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.InsertManyOptions;
import dev.movielake.api.ApiServer;
import dev.movielake.config.ServeConfig;
import dev.movielake.infra.FreePort;
import dev.movielake.infra.process.ChildJvm;
import dev.movielake.model.ServingCollection;
import dev.movielake.ops.wiring.ServingDatabase;
import dev.movielake.publish.ServingIndexes;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.bson.Document;

/**
 * The REST API under load, as users run it: the embedded MongoDB with its H2 file (the default
 * backend), {@code N} synthetic movies with the serving indexes, the real API server with rate
 * limiting off, and a load generator in a JVM of its own driving lookups by id and title searches
 * over keep-alive connections on loopback.
 */
public final class ServeBenchmark implements Benchmark {
  private static final int INSERT_BATCH = 1000;
  private static final String DATABASE = "moviedb";

  /**
   * @param connections concurrent connections (one thread each) of the load generator
   * @param warmUp unmeasured load per endpoint before its measured period
   * @param measure measured period per endpoint
   */
  record Settings(int connections, Duration warmUp, Duration measure) {
    static Settings defaults() {
      return new Settings(16, Duration.ofSeconds(5), Duration.ofSeconds(20));
    }
  }

  private final Settings settings;

  public ServeBenchmark() {
    this(Settings.defaults());
  }

  ServeBenchmark(Settings settings) {
    this.settings = settings;
  }

  @Override
  public String name() {
    return "serve";
  }

  /**
   * @param rows movies in the {@code movies} collection (and their {@code movie_metrics})
   */
  @Override
  public BenchmarkReport run(long rows, PrintWriter progress) {
    Path folder = temporaryFolder();
    try {
      Path file = folder.resolve("mongo").resolve("serving.mv");
      step(progress, "starting the embedded MongoDB with its H2 file " + file);
      try (ServingDatabase serving = ServingDatabase.embedded(file, DATABASE)) {
        MongoDatabase database = serving.database();
        ServingIndexes.ensure(database);
        step(
            progress,
            "loading "
                + rows
                + " synthetic movies and their metrics in batches of "
                + INSERT_BATCH);
        double loadSeconds = load(database, rows);
        progress.println(
            String.format(
                Locale.ROOT, "    %.1f s, %.0f movies/s", loadSeconds, rows / loadSeconds));
        step(
            progress,
            "baseline: finds by _id through the driver alone, "
                + settings.connections()
                + " threads, "
                + settings.warmUp().toSeconds()
                + " s warm-up and "
                + settings.measure().toSeconds()
                + " s measured");
        LoadResult baseline =
            MongoLookupBaseline.measure(
                database.getCollection(ServingCollection.MOVIES.collectionName()),
                rows,
                settings.connections(),
                settings.warmUp(),
                settings.measure());
        progress.println(
            String.format(
                Locale.ROOT,
                "    %.0f finds/s, p50 %.2f ms, p99 %.2f ms",
                baseline.requestsPerSecond(),
                baseline.p50Ms(),
                baseline.p99Ms()));
        ServeConfig config =
            ServeConfig.from(
                Map.of(
                    ServeConfig.API_PORT,
                    Integer.toString(FreePort.find()),
                    ServeConfig.API_RATE_LIMIT,
                    "0",
                    ServeConfig.MONGODB_DATABASE,
                    DATABASE));
        try (ApiServer server =
            ApiServer.start(
                config,
                database,
                new EmptyLakehouse(),
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT))) {
          step(
              progress,
              "API on "
                  + server.url()
                  + "; load generator JVM with "
                  + settings.connections()
                  + " connections, per endpoint "
                  + settings.warmUp().toSeconds()
                  + " s warm-up and "
                  + settings.measure().toSeconds()
                  + " s measured");
          // Other work on the machine takes cores from client and server alike: the report tells
          // it.
          double loadAverage = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
          List<LoadResult> results = generateLoad(server.url(), rows, folder);
          for (LoadResult result : results) {
            progress.println(
                String.format(
                    Locale.ROOT,
                    "    %s: %d requests, %d errors, %.0f requests/s, p50 %.2f ms, "
                        + "p99 %.2f ms",
                    result.endpoint(),
                    result.requests(),
                    result.errors(),
                    result.requestsPerSecond(),
                    result.p50Ms(),
                    result.p99Ms()));
          }
          progress.flush();
          return report(rows, loadSeconds, loadAverage, baseline, results);
        }
      }
    } finally {
      BenchmarkFolder.delete(folder);
    }
  }

  private static double load(MongoDatabase database, long rows) {
    MongoCollection<Document> movies =
        database.getCollection(ServingCollection.MOVIES.collectionName());
    MongoCollection<Document> metrics =
        database.getCollection(ServingCollection.MOVIE_METRICS.collectionName());
    InsertManyOptions unordered = new InsertManyOptions().ordered(false);
    long start = System.nanoTime();
    List<Document> movieBatch = new ArrayList<>(INSERT_BATCH);
    List<Document> metricsBatch = new ArrayList<>(INSERT_BATCH);
    for (long id = 1; id <= rows; id++) {
      Document movie = SyntheticMovies.movie(id);
      movieBatch.add(movie);
      metricsBatch.add(SyntheticMovies.metrics(movie));
      if (movieBatch.size() == INSERT_BATCH || id == rows) {
        movies.insertMany(movieBatch, unordered);
        metrics.insertMany(metricsBatch, unordered);
        movieBatch.clear();
        metricsBatch.clear();
      }
    }
    long inserted = movies.countDocuments();
    if (inserted != rows) {
      throw new IllegalStateException(
          "the movies collection holds " + inserted + " documents, expected " + rows);
    }
    return (System.nanoTime() - start) / 1e9;
  }

  private List<LoadResult> generateLoad(String url, long rows, Path folder) {
    Path words = folder.resolve("title-words.txt");
    Path output = folder.resolve("load-results.json");
    try {
      Files.write(words, SyntheticMovies.TITLE_WORDS, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + words, e);
    }
    List<String> arguments =
        List.of(
            "--url",
            url,
            "--movies",
            Long.toString(rows),
            "--words",
            words.toString(),
            "--connections",
            Integer.toString(settings.connections()),
            "--warm-up",
            Long.toString(settings.warmUp().toSeconds()),
            "--measure",
            Long.toString(settings.measure().toSeconds()),
            "--output",
            output.toString());
    ChildJvm generator =
        ChildJvm.start(
            LoadGenerator.class.getName(),
            arguments,
            Map.of(),
            folder.resolve("load-generator.log"));
    // Two endpoints, each warm-up plus measured period, and a minute for the JVM and slow last
    // answers.
    Duration expected = settings.warmUp().plus(settings.measure()).multipliedBy(2);
    long deadline = System.nanoTime() + expected.plusMinutes(1).toNanos();
    try {
      while (generator.isAlive()) {
        if (System.nanoTime() > deadline) {
          generator.kill();
          throw new IllegalStateException(
              "the load generator did not finish in "
                  + expected.plusMinutes(1).toSeconds()
                  + " s:\n"
                  + generator.logTail());
        }
        Thread.sleep(200);
      }
    } catch (InterruptedException e) {
      generator.kill();
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while the load generator ran", e);
    }
    if (!Files.exists(output)) {
      throw new IllegalStateException(
          "the load generator wrote no results:\n" + generator.logTail());
    }
    return LoadResult.read(output);
  }

  private BenchmarkReport report(
      long rows,
      double loadSeconds,
      double loadAverage,
      LoadResult baseline,
      List<LoadResult> results) {
    LoadResult lookup = endpoint(results, "lookup");
    LoadResult search = endpoint(results, "search");
    List<BenchmarkResult> metrics =
        List.of(
            BenchmarkResult.atLeast(
                "lookup_requests_per_second", lookup.requestsPerSecond(), "requests/s", 2000),
            BenchmarkResult.below("lookup_p99_ms", lookup.p99Ms(), "ms", 50),
            BenchmarkResult.recorded("lookup_p50_ms", lookup.p50Ms(), "ms"),
            BenchmarkResult.atMost("lookup_errors", lookup.errors(), "requests", 0),
            BenchmarkResult.recorded(
                "search_requests_per_second", search.requestsPerSecond(), "requests/s"),
            BenchmarkResult.recorded("search_p99_ms", search.p99Ms(), "ms"),
            BenchmarkResult.recorded("search_p50_ms", search.p50Ms(), "ms"),
            BenchmarkResult.atMost("search_errors", search.errors(), "requests", 0),
            BenchmarkResult.recorded(
                "mongo_lookup_per_second", baseline.requestsPerSecond(), "finds/s"),
            BenchmarkResult.recorded("mongo_lookup_p99_ms", baseline.p99Ms(), "ms"));

    List<List<String>> table = new ArrayList<>();
    table.add(
        List.of("operation", "requests", "errors", "requests/s", "p50 ms", "p99 ms", "max ms"));
    List<Map.Entry<String, LoadResult>> operations =
        List.of(
            Map.entry("GET /movies/{random id}", lookup),
            Map.entry("GET /movies/search?q={random title word}&limit=20", search),
            Map.entry(
                "baseline: MongoDB find by random _id through the driver, no HTTP", baseline));
    for (Map.Entry<String, LoadResult> operation : operations) {
      LoadResult result = operation.getValue();
      table.add(
          List.of(
              operation.getKey(),
              Long.toString(result.requests()),
              Long.toString(result.errors()),
              String.format(Locale.ROOT, "%.0f", result.requestsPerSecond()),
              String.format(Locale.ROOT, "%.2f", result.p50Ms()),
              String.format(Locale.ROOT, "%.2f", result.p99Ms()),
              String.format(Locale.ROOT, "%.2f", result.maxMs())));
    }

    List<String> notes =
        new ArrayList<>(
            List.of(
                rows
                    + " synthetic movies (and their movie_metrics) in the embedded MongoDB"
                    + " (mongo-java-server) with its H2 file backend, the default users get; loaded"
                    + " with unordered insertMany in batches of "
                    + INSERT_BATCH
                    + String.format(Locale.ROOT, " in %.1f s.", loadSeconds),
                "The serving indexes are requested, but mongo-java-server keeps only the _id index"
                    + " (it ignores secondary ones): a lookup reads one document by _id; a title"
                    + " search scans the API's in-memory title index (rebuilt when movies are"
                    + " published) and then reads the page's documents by _id.",
                "The embedded server's H2 page cache (MONGODB_EMBEDDED_CACHE_MB, 512 MB by default)"
                    + " holds the whole collection. With H2's default of 16 MB, movies were read"
                    + " from the file and decoded on every lookup: 783 lookups/s with p99 110 ms,"
                    + " and 2 783 finds/s for MongoDB alone, on this machine. A real MongoDB"
                    + " (MONGODB_URI) was not available here to compare.",
                "The real API server (Javalin) with rate limiting off (API_RATE_LIMIT_PER_SECOND=0)"
                    + " and no API key, in the benchmark's JVM; the load generator is a JVM of its"
                    + " own on the same machine ("
                    + Runtime.getRuntime().availableProcessors()
                    + " cores shared by client, API and MongoDB; system load "
                    + String.format(Locale.ROOT, "average %.1f", loadAverage)
                    + " when the load started).",
                settings.connections()
                    + " threads, each with a keep-alive HttpURLConnection on loopback, request as"
                    + " fast as answers come (closed loop). Per endpoint "
                    + settings.warmUp().toSeconds()
                    + " s warm-up, then "
                    + settings.measure().toSeconds()
                    + " s measured; latency from sending to the last byte of the body, "
                    + "recorded in an HdrHistogram (3 significant digits).",
                "Lookups ask for a random existing id; searches for a random word that titles are"
                    + " made of (each matches about a tenth of the movies), limit 20, most popular"
                    + " first. Any answer other than 2xx is an error.",
                "Search has no target yet: its throughput and latencies are recorded only.",
                "Baseline: before the API starts, the benchmark's JVM runs the same random finds by"
                    + " _id with the driver from "
                    + settings.connections()
                    + " threads for the same periods, without HTTP, JSON or the API: the rate"
                    + " MongoDB alone allows on this machine, against which the API's lookup rate"
                    + " compares."));
    for (LoadResult result : List.of(lookup, search)) {
      if (result.firstError() != null) {
        notes.add("First " + result.endpoint() + " error: " + result.firstError());
      }
    }
    return new BenchmarkReport(name(), rows, metrics, table, notes);
  }

  private static LoadResult endpoint(List<LoadResult> results, String endpoint) {
    return results.stream()
        .filter(result -> result.endpoint().equals(endpoint))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "the load generator reported no " + endpoint + " results"));
  }

  private static Path temporaryFolder() {
    try {
      return Files.createTempDirectory("movielake-bench-serve");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary folder for the serve benchmark", e);
    }
  }

  private static void step(PrintWriter progress, String message) {
    progress.println("  " + message + " ...");
    progress.flush();
  }
}
