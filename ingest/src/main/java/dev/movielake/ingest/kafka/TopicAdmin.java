package dev.movielake.ingest.kafka;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/** Creates the pipeline's topics when they are missing; existing topics are left as they are. */
public final class TopicAdmin {
  private static final long LEADER_WAIT_MILLIS = 30_000;

  private TopicAdmin() {}

  /**
   * Waits until every partition has a leader the broker knows of. A producer that writes to a new
   * partition earlier gets NOT_LEADER on its first batch, and an idempotent producer can then see
   * its later batches refused as out of sequence.
   */
  private static void awaitLeaders(Admin admin, List<String> names)
      throws ExecutionException, TimeoutException, InterruptedException {
    long deadline = System.currentTimeMillis() + LEADER_WAIT_MILLIS;
    while (true) {
      boolean ready;
      try {
        ready =
            admin.describeTopics(names).allTopicNames().get(30, TimeUnit.SECONDS).values().stream()
                .flatMap(description -> description.partitions().stream())
                .allMatch(partition -> partition.leader() != null && !partition.leader().isEmpty());
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
          throw e;
        }
        ready = false; // just created: the broker's metadata does not list the topic yet
      }
      if (ready) {
        return;
      }
      if (System.currentTimeMillis() > deadline) {
        throw new TimeoutException(
            "partitions of " + names + " have no leader after " + LEADER_WAIT_MILLIS + " ms");
      }
      Thread.sleep(100);
    }
  }

  /**
   * @return the names of the topics this call created
   */
  public static List<String> ensure(String bootstrapServers, List<TopicSettings> topics) {
    Properties properties = new Properties();
    properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
    try (Admin admin = Admin.create(properties)) {
      Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
      List<NewTopic> missing = new ArrayList<>();
      for (TopicSettings topic : topics) {
        if (!existing.contains(topic.name())) {
          missing.add(
              new NewTopic(topic.name(), topic.policy().partitions(), (short) 1)
                  .configs(topic.policy().configs()));
        }
      }
      List<String> created = new ArrayList<>();
      for (Map.Entry<String, KafkaFuture<Void>> result :
          admin.createTopics(missing).values().entrySet()) {
        try {
          result.getValue().get(30, TimeUnit.SECONDS);
          created.add(result.getKey());
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw new KafkaUnavailableException(
                "cannot create topic " + result.getKey() + ": " + e.getCause().getMessage(), e);
          }
        }
      }
      awaitLeaders(admin, topics.stream().map(TopicSettings::name).toList());
      return created;
    } catch (ExecutionException | TimeoutException e) {
      throw new KafkaUnavailableException(
          "Kafka at "
              + bootstrapServers
              + " did not answer: "
              + (e.getCause() == null ? e.getMessage() : e.getCause().getMessage())
              + "; check KAFKA_BOOTSTRAP_SERVERS, or unset it to use the embedded broker",
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KafkaUnavailableException("interrupted while creating topics", e);
    }
  }
}
