package dev.movielake.infra.hive;

import dev.movielake.infra.FreePort;
import dev.movielake.infra.process.ChildJvm;
import dev.movielake.infra.process.ServerClasspath;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * A Hive Metastore 2.3 (the Hive client version Spark uses) on 127.0.0.1, backed by PostgreSQL, in
 * a JVM of its own: its libraries (Hive 2.3, Thrift 0.14, old Jackson) clash with Spark's. It
 * creates its tables in the database on first start, including the lock tables Iceberg's
 * HiveCatalog commits through.
 */
public final class HiveMetastoreServer implements AutoCloseable {
  private static final String MAIN_CLASS = "dev.movielake.servers.hive.HiveMetastoreMain";

  /** What the launcher prints once its socket accepts (HiveMetastoreMain.STARTED). */
  private static final String STARTED = "Hive Metastore started on ";

  private static final Duration STARTUP = Duration.ofMinutes(3);
  private static final Duration GRACE = Duration.ofSeconds(15);

  /**
   * @param jdbcUrl the metastore database, {@code jdbc:postgresql://...}
   * @param warehouse where managed tables live: a local folder, {@code file:/...} or {@code
   *     s3a://...}
   * @param port the Thrift port on 127.0.0.1, or 0 for a free one
   * @param hadoopProperties further Hadoop or Hive settings, e.g. {@code fs.s3a.*} for an s3a://
   *     warehouse
   */
  public record Settings(
      String jdbcUrl,
      String user,
      String password,
      String warehouse,
      int port,
      Map<String, String> hadoopProperties) {
    /** Leaves the password out, so a logged record does not leak it. */
    @Override
    public String toString() {
      return "Settings[jdbcUrl="
          + jdbcUrl
          + ", user="
          + user
          + ", warehouse="
          + warehouse
          + ", port="
          + port
          + ", hadoopProperties="
          + hadoopProperties.keySet()
          + "]";
    }
  }

  private final ChildJvm jvm;
  private final int port;

  private HiveMetastoreServer(ChildJvm jvm, int port) {
    this.jvm = jvm;
    this.port = port;
  }

  /**
   * Starts the metastore and waits until it serves.
   *
   * @param log the file that receives the metastore's output
   */
  public static HiveMetastoreServer start(Settings settings, Path log) {
    int port = settings.port() == 0 ? FreePort.find() : settings.port();
    Path secrets = log.toAbsolutePath().resolveSibling(log.getFileName() + ".properties");
    writeSettings(secrets, settings, port);
    ChildJvm jvm =
        ChildJvm.start(
            ServerClasspath.of("hive-metastore"),
            List.of(
                "-Xmx768m",
                "-Dorg.slf4j.simpleLogger.showDateTime=true",
                "-Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS",
                // It prints all 1,800 Hive and Hadoop settings on its first lock.
                "-Dorg.slf4j.simpleLogger.log.org.apache.hadoop.hive.metastore.txn.TxnHandler=warn"),
            MAIN_CLASS,
            List.of(secrets.toString()),
            Map.of(),
            log);
    HiveMetastoreServer server = new HiveMetastoreServer(jvm, port);
    try {
      server.awaitServing();
      return server;
    } catch (RuntimeException e) {
      jvm.stop(GRACE);
      throw e;
    } finally {
      // Read once at startup; the password does not stay on disk.
      try {
        Files.deleteIfExists(secrets);
      } catch (IOException e) {
        throw new UncheckedIOException(
            "cannot delete " + secrets + ", which holds the metastore's password", e);
      }
    }
  }

  /** {@code thrift://127.0.0.1:PORT}, for HIVE_METASTORE_URI. */
  public String thriftUri() {
    return "thrift://127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  public long pid() {
    return jvm.pid();
  }

  /** SIGTERM, then SIGKILL if it is still there after the grace period. */
  @Override
  public void close() {
    jvm.stop(GRACE);
  }

  private void awaitServing() {
    long deadline = System.nanoTime() + STARTUP.toNanos();
    while (System.nanoTime() < deadline) {
      if (!jvm.isAlive()) {
        throw new IllegalStateException(
            "the Hive Metastore exited while starting (log "
                + jvm.log()
                + "); check its database settings and that port "
                + port
                + " is free:\n"
                + jvm.logTail());
      }
      if (logSaysStarted() && accepts()) {
        return;
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for the Hive Metastore", e);
      }
    }
    throw new IllegalStateException(
        "the Hive Metastore did not serve on 127.0.0.1:"
            + port
            + " within "
            + STARTUP.toSeconds()
            + " s (log "
            + jvm.log()
            + "):\n"
            + jvm.logTail());
  }

  private boolean logSaysStarted() {
    try {
      return Files.readString(jvm.log(), StandardCharsets.UTF_8).contains(STARTED);
    } catch (IOException e) {
      return false;
    }
  }

  private boolean accepts() {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** The launcher's settings, password included, in a file only this user can read (mode 600). */
  private static void writeSettings(Path file, Settings settings, int port) {
    Properties properties = new Properties();
    properties.putAll(settings.hadoopProperties());
    properties.setProperty("javax.jdo.option.ConnectionURL", settings.jdbcUrl());
    properties.setProperty("javax.jdo.option.ConnectionUserName", settings.user());
    properties.setProperty("javax.jdo.option.ConnectionPassword", settings.password());
    properties.setProperty("hive.metastore.warehouse.dir", settings.warehouse());
    properties.setProperty("hive.metastore.port", Integer.toString(port));
    try {
      Files.createDirectories(file.getParent());
      Files.deleteIfExists(file);
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
        properties.store(out, "Hive Metastore settings (deleted once it serves)");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the Hive Metastore settings to " + file, e);
    }
  }
}
