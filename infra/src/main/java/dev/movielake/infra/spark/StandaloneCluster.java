package dev.movielake.infra.spark;

import dev.movielake.infra.FreePort;
import dev.movielake.infra.process.ChildJvm;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Spark standalone cluster on this machine: a master and one worker, each a JVM of its own,
 * started from a folder of Spark jars (the package build's {@code app/target/spark-home/jars}, or a
 * Spark distribution's {@code jars/}). Everything listens on 127.0.0.1 and free ports. Submit to
 * {@link #masterUrl()} with {@code org.apache.spark.deploy.SparkSubmit} on the class path {@code
 * sparkHome()/conf:sparkHome()/jars/*}.
 *
 * <p>The worker starts executors as {@code bin/spark-class} would, so it needs a SPARK_HOME: {@code
 * work/spark-home} holds a link to the jars and a {@code conf/} with a quiet logging configuration,
 * which the worker puts on every executor's class path. Spark's launcher also wants to know its
 * Scala version, which a distribution's scripts set (SPARK_SCALA_VERSION).
 */
public final class StandaloneCluster implements AutoCloseable {
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
  private static final Duration STOP_GRACE = Duration.ofSeconds(15);
  private static final Pattern ALIVE_WORKERS = Pattern.compile("\"aliveworkers\"\\s*:\\s*(\\d+)");

  /** The JVM options of this JVM the master and worker need: Spark's module flags. */
  private static final List<String> SPARK_OPTION_PREFIXES =
      List.of(
          "--add-opens",
          "-Djdk.reflect.useDirectMethodHandle",
          "-Dio.netty.tryReflectionSetAccessible");

  private final Path sparkHome;
  private final String masterUrl;
  private final String masterWebUrl;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private ChildJvm master;
  private ChildJvm worker;

  private StandaloneCluster(Path sparkHome, String masterUrl, String masterWebUrl) {
    this.sparkHome = sparkHome;
    this.masterUrl = masterUrl;
    this.masterWebUrl = masterWebUrl;
  }

  /**
   * Starts the master, then the worker, and returns once the worker has registered.
   *
   * @param workDirectory holds the SPARK_HOME, the logs ({@code logs/}) and the worker's folder
   *     ({@code worker/}, one folder per application with each executor's stdout and stderr)
   * @param jars the folder of jars the master, the worker and the executors run with (the fake
   *     SPARK_HOME/jars)
   * @param workerMemory as Spark writes it, e.g. {@code 2g}
   */
  public static StandaloneCluster start(
      Path workDirectory, Path jars, int workerCores, String workerMemory) {
    if (!Files.isDirectory(jars)) {
      throw new IllegalArgumentException(
          jars
              + " is not a folder of Spark jars: build the application first (mvn package writes"
              + " app/target/spark-home/jars) or pass a Spark distribution's jars folder");
    }
    Path work = workDirectory.toAbsolutePath();
    Path sparkHome = prepareSparkHome(work.resolve("spark-home"), jars.toAbsolutePath());
    int masterPort = FreePort.find();
    int masterWebPort = FreePort.find();
    StandaloneCluster cluster =
        new StandaloneCluster(
            sparkHome, "spark://127.0.0.1:" + masterPort, "http://127.0.0.1:" + masterWebPort);
    try {
      String classpath =
          sparkHome.resolve("conf") + File.pathSeparator + sparkHome.resolve("jars") + "/*";
      List<String> options = sparkOptions();
      Map<String, String> environment =
          Map.of(
              "SPARK_HOME",
              sparkHome.toString(),
              "SPARK_SCALA_VERSION",
              "2.13",
              "SPARK_LOCAL_IP",
              "127.0.0.1",
              // Block manager and shuffle files of the executors, instead of /tmp.
              "SPARK_LOCAL_DIRS",
              createFolder(work.resolve("local")).toString());
      List<String> masterOptions = new ArrayList<>(options);
      // The REST submission server would take the fixed port 6066 on every master; RPC suffices.
      masterOptions.add("-Dspark.master.rest.enabled=false");
      cluster.master =
          ChildJvm.start(
              classpath,
              masterOptions,
              "org.apache.spark.deploy.master.Master",
              List.of(
                  "--host",
                  "127.0.0.1",
                  "--port",
                  Integer.toString(masterPort),
                  "--webui-port",
                  Integer.toString(masterWebPort)),
              environment,
              work.resolve("logs/master.log"));
      cluster.awaitMaster();
      cluster.worker =
          ChildJvm.start(
              classpath,
              options,
              "org.apache.spark.deploy.worker.Worker",
              List.of(
                  "--host",
                  "127.0.0.1",
                  "--port",
                  Integer.toString(FreePort.find()),
                  "--webui-port",
                  Integer.toString(FreePort.find()),
                  "--cores",
                  Integer.toString(workerCores),
                  "--memory",
                  workerMemory,
                  "--work-dir",
                  createFolder(work.resolve("worker")).toString(),
                  cluster.masterUrl),
              environment,
              work.resolve("logs/worker.log"));
      cluster.awaitWorker();
      return cluster;
    } catch (RuntimeException e) {
      cluster.close();
      throw e;
    }
  }

  /** {@code spark://127.0.0.1:port}, for {@code --master}. */
  public String masterUrl() {
    return masterUrl;
  }

  /** The master's web UI; {@code /json/} there is the cluster's state (workers, applications). */
  public String masterWebUrl() {
    return masterWebUrl;
  }

  /**
   * The SPARK_HOME the cluster runs from ({@code conf/}, {@code jars/}); spark-submit runs from it
   * too.
   */
  public Path sparkHome() {
    return sparkHome;
  }

  /** Workers the master counts as alive; 0 if the master does not answer. */
  public int aliveWorkers() {
    Matcher matcher = ALIVE_WORKERS.matcher(masterState());
    return matcher.find() ? Integer.parseInt(matcher.group(1)) : 0;
  }

  /** The master's {@code /json/} document; empty if it does not answer. */
  public String masterState() {
    try {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(URI.create(masterWebUrl + "/json/"))
                  .timeout(Duration.ofSeconds(5))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200 ? response.body() : "";
    } catch (IOException e) {
      return "";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
  }

  /**
   * Stops the worker (which stops its executors), then the master. Executors or drivers that
   * outlive their worker are killed, so no process of the cluster is left.
   */
  @Override
  public synchronized void close() {
    if (worker != null) {
      List<ProcessHandle> children =
          ProcessHandle.of(worker.pid())
              .map(handle -> handle.descendants().toList())
              .orElse(List.of());
      worker.stop(STOP_GRACE);
      worker = null;
      for (ProcessHandle child : children) {
        child.destroyForcibly();
        try {
          child.onExit().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
          throw new IllegalStateException(
              "the executor " + child.pid() + " outlived SIGKILL by 30 s", e);
        }
      }
    }
    if (master != null) {
      master.stop(STOP_GRACE);
      master = null;
    }
  }

  private void awaitMaster() {
    await("the master at " + masterWebUrl, master, () -> !masterState().isEmpty());
  }

  private void awaitWorker() {
    await("a worker registered with " + masterUrl, worker, () -> aliveWorkers() > 0);
  }

  private void await(String what, ChildJvm process, BooleanSupplier ready) {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    while (!ready.getAsBoolean()) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "no "
                + what
                + ": its JVM exited; its log "
                + process.log()
                + " ends:\n"
                + process.logTail());
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "no "
                + what
                + " after "
                + READY_TIMEOUT.toSeconds()
                + " s; see "
                + process.log()
                + ":\n"
                + process.logTail());
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for " + what, e);
      }
    }
  }

  private static List<String> sparkOptions() {
    List<String> options =
        ChildJvm.thisJvmOptions(
            option -> SPARK_OPTION_PREFIXES.stream().anyMatch(option::startsWith));
    if (options.stream().noneMatch(option -> option.startsWith("--add-opens"))) {
      throw new IllegalStateException(
          "this JVM lacks Spark's --add-opens flags, which the master and worker inherit from it:"
              + " start it with the flags of app/target/jvm-flags (the root pom's"
              + " spark.jvm.flags)");
    }
    options.add("-Xmx512m");
    return options;
  }

  private static Path prepareSparkHome(Path sparkHome, Path jars) {
    try {
      Files.createDirectories(sparkHome.resolve("conf"));
      Path link = sparkHome.resolve("jars");
      Files.deleteIfExists(link);
      Files.createSymbolicLink(link, jars);
      Files.writeString(sparkHome.resolve("conf/logback.xml"), LOGGING, StandardCharsets.UTF_8);
      return sparkHome;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare the SPARK_HOME " + sparkHome, e);
    }
  }

  private static Path createFolder(Path folder) {
    try {
      return Files.createDirectories(folder);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + folder, e);
    }
  }

  /**
   * Logback's configuration for every JVM of the cluster (master, worker, executors, and a
   * spark-submit driver run from {@link #sparkHome()}): warnings, plus the deploy messages that say
   * who registered and which executor started, what each executor fetched and ran, and the
   * application's own INFO lines.
   */
  private static final String LOGGING =
      """
      <?xml version="1.0" encoding="UTF-8"?>
      <configuration>
        <appender name="STDERR" class="ch.qos.logback.core.ConsoleAppender">
          <target>System.err</target>
          <encoder><pattern>%d{HH:mm:ss.SSS} %-5level %logger{36} - %msg%n</pattern></encoder>
        </appender>
        <logger name="org.apache.spark.deploy" level="INFO"/>
        <logger name="org.apache.spark.executor.Executor" level="INFO"/>
        <logger name="dev.movielake" level="INFO"/>
        <!-- Warns on every start that the host resolves to the loopback address, as intended here. -->
        <logger name="org.apache.spark.util.Utils" level="ERROR"/>
        <logger name="org.apache.hadoop.util.NativeCodeLoader" level="ERROR"/>
        <root level="WARN"><appender-ref ref="STDERR"/></root>
      </configuration>
      """;

  /**
   * Runs a cluster until Ctrl-C. Arguments: the jars folder, the work folder, and optionally the
   * worker's cores (default 2) and memory (default 2g).
   */
  public static void main(String[] arguments) throws InterruptedException {
    if (arguments.length < 2 || arguments.length > 4) {
      System.err.println(
          "usage: StandaloneCluster <spark jars folder> <work folder> [worker cores] [worker"
              + " memory]");
      System.exit(2);
    }
    StandaloneCluster cluster =
        start(
            Path.of(arguments[1]),
            Path.of(arguments[0]),
            arguments.length > 2 ? Integer.parseInt(arguments[2]) : 2,
            arguments.length > 3 ? arguments[3] : "2g");
    Runtime.getRuntime().addShutdownHook(new Thread(cluster::close, "stop-spark-cluster"));
    System.out.println(
        "master "
            + cluster.masterUrl()
            + ", web UI "
            + cluster.masterWebUrl()
            + ", SPARK_HOME "
            + cluster.sparkHome()
            + " (Ctrl-C stops the cluster)");
    Thread.currentThread().join();
  }
}
