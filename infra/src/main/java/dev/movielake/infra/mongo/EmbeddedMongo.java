package dev.movielake.infra.mongo;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A MongoDB-compatible server (mongo-java-server, wire protocol) on 127.0.0.1 and a free port. The
 * pipeline uses it when MONGODB_URI is unset; clients use the official driver, so a real MongoDB
 * works unchanged.
 *
 * <p>With a file its data survives restarts (H2 MVStore backend); without one it is kept in memory.
 * It lacks $text search, transactions, change streams and authentication, which the serving layer
 * does not use.
 */
public final class EmbeddedMongo implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EmbeddedMongo.class);

  private final MongoServer server;
  private final MongoBackend backend;
  private final String connectionString;
  private final Optional<Path> file;
  private boolean closed;

  private EmbeddedMongo(
      MongoServer server, MongoBackend backend, String connectionString, Optional<Path> file) {
    this.server = server;
    this.backend = backend;
    this.connectionString = connectionString;
    this.file = file;
  }

  /**
   * H2's page cache: its default (16 MB) holds about 10 000 movies, so larger collections were read
   * from the file and decoded again on every lookup (2.6 times fewer lookups at 100 000 movies).
   */
  public static final int DEFAULT_CACHE_MB = 512;

  /** Starts a server whose databases are kept in {@code file} (created with its folder if new). */
  public static EmbeddedMongo start(Path file) {
    return start(file, DEFAULT_CACHE_MB);
  }

  /**
   * @param cacheMegabytes the H2 page cache, bounding the heap the embedded server uses for reads
   */
  public static EmbeddedMongo start(Path file, int cacheMegabytes) {
    return start(file, cacheMegabytes, 0);
  }

  /**
   * As {@link #start(Path, int)}, listening on {@code preferredPort} when it is free (else on any
   * free port, which {@link #connectionString()} tells): the pipeline processes sharing one server
   * restart it where their clients already connect.
   *
   * @param preferredPort 0 for any free port
   */
  public static EmbeddedMongo start(Path file, int cacheMegabytes, int preferredPort) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the folder of the MongoDB file " + file, e);
    }
    H2Backend backend;
    try {
      backend =
          new H2Backend(
              new MVStore.Builder()
                  .fileName(file.toAbsolutePath().toString())
                  .cacheSize(cacheMegabytes)
                  .open());
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          "cannot open the embedded MongoDB file "
              + file
              + ": "
              + e.getMessage()
              + ". Another pipeline process may hold it; stop it, or set MONGODB_URI to a shared"
              + " server.",
          e);
    }
    try {
      return start(
          backend,
          Optional.of(file),
          preferredPort > 0 && isFree(preferredPort) ? preferredPort : 0);
    } catch (RuntimeException e) {
      backend.close();
      throw e;
    }
  }

  private static boolean isFree(int port) {
    try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** Starts a server that keeps its data in memory only, for tests and benchmarks. */
  public static EmbeddedMongo startInMemory() {
    return start(new MemoryBackend(), Optional.empty(), 0);
  }

  private static EmbeddedMongo start(MongoBackend backend, Optional<Path> file, int port) {
    MongoServer server = new MongoServer(backend);
    server.bind("127.0.0.1", port);
    InetSocketAddress address = server.getLocalAddress();
    String uri = "mongodb://127.0.0.1:" + address.getPort();
    log.info(
        "Embedded MongoDB listening on {}{}; it keeps secondary indexes' definitions but answers"
            + " from _id's alone, so queries other than by key read the whole collection (set"
            + " MONGODB_URI for a real server)",
        uri,
        file.map(path -> " (data in " + path + ")").orElse(" (in memory)"));
    return new EmbeddedMongo(server, backend, uri, file);
  }

  /** A connection string for the official driver, e.g. {@code mongodb://127.0.0.1:41234}. */
  public String connectionString() {
    return connectionString;
  }

  public Optional<Path> file() {
    return file;
  }

  /** Closes client connections, then the backend, which flushes the file. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    server.shutdownNow();
    backend.close();
  }
}
