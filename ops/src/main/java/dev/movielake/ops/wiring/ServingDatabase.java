package dev.movielake.ops.wiring;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import dev.movielake.config.ServeConfig;
import dev.movielake.infra.mongo.EmbeddedMongo;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.bson.Document;

/**
 * The serving database: the MongoDB at MONGODB_URI, or else the embedded server on the lakehouse
 * folder's file. Only one process can open that file, so the pipeline processes on one
 * LAKEHOUSE_HOME share the embedded server (see {@link SharedServerFolder}): the first starts it,
 * the others (a publish while the API runs) connect to it, and one of them takes it over on the
 * same address when its owner stops.
 */
public final class ServingDatabase implements AutoCloseable {
  private final MongoClient client;
  private final MongoDatabase database;
  private final Runnable server;
  private final String description;

  private ServingDatabase(
      MongoClient client, MongoDatabase database, Runnable server, String description) {
    this.client = client;
    this.database = database;
    this.server = server;
    this.description = description;
  }

  public static ServingDatabase open(ServeConfig config) {
    return open(config, SharedServerFolder.WATCH_INTERVAL);
  }

  static ServingDatabase open(ServeConfig config, Duration watchInterval) {
    if (config.mongoUri().isPresent()) {
      MongoClient client = client(config.mongoUri().get());
      return new ServingDatabase(
          client,
          client.getDatabase(config.mongoDatabase()),
          () -> {},
          "MongoDB at " + new ConnectionString(config.mongoUri().get()).getHosts());
    }
    Path file = config.embeddedMongoFile();
    SharedServerFolder.Membership server =
        new SharedServerFolder(
                file.toAbsolutePath().getParent(),
                "mongodb",
                "embedded MongoDB",
                port ->
                    started(
                        EmbeddedMongo.start(file, config.embeddedCacheMegabytes(), port.orElse(0))),
                ServingDatabase::answers,
                watchInterval)
            .join();
    MongoClient client = client(server.address());
    return new ServingDatabase(
        client,
        client.getDatabase(config.mongoDatabase()),
        server::close,
        server.owner()
            ? "the embedded MongoDB at " + server.address() + " (data in " + file + ")"
            : "the embedded MongoDB of another pipeline process at " + server.address());
  }

  private static SharedServerFolder.StartedServer started(EmbeddedMongo server) {
    return new SharedServerFolder.StartedServer(server.connectionString(), server::close);
  }

  /**
   * An embedded server of the caller's own on this file, whatever is configured, and its address
   * shared with no other process: the serve benchmark loads its synthetic movies into it.
   */
  public static ServingDatabase embedded(Path file, String databaseName) {
    EmbeddedMongo server = EmbeddedMongo.start(file);
    MongoClient client = client(server.connectionString());
    return new ServingDatabase(
        client,
        client.getDatabase(databaseName),
        server::close,
        "the embedded MongoDB at " + server.connectionString() + " (data in " + file + ")");
  }

  /** Whether a MongoDB server answers a ping at this address within a second. */
  private static boolean answers(String address) {
    try (MongoClient probe =
        MongoClients.create(
            MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(address))
                .applyToClusterSettings(
                    cluster -> cluster.serverSelectionTimeout(1, TimeUnit.SECONDS))
                .applyToSocketSettings(socket -> socket.connectTimeout(1, TimeUnit.SECONDS))
                .build())) {
      probe.getDatabase("admin").runCommand(new Document("ping", 1));
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static MongoClient client(String uri) {
    return MongoClients.create(
        MongoClientSettings.builder()
            .applyConnectionString(new ConnectionString(uri))
            .applyToClusterSettings(cluster -> cluster.serverSelectionTimeout(5, TimeUnit.SECONDS))
            .build());
  }

  public MongoDatabase database() {
    return database;
  }

  /** Where the data is, without credentials. */
  public String description() {
    return description;
  }

  /** Closes the client, then stops a server this process runs (another process takes it over). */
  @Override
  public void close() {
    client.close();
    server.run();
  }
}
