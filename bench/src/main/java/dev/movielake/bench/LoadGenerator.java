package dev.movielake.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.HdrHistogram.Histogram;

/**
 * The serve benchmark's client, in a JVM of its own so its threads, allocation and JIT do not share
 * the server's heap: a fixed number of threads, each with a keep-alive connection to the API on
 * loopback, requesting one endpoint after the other as fast as answers come. Each endpoint gets a
 * warm-up, then a measured period whose latencies go to an HdrHistogram.
 *
 * <p>Arguments: {@code --url URL --movies N --words FILE --connections N --warm-up SECONDS
 * --measure SECONDS --output FILE}.
 */
public final class LoadGenerator {
  /**
   * Latencies above a minute are recorded as a minute; no answer takes that long before its
   * timeout.
   */
  private static final long HIGHEST_MICROSECONDS = TimeUnit.MINUTES.toMicros(1);

  private static final int TIMEOUT_MILLIS = 30_000;

  private final URI base;
  private final int connections;
  private final Duration warmUp;
  private final Duration measure;

  LoadGenerator(URI base, int connections, Duration warmUp, Duration measure) {
    this.base = base;
    this.connections = connections;
    this.warmUp = warmUp;
    this.measure = measure;
  }

  public static void main(String[] arguments) throws IOException, InterruptedException {
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i + 1 < arguments.length; i += 2) {
      options.put(arguments[i], arguments[i + 1]);
    }
    int connections = Integer.parseInt(required(options, "--connections"));
    // The JDK keeps 5 idle connections per server by default: more threads would reconnect.
    System.setProperty("http.maxConnections", Integer.toString(connections));
    System.setProperty("http.keepAlive", "true");
    long movies = Long.parseLong(required(options, "--movies"));
    List<String> words =
        Files.readAllLines(Path.of(required(options, "--words")), StandardCharsets.UTF_8);
    LoadGenerator generator =
        new LoadGenerator(
            URI.create(required(options, "--url")),
            connections,
            Duration.ofSeconds(Long.parseLong(required(options, "--warm-up"))),
            Duration.ofSeconds(Long.parseLong(required(options, "--measure"))));

    List<LoadResult> results = new ArrayList<>();
    results.add(
        generator.run(
            "lookup", () -> "/movies/" + ThreadLocalRandom.current().nextLong(1, movies + 1)));
    results.add(
        generator.run(
            "search",
            () ->
                "/movies/search?q="
                    + URLEncoder.encode(
                        words.get(ThreadLocalRandom.current().nextInt(words.size())),
                        StandardCharsets.UTF_8)
                    + "&limit=20"));
    LoadResult.write(results, Path.of(required(options, "--output")));
    results.forEach(result -> System.out.println(result));
  }

  /** Drives one endpoint: warm-up, then the measured period; requests started in it are counted. */
  LoadResult run(String endpoint, Supplier<String> paths) throws InterruptedException {
    long start = System.nanoTime();
    long measureStart = start + warmUp.toNanos();
    long measureEnd = measureStart + measure.toNanos();
    AtomicReference<String> firstError = new AtomicReference<>();
    ExecutorService threads = Executors.newFixedThreadPool(connections);
    List<Future<Counts>> workers = new ArrayList<>();
    for (int i = 0; i < connections; i++) {
      workers.add(threads.submit(() -> drive(paths, measureStart, measureEnd, firstError)));
    }
    Histogram latencies = new Histogram(HIGHEST_MICROSECONDS, 3);
    long errors = 0;
    try {
      for (Future<Counts> worker : workers) {
        Counts counts = worker.get();
        latencies.add(counts.latencies());
        errors += counts.errors();
      }
    } catch (ExecutionException e) {
      throw new IllegalStateException("a load thread failed", e.getCause());
    } finally {
      threads.shutdownNow();
    }
    double seconds = measure.toNanos() / 1e9;
    long requests = latencies.getTotalCount();
    return new LoadResult(
        endpoint,
        requests,
        errors,
        seconds,
        requests / seconds,
        latencies.getValueAtPercentile(50) / 1000.0,
        latencies.getValueAtPercentile(99) / 1000.0,
        latencies.getMaxValue() / 1000.0,
        firstError.get());
  }

  private record Counts(Histogram latencies, long errors) {}

  private Counts drive(
      Supplier<String> paths,
      long measureStart,
      long measureEnd,
      AtomicReference<String> firstError) {
    Histogram latencies = new Histogram(HIGHEST_MICROSECONDS, 3);
    long errors = 0;
    for (long started = System.nanoTime(); started < measureEnd; started = System.nanoTime()) {
      String path = paths.get();
      String error = request(path);
      long elapsed = System.nanoTime() - started;
      if (started >= measureStart) {
        latencies.recordValue(
            Math.min(HIGHEST_MICROSECONDS, TimeUnit.NANOSECONDS.toMicros(elapsed)));
        if (error != null) {
          errors++;
          firstError.compareAndSet(null, "GET " + path + ": " + error);
        }
      }
    }
    return new Counts(latencies, errors);
  }

  /**
   * Null on a 2xx answer, else what went wrong. The body is read to its end, which keeps the
   * connection.
   */
  private String request(String path) {
    try {
      HttpURLConnection connection =
          (HttpURLConnection) base.resolve(path).toURL().openConnection();
      connection.setConnectTimeout(TIMEOUT_MILLIS);
      connection.setReadTimeout(TIMEOUT_MILLIS);
      int status = connection.getResponseCode();
      try (InputStream body =
          status < 400 ? connection.getInputStream() : connection.getErrorStream()) {
        if (body != null) {
          body.transferTo(OutputStream.nullOutputStream());
        }
      }
      return status >= 200 && status < 300 ? null : "HTTP " + status;
    } catch (IOException e) {
      return e.toString();
    }
  }

  private static String required(Map<String, String> options, String name) {
    String value = options.get(name);
    if (value == null) {
      throw new IllegalArgumentException("missing " + name + " VALUE");
    }
    return value;
  }
}
