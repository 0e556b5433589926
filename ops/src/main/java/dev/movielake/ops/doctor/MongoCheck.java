package dev.movielake.ops.doctor;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.MongoSecurityException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import dev.movielake.cli.ConnectionFailure;
import dev.movielake.config.ServeConfig;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.bson.Document;

/**
 * The serving MongoDB answers a ping. Only the hosts are ever named: the URI may hold a password.
 * The embedded server has nothing to reach: it starts with the command that needs it.
 */
final class MongoCheck implements Check {
  static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(3);

  private final Settings settings;

  MongoCheck(Settings settings) {
    this.settings = settings;
  }

  @Override
  public String name() {
    return "mongodb";
  }

  @Override
  public List<Finding> run() {
    return settings.serve().checkedBy(name(), this::check);
  }

  private List<Finding> check(ServeConfig serve) {
    if (serve.embeddedMongo()) {
      return List.of(
          Finding.ok(
              name(),
              "embedded MongoDB (data in "
                  + serve.embeddedMongoFile()
                  + ") starts on demand; "
                  + ServeConfig.MONGODB_URI
                  + " unset"));
    }
    ConnectionString uri;
    try {
      uri = new ConnectionString(serve.mongoUri().orElseThrow());
    } catch (IllegalArgumentException e) {
      // The driver's message quotes the URI, password included: not repeated.
      return List.of(
          Finding.broken(
              name(),
              ServeConfig.MONGODB_URI + " is not a MongoDB connection string",
              "set it to mongodb://[user:password@]host:port[/database]"));
    }
    String hosts = String.join(",", uri.getHosts());
    MongoClientSettings clientSettings =
        MongoClientSettings.builder()
            .applyConnectionString(uri)
            .applyToClusterSettings(
                cluster ->
                    cluster.serverSelectionTimeout(
                        ANSWER_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS))
            .applyToSocketSettings(
                socket ->
                    socket
                        .connectTimeout((int) ANSWER_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                        .readTimeout((int) ANSWER_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS))
            .build();
    try (MongoClient client = MongoClients.create(clientSettings)) {
      client.getDatabase(serve.mongoDatabase()).runCommand(new Document("ping", 1));
      return List.of(
          Finding.ok(
              name(), "MongoDB at " + hosts + " answers (database " + serve.mongoDatabase() + ")"));
    } catch (MongoSecurityException e) {
      return List.of(
          Finding.broken(
              name(),
              "MongoDB at "
                  + hosts
                  + " refused the credentials of "
                  + Optional.ofNullable(uri.getUsername()).orElse("(no user)"),
              "check the user and password in " + ServeConfig.MONGODB_URI));
    } catch (MongoTimeoutException e) {
      return List.of(unreachable(hosts, "no answer within " + ANSWER_TIMEOUT.toSeconds() + " s"));
    } catch (RuntimeException e) {
      return List.of(unreachable(hosts, ConnectionFailure.of(e).reason()));
    }
  }

  @Override
  public Finding timedOut(Duration limit) {
    String hosts =
        settings
            .serve()
            .value()
            .flatMap(ServeConfig::mongoUri)
            .map(value -> String.join(",", new ConnectionString(value).getHosts()))
            .orElse("?");
    return unreachable(hosts, "no answer within " + limit.toSeconds() + " s");
  }

  private Finding unreachable(String hosts, String reason) {
    return Finding.broken(
        name(),
        "no MongoDB answers at " + hosts + " (" + reason + ")",
        "start it (pipeline stack up / docker compose up mongodb), fix "
            + ServeConfig.MONGODB_URI
            + ", or unset it to use the embedded server");
  }
}
