package dev.movielake.ops.wiring;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import dev.movielake.config.ServeConfig;
import dev.movielake.infra.mongo.EmbeddedMongo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.bson.Document;

/**
 * The serving database: the MongoDB at MONGODB_URI, or else the embedded server on the lakehouse
 * folder's file. Only one process can open that file, so the process that starts the embedded
 * server writes its address next to it and the others (a publish while the API runs) connect to it.
 */
public final class ServingDatabase implements AutoCloseable {
  private final MongoClient client;
  private final MongoDatabase database;
  private final Optional<EmbeddedMongo> server;
  private final Optional<Path> addressFile;
  private final String description;

  private ServingDatabase(
      MongoClient client,
      MongoDatabase database,
      Optional<EmbeddedMongo> server,
      Optional<Path> addressFile,
      String description) {
    this.client = client;
    this.database = database;
    this.server = server;
    this.addressFile = addressFile;
    this.description = description;
  }

  public static ServingDatabase open(ServeConfig config) {
    if (config.mongoUri().isPresent()) {
      MongoClient client = client(config.mongoUri().get());
      return new ServingDatabase(
          client,
          client.getDatabase(config.mongoDatabase()),
          Optional.empty(),
          Optional.empty(),
          "MongoDB at " + new ConnectionString(config.mongoUri().get()).getHosts());
    }
    Path addressFile = config.embeddedMongoFile().resolveSibling("server.address");
    Optional<String> running = runningServer(addressFile);
    if (running.isPresent()) {
      MongoClient client = client(running.get());
      return new ServingDatabase(
          client,
          client.getDatabase(config.mongoDatabase()),
          Optional.empty(),
          Optional.empty(),
          "the embedded MongoDB of another pipeline process at " + running.get());
    }
    EmbeddedMongo server =
        EmbeddedMongo.start(config.embeddedMongoFile(), config.embeddedCacheMegabytes());
    try {
      Files.writeString(addressFile, server.connectionString(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      server.close();
      throw new IllegalStateException("cannot write " + addressFile + ": " + e.getMessage(), e);
    }
    MongoClient client = client(server.connectionString());
    return new ServingDatabase(
        client,
        client.getDatabase(config.mongoDatabase()),
        Optional.of(server),
        Optional.of(addressFile),
        "the embedded MongoDB at "
            + server.connectionString()
            + " (data in "
            + config.embeddedMongoFile()
            + ")");
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
        Optional.of(server),
        Optional.empty(),
        "the embedded MongoDB at " + server.connectionString() + " (data in " + file + ")");
  }

  /** The address another process wrote, if a server still answers there. */
  private static Optional<String> runningServer(Path addressFile) {
    if (!Files.isRegularFile(addressFile)) {
      return Optional.empty();
    }
    try {
      String address = Files.readString(addressFile, StandardCharsets.UTF_8).strip();
      try (MongoClient probe =
          MongoClients.create(
              MongoClientSettings.builder()
                  .applyConnectionString(new ConnectionString(address))
                  .applyToClusterSettings(
                      cluster -> cluster.serverSelectionTimeout(1, TimeUnit.SECONDS))
                  .applyToSocketSettings(socket -> socket.connectTimeout(1, TimeUnit.SECONDS))
                  .build())) {
        probe.getDatabase("admin").runCommand(new Document("ping", 1));
        return Optional.of(address);
      }
    } catch (IOException | RuntimeException e) {
      return Optional.empty(); // left behind by a process that ended: start our own
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

  @Override
  public void close() {
    client.close();
    server.ifPresent(EmbeddedMongo::close);
    addressFile.ifPresent(
        file -> {
          try {
            Files.deleteIfExists(file);
          } catch (IOException e) {
            // a stale address is detected by the next process's ping
          }
        });
  }
}
