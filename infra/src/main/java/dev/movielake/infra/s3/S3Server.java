package dev.movielake.infra.s3;

import dev.movielake.infra.FreePort;
import dev.movielake.infra.process.ChildJvm;
import dev.movielake.infra.process.ServerClasspath;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * A real S3 API server (s3proxy, in MinIO's place) in a JVM of its own on 127.0.0.1: objects are
 * plain files under the data directory, a bucket is a folder in it, and requests must be signed
 * with the given keys (AWS signature v2 or v4), path-style. {@link #stop()} kills it as a storage
 * outage would; {@link #restart()} brings it back on the same port with the same data.
 */
public final class S3Server implements AutoCloseable {
  private static final String MAIN_CLASS = "org.gaul.s3proxy.Main";
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

  private final Path dataDirectory;
  private final int port;
  private final Path properties;
  private final Path log;
  private ChildJvm jvm;
  private int restarts;

  private S3Server(Path dataDirectory, int port, Path properties, Path log) {
    this.dataDirectory = dataDirectory;
    this.port = port;
    this.properties = properties;
    this.log = log;
  }

  /**
   * Starts the server and waits until it answers HTTP.
   *
   * @param port 0 for a free port
   * @param log the server's output; a restart moves the previous one aside
   */
  public static S3Server start(
      Path dataDirectory, int port, String accessKey, String secretKey, Path log) {
    Path data = dataDirectory.toAbsolutePath().normalize();
    int chosen = port == 0 ? FreePort.find() : port;
    try {
      // The backend refuses to start on a missing folder.
      Files.createDirectories(data);
      if (!Files.getFileStore(data).supportsFileAttributeView(UserDefinedFileAttributeView.class)) {
        throw new IllegalStateException(
            "the S3 server's folder "
                + data
                + " is on a file system without user extended attributes, where s3proxy's"
                + " filesystem-nio2 backend keeps ETags and content types; choose a folder on ext4,"
                + " xfs or btrfs");
      }
      S3Server server =
          new S3Server(data, chosen, writeProperties(data, chosen, accessKey, secretKey, log), log);
      server.launch();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare the S3 server's folder " + data, e);
    }
  }

  /**
   * The settings file, beside the log and readable by its owner only: it holds the secret key,
   * which a command line would show to every user of the machine.
   */
  private static Path writeProperties(
      Path data, int port, String accessKey, String secretKey, Path log) throws IOException {
    Properties settings = new Properties();
    settings.setProperty("s3proxy.endpoint", "http://127.0.0.1:" + port);
    settings.setProperty("s3proxy.authorization", "aws-v2-or-v4");
    settings.setProperty("s3proxy.identity", accessKey);
    settings.setProperty("s3proxy.credential", secretKey);
    // AWS SDKs send headers (checksums, SDK markers) s3proxy does not know; it would refuse them.
    settings.setProperty("s3proxy.ignore-unknown-headers", "true");
    // Objects as files, their ETag and metadata in the files' extended attributes.
    settings.setProperty("jclouds.provider", "filesystem-nio2");
    settings.setProperty("jclouds.filesystem.basedir", data.toString());
    // The local backend has no account of its own, but s3proxy insists on both.
    settings.setProperty("jclouds.identity", "local");
    settings.setProperty("jclouds.credential", "local");
    Path folder = log.toAbsolutePath().getParent();
    Files.createDirectories(folder);
    Path file = folder.resolve("s3proxy-" + port + ".properties");
    Files.deleteIfExists(file);
    Files.createFile(
        file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      settings.store(writer, "s3proxy for " + data);
    }
    return file;
  }

  private void launch() {
    jvm =
        ChildJvm.start(
            ServerClasspath.of("s3"),
            List.of(
                "-Xmx512m",
                "-XX:+UseSerialGC",
                // Not named logback.xml: the server's jar also sits on the pipeline's class path.
                "-Dlogback.configurationFile=dev/movielake/servers/s3-logback.xml"),
            MAIN_CLASS,
            List.of("--properties", properties.toString()),
            Map.of(),
            log);
    awaitReady();
  }

  private void awaitReady() {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!jvm.isAlive()) {
        throw new IllegalStateException(
            "the S3 server exited during start-up; its log "
                + log
                + " ends with:\n"
                + jvm.logTail());
      }
      if (answers()) {
        return;
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        jvm.kill();
        throw new IllegalStateException("interrupted while waiting for the S3 server", e);
      }
    }
    jvm.kill();
    throw new IllegalStateException(
        "the S3 server did not answer on "
            + endpoint()
            + " within "
            + READY_TIMEOUT.toSeconds()
            + " s; its log "
            + log
            + " ends with:\n"
            + jvm.logTail());
  }

  /** Any HTTP answer will do: an unsigned request is refused with 403 once the server is up. */
  private boolean answers() {
    try {
      HttpURLConnection connection =
          (HttpURLConnection) URI.create(endpoint() + "/").toURL().openConnection();
      connection.setConnectTimeout(1000);
      connection.setReadTimeout(2000);
      try {
        return connection.getResponseCode() > 0;
      } finally {
        connection.disconnect();
      }
    } catch (IOException e) {
      return false;
    }
  }

  public String endpoint() {
    return "http://127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  /** The backend's folder: a bucket is a folder in it, an object a file in that. */
  public Path dataDirectory() {
    return dataDirectory;
  }

  /** The file that holds an object (tests age or inspect it). */
  public Path objectFile(String bucket, String key) {
    return dataDirectory.resolve(bucket).resolve(key);
  }

  public long pid() {
    return jvm.pid();
  }

  public boolean isRunning() {
    return jvm != null && jvm.isAlive();
  }

  /** SIGKILL: the storage outage a test injects. Connections drop, nothing is flushed. */
  public void stop() {
    if (jvm != null) {
      jvm.kill();
    }
  }

  /** Starts it again on the same port with the same data, and waits until it answers. */
  public void restart() {
    stop();
    restarts++;
    try {
      if (Files.exists(log)) {
        Files.move(
            log,
            log.resolveSibling(log.getFileName() + "." + restarts),
            StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot keep the S3 server's previous log " + log, e);
    }
    launch();
  }

  /** Stops it for good and removes its settings file (it holds the secret key). */
  @Override
  public void close() {
    try {
      if (jvm != null && jvm.isAlive()) {
        jvm.stop(Duration.ofSeconds(5));
      }
    } finally {
      try {
        Files.deleteIfExists(properties);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot delete " + properties, e);
      }
    }
  }

  @Override
  public String toString() {
    return "S3Server[" + endpoint() + ", data=" + dataDirectory + "]";
  }
}
