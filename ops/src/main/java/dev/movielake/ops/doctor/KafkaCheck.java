package dev.movielake.ops.doctor;

import dev.movielake.cli.ConnectionFailure;
import dev.movielake.config.IngestConfig;
import dev.movielake.config.KafkaConfig;
import dev.movielake.ingest.kafka.TopicSettings;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Node;

/**
 * The configured Kafka cluster answers and holds the pipeline's topics. The embedded broker has
 * nothing to reach: it starts with the command that needs it.
 */
final class KafkaCheck implements Check {
  /**
   * The Admin client retries until this deadline; a broker that does not answer by then is down.
   */
  static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(5);

  private final Settings settings;

  KafkaCheck(Settings settings) {
    this.settings = settings;
  }

  @Override
  public String name() {
    return "kafka";
  }

  // Kafka's TimeoutException and the JDK's both end a check: Kafka's keeps its qualified name.
  @SuppressWarnings("inlineQualifiedName")
  @Override
  public List<Finding> run() throws InterruptedException {
    if (settings.kafka().error().isPresent()) {
      RuntimeException error = settings.kafka().error().get();
      return List.of(
          Finding.broken(
              name(),
              error.getMessage(),
              "set "
                  + settings.kafka().variable().orElse(KafkaConfig.BOOTSTRAP_SERVERS)
                  + " to an accepted value"));
    }
    KafkaConfig kafka = settings.kafka().value().orElseThrow();
    if (kafka.embedded()) {
      String data =
          settings
              .ingest()
              .value()
              .map(IngestConfig::kafkaData)
              .map(Object::toString)
              .orElse("the lakehouse folder");
      return List.of(
          Finding.ok(
              name(),
              "embedded broker (data in "
                  + data
                  + ") starts on demand; "
                  + KafkaConfig.BOOTSTRAP_SERVERS
                  + " unset"));
    }
    String servers = kafka.bootstrapServers().orElseThrow();
    Properties properties = new Properties();
    properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
    properties.put(
        AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) ANSWER_TIMEOUT.toMillis());
    properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) ANSWER_TIMEOUT.toMillis());
    properties.put(AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MS_CONFIG, 2_000L);
    properties.put("socket.connection.setup.timeout.max.ms", 2_000L);
    properties.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 500L);
    Admin admin = Admin.create(properties);
    try {
      Collection<Node> nodes =
          admin.describeCluster().nodes().get(ANSWER_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      Set<String> topics =
          admin.listTopics().names().get(ANSWER_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      List<String> missing =
          TopicSettings.of(kafka).stream()
              .map(TopicSettings::name)
              .filter(topic -> !topics.contains(topic))
              .toList();
      String cluster = "Kafka at " + servers + " answers (" + nodes.size() + " broker(s))";
      if (!missing.isEmpty()) {
        return List.of(
            Finding.warning(
                name(),
                cluster + "; missing topics: " + String.join(", ", missing),
                "run pipeline ingest (it creates them), or leave them: they are created on the"
                    + " first publish"));
      }
      return List.of(
          Finding.ok(
              name(),
              cluster
                  + "; topics present: "
                  + String.join(
                      ", ", TopicSettings.of(kafka).stream().map(TopicSettings::name).toList())));
    } catch (ExecutionException | TimeoutException e) {
      boolean timedOut =
          e instanceof TimeoutException
              || e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException;
      return List.of(
          unreachable(
              servers,
              timedOut
                  ? "no answer within " + ANSWER_TIMEOUT.toSeconds() + " s"
                  : Optional.ofNullable(e.getCause())
                      .map(ConnectionFailure::of)
                      .map(ConnectionFailure::reason)
                      .orElse("failed")));
    } finally {
      // Closing waits for pending calls by default; a dead cluster would hold the doctor.
      admin.close(Duration.ZERO);
    }
  }

  @Override
  public Finding timedOut(Duration limit) {
    return unreachable(
        settings.kafka().value().flatMap(KafkaConfig::bootstrapServers).orElse("?"),
        "no answer within " + limit.toSeconds() + " s");
  }

  private Finding unreachable(String servers, String reason) {
    return Finding.broken(
        name(),
        "no Kafka broker answers at " + servers + " (" + reason + ")",
        "start Kafka (pipeline stack up / docker compose up kafka), fix "
            + KafkaConfig.BOOTSTRAP_SERVERS
            + ", or unset it to use the embedded broker");
  }
}
