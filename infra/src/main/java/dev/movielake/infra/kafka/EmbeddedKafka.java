package dev.movielake.infra.kafka;

import dev.movielake.infra.FreePort;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Kafka broker in KRaft combined mode (broker and controller in one server, in this JVM),
 * listening on 127.0.0.1 only. The pipeline uses it when KAFKA_BOOTSTRAP_SERVERS is unset.
 *
 * <p>The folder is formatted on first start (cluster id in {@code logs/meta.properties}) and reused
 * afterwards, so topics and records survive a restart. Ports are picked afresh on every start, or
 * the broker's given by the caller; either is safe because the quorum is static ({@code
 * controller.quorum.voters}), so no address is stored in the folder.
 *
 * <p>Kafka logs a lot at INFO. Quiet these loggers (WARN) in the application's logging config:
 * {@code kafka}, {@code org.apache.kafka} (includes the producer, consumer and admin clients),
 * {@code state.change.logger}, {@code org.apache.zookeeper} (one line from config classes). Kafka
 * 3.9 also logs two harmless WARNs on every healthy start and stop of a one-node cluster, from
 * {@code org.apache.kafka.controller.QuorumController} ("Performing controller activation") and
 * {@code org.apache.kafka.clients.NetworkClient} ("Attempting to close NetworkClient that has
 * already been closed"); the tests set those two to ERROR.
 *
 * <p>After close only two daemon threads stay ({@code metrics-meter-tick-thread-*}, the JVM-wide
 * Yammer metrics ticker, reused by the next start).
 *
 * <p>Caveat inherited from Kafka: a fatal metadata fault inside the server halts the JVM, as a
 * standalone broker would.
 */
public final class EmbeddedKafka implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EmbeddedKafka.class);

  private static final int NODE_ID = 1;
  private static final int PORT_ATTEMPTS = 3;
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);

  /** The reviews topic allows 2 MiB records; a batch needs a little room for its headers. */
  private static final int MAXIMUM_MESSAGE_BYTES = 2 * 1024 * 1024 + 64 * 1024;

  private final Path dataDirectory;
  private final FileChannel folderLock;
  private final KafkaRaftServer server;
  private final String bootstrapServers;
  private boolean closed;

  private EmbeddedKafka(
      Path dataDirectory, FileChannel folderLock, KafkaRaftServer server, String bootstrapServers) {
    this.dataDirectory = dataDirectory;
    this.folderLock = folderLock;
    this.server = server;
    this.bootstrapServers = bootstrapServers;
  }

  /**
   * Starts a broker on free ports, formatting {@code dataDirectory} if it is new. About 2 s for the
   * first start in a JVM (class loading), 0.2-0.4 s afterwards.
   */
  public static EmbeddedKafka start(Path dataDirectory) {
    // A free port can still be taken by another process before the broker binds it: pick afresh.
    for (int attempt = 1; ; attempt++) {
      try {
        return start(dataDirectory, FreePort.find(), FreePort.find());
      } catch (PortInUseException e) {
        if (attempt == PORT_ATTEMPTS) {
          throw e;
        }
        log.info("{}; trying other ports", e.getMessage());
      }
    }
  }

  /**
   * Starts a broker on this port (a controller port is picked free), so that clients which knew the
   * broker before a restart reach it again without being told: the pipeline processes that share
   * one broker take it over on the address they all use.
   *
   * @throws PortInUseException when {@code brokerPort} is taken; the folder is then unchanged
   */
  public static EmbeddedKafka start(Path dataDirectory, int brokerPort) {
    for (int attempt = 1; ; attempt++) {
      int controllerPort = FreePort.find();
      try {
        return start(dataDirectory, brokerPort, controllerPort);
      } catch (PortInUseException e) {
        if (attempt == PORT_ATTEMPTS || !isFree(brokerPort)) {
          throw e;
        }
        log.info("{}; trying another controller port", e.getMessage());
      }
    }
  }

  static EmbeddedKafka start(Path dataDirectory, int brokerPort, int controllerPort) {
    long startNanos = System.nanoTime();
    // Checked up front so the usual case fails in milliseconds without Kafka's stack traces.
    requireFree(brokerPort, "broker");
    requireFree(controllerPort, "controller");
    Path folder = dataDirectory.toAbsolutePath().normalize();
    Path logDirectory = prepareFolders(folder);
    FileChannel folderLock = lockFolder(folder);
    try {
      Map<String, String> settings = settings(logDirectory, brokerPort, controllerPort);
      Path propertiesFile = writeProperties(folder, settings);
      if (!Files.exists(logDirectory.resolve("meta.properties"))) {
        format(propertiesFile, logDirectory);
      }
      KafkaRaftServer server;
      try {
        server =
            new KafkaRaftServer(KafkaConfig.fromProps(asProperties(settings), false), Time.SYSTEM);
      } catch (RuntimeException e) {
        throw new IllegalStateException(
            "Kafka cannot use " + logDirectory + ": " + e.getMessage(), e);
      }
      String bootstrapServers = "127.0.0.1:" + brokerPort;
      try {
        server.startup();
        awaitReady(bootstrapServers);
      } catch (RuntimeException e) {
        stop(server);
        throw startFailure(e, logDirectory, brokerPort, controllerPort);
      }
      log.info(
          "Kafka broker on {} with data in {} started in {} ms",
          bootstrapServers,
          folder,
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos));
      return new EmbeddedKafka(folder, folderLock, server, bootstrapServers);
    } catch (RuntimeException e) {
      release(folderLock);
      throw e;
    }
  }

  /** {@code 127.0.0.1:PORT} of the PLAINTEXT listener, for {@code bootstrap.servers}. */
  public String bootstrapServers() {
    return bootstrapServers;
  }

  public Path dataDirectory() {
    return dataDirectory;
  }

  /**
   * Controlled shutdown of broker then controller, waiting for their threads to end (0.2-0.4 s).
   * There is no extra timeout here: Kafka's own shutdown steps carry their deadlines.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    long startNanos = System.nanoTime();
    stop(server);
    release(folderLock);
    log.info(
        "Kafka broker on {} stopped in {} ms",
        bootstrapServers,
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos));
  }

  private static boolean isFree(int port) {
    try {
      requireFree(port, "broker");
      return true;
    } catch (PortInUseException e) {
      return false;
    }
  }

  private static void requireFree(int port, String listener) {
    try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      probe.setReuseAddress(true);
    } catch (IOException e) {
      throw new PortInUseException(
          "Kafka cannot listen on 127.0.0.1:"
              + port
              + " ("
              + listener
              + "), the port is in use: "
              + e.getMessage(),
          e);
    }
  }

  private static Path prepareFolders(Path folder) {
    if (Files.exists(folder) && !Files.isDirectory(folder)) {
      throw new IllegalStateException(
          "Kafka data directory " + folder + " is a file, not a folder");
    }
    Path logDirectory = folder.resolve("logs");
    try {
      Files.createDirectories(logDirectory);
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot create Kafka data directory " + logDirectory + ": " + e, e);
    }
    if (!Files.isReadable(logDirectory) || !Files.isWritable(logDirectory)) {
      throw new IllegalStateException(
          "Kafka data directory " + logDirectory + " is not readable and writable");
    }
    return logDirectory;
  }

  /**
   * Kafka locks its log folder only when the broker part starts, after the controller has already
   * opened the metadata log; a second server on the same folder could write to it in that window.
   */
  private static FileChannel lockFolder(Path folder) {
    Path lockFile = folder.resolve("embedded-kafka.lock");
    FileChannel channel = null;
    try {
      channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      if (channel.tryLock() != null) {
        return channel;
      }
    } catch (OverlappingFileLockException e) {
      // Held by another EmbeddedKafka in this JVM; reported below.
    } catch (IOException e) {
      release(channel);
      throw new IllegalStateException("cannot lock Kafka data directory " + folder + ": " + e, e);
    }
    release(channel);
    throw new IllegalStateException(
        "Kafka data directory "
            + folder
            + " is in use by another running broker (lock held on "
            + lockFile
            + ")");
  }

  private static void release(FileChannel folderLock) {
    if (folderLock == null) {
      return;
    }
    try {
      folderLock.close(); // also releases the lock
    } catch (IOException e) {
      log.warn("cannot release the lock on the Kafka data directory", e);
    }
  }

  private static Map<String, String> settings(
      Path logDirectory, int brokerPort, int controllerPort) {
    Map<String, String> settings = new TreeMap<>();
    settings.put("process.roles", "broker,controller");
    settings.put("node.id", String.valueOf(NODE_ID));
    settings.put("controller.quorum.voters", NODE_ID + "@127.0.0.1:" + controllerPort);
    settings.put(
        "listeners",
        "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
    settings.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
    settings.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    settings.put("controller.listener.names", "CONTROLLER");
    settings.put("inter.broker.listener.name", "PLAINTEXT");
    settings.put("log.dirs", logDirectory.toString());
    // One broker: every internal topic has one replica, and one partition is plenty for a few
    // groups.
    settings.put("offsets.topic.replication.factor", "1");
    settings.put("offsets.topic.num.partitions", "1");
    settings.put("transaction.state.log.replication.factor", "1");
    settings.put("transaction.state.log.min.isr", "1");
    settings.put("transaction.state.log.num.partitions", "1");
    settings.put("default.replication.factor", "1");
    settings.put("num.partitions", "1");
    // The pipeline creates its topics explicitly, each with its own settings.
    settings.put("auto.create.topics.enable", "false");
    settings.put("group.initial.rebalance.delay.ms", "0");
    settings.put("message.max.bytes", String.valueOf(MAXIMUM_MESSAGE_BYTES));
    // The default 128 MiB cleaner buffer is heap taken from the pipeline; 16 MiB still dedupes
    // ~700k keys per pass.
    settings.put("log.cleaner.dedupe.buffer.size", String.valueOf(16 * 1024 * 1024));
    settings.put(
        "initial.broker.registration.timeout.ms", String.valueOf(READY_TIMEOUT.toMillis()));
    return settings;
  }

  /** Written on every start: StorageTool reads it, and it shows what the last start ran with. */
  private static Path writeProperties(Path folder, Map<String, String> settings) {
    Path file = folder.resolve("server.properties");
    try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      asProperties(settings)
          .store(writer, "written by EmbeddedKafka on each start; ports change every start");
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  private static void format(Path propertiesFile, Path logDirectory) {
    String clusterId = Uuid.randomUuid().toString();
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    int status;
    try (PrintStream printStream = new PrintStream(output, true, StandardCharsets.UTF_8)) {
      status =
          StorageTool.execute(
              new String[] {
                "format", "--cluster-id", clusterId, "--config", propertiesFile.toString()
              },
              printStream);
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          "cannot format Kafka data directory " + logDirectory + ": " + e.getMessage(), e);
    }
    String message = output.toString(StandardCharsets.UTF_8).trim();
    if (status != 0) {
      throw new IllegalStateException(
          "cannot format Kafka data directory " + logDirectory + ": " + message);
    }
    log.debug("formatted {} with cluster id {}: {}", logDirectory, clusterId, message);
  }

  /**
   * startup() returns once the broker is unfenced; a client round trip proves the listener answers.
   */
  private static void awaitReady(String bootstrapServers) {
    Map<String, Object> adminSettings =
        Map.of(
            AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
            AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) READY_TIMEOUT.toMillis(),
            AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) READY_TIMEOUT.toMillis());
    try (Admin admin = Admin.create(adminSettings)) {
      int brokers =
          admin
              .describeCluster()
              .nodes()
              .get(READY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
              .size();
      if (brokers == 0) {
        throw new IllegalStateException("the cluster reports no broker");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the broker", e);
    } catch (Exception e) {
      throw new IllegalStateException(
          "broker on "
              + bootstrapServers
              + " not ready within "
              + READY_TIMEOUT.toSeconds()
              + " s: "
              + e.getMessage(),
          e);
    }
  }

  private static IllegalStateException startFailure(
      RuntimeException e, Path logDirectory, int brokerPort, int controllerPort) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof BindException
          || String.valueOf(cause.getMessage()).contains("failed to bind")) {
        return new PortInUseException(
            "Kafka cannot listen on 127.0.0.1:"
                + brokerPort
                + " (broker) and 127.0.0.1:"
                + controllerPort
                + " (controller), a port is in use: "
                + cause.getMessage(),
            e);
      }
    }
    return new IllegalStateException(
        "Kafka failed to start with data in " + logDirectory + ": " + e.getMessage(), e);
  }

  /** A listener's port was taken; the broker did not start and the folder is unchanged. */
  public static final class PortInUseException extends IllegalStateException {
    PortInUseException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private static void stop(KafkaRaftServer server) {
    try {
      server.shutdown();
      server.awaitShutdown();
    } catch (RuntimeException e) {
      log.warn("Kafka shutdown failed", e);
    }
  }

  private static Properties asProperties(Map<String, String> settings) {
    Properties properties = new Properties();
    properties.putAll(settings);
    return properties;
  }
}
