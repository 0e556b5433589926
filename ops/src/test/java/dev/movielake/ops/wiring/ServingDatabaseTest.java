package dev.movielake.ops.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.MongoSocketException;
import com.mongodb.client.model.Filters;
import dev.movielake.config.ServeConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServingDatabaseTest {
  @TempDir Path home;

  @Test
  void theEmbeddedServerIsSharedWhileItRunsAndItsFileKeepsTheDataAfterwards() throws Exception {
    ServeConfig config = ServeConfig.from(Map.of("LAKEHOUSE_HOME", home.toString()));
    Path address = home.resolve("mongo/mongodb.address");
    try (ServingDatabase owner = ServingDatabase.open(config)) {
      owner
          .database()
          .getCollection("movies")
          .insertOne(new Document("_id", 1L).append("title", "Alpha"));
      assertThat(address).exists();
      assertThat(owner.description()).contains("the embedded MongoDB at mongodb://127.0.0.1:");

      // A second process (a publish while the API runs) cannot open the file: it uses the running
      // server.
      try (ServingDatabase guest = ServingDatabase.open(config)) {
        assertThat(guest.description()).contains("another pipeline process");
        assertThat(guest.database().getCollection("movies").find(Filters.eq("_id", 1L)).first())
            .containsEntry("title", "Alpha");
      }
      assertThat(address).as("a guest leaves the owner's address in place").exists();
    }
    String lastAddress = Files.readAllLines(address).get(0);

    try (ServingDatabase reopened = ServingDatabase.open(config)) {
      assertThat(reopened.database().getCollection("movies").countDocuments()).isEqualTo(1);
      assertThat(reopened.description())
          .as("restarted where its clients knew it, when the port is free")
          .contains("the embedded MongoDB at " + lastAddress);
    }
  }

  @Test
  void whenTheOwnerStopsAConnectedProcessTakesTheServerOverAndItsClientReconnects()
      throws InterruptedException {
    ServeConfig config = ServeConfig.from(Map.of("LAKEHOUSE_HOME", home.toString()));
    ServingDatabase owner = ServingDatabase.open(config, Duration.ofMillis(200));
    owner.database().getCollection("movies").insertOne(new Document("_id", 1L));
    try (ServingDatabase guest = ServingDatabase.open(config, Duration.ofMillis(200))) {
      assertThat(guest.description()).contains("another pipeline process");
      owner.close();
      // The guest takes the server over on the same port within a poll or two. A write racing the
      // take-over may still find the port closed (the driver retries a write once, not until a
      // server is back): the client, unchanged, succeeds once the guest serves.
      insertOnceServed(guest, new Document("_id", 2L), Duration.ofSeconds(30));
      assertThat(guest.database().getCollection("movies").countDocuments()).isEqualTo(2);
    }
  }

  @Test
  void twoProcessesStartingAtOnceNeverBothOpenTheFile() throws Exception {
    ServeConfig config = ServeConfig.from(Map.of("LAKEHOUSE_HOME", home.toString()));
    CyclicBarrier together = new CyclicBarrier(2);
    ExecutorService processes = Executors.newFixedThreadPool(2);
    List<Future<ServingDatabase>> opened = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      opened.add(
          processes.submit(
              () -> {
                together.await();
                return ServingDatabase.open(config);
              }));
    }
    try (ServingDatabase first = opened.get(0).get(60, TimeUnit.SECONDS);
        ServingDatabase second = opened.get(1).get(60, TimeUnit.SECONDS)) {
      assertThat(List.of(first.description(), second.description()))
          .filteredOn(description -> description.contains("another pipeline process"))
          .hasSize(1);
      first.database().getCollection("movies").insertOne(new Document("_id", 1L));
      assertThat(second.database().getCollection("movies").countDocuments()).isEqualTo(1);
    } finally {
      processes.shutdownNow();
    }
  }

  @Test
  void aStaleAddressLeftByAKilledProcessIsIgnored() throws Exception {
    ServeConfig config = ServeConfig.from(Map.of("LAKEHOUSE_HOME", home.toString()));
    Files.createDirectories(home.resolve("mongo"));
    Files.writeString(home.resolve("mongo/mongodb.address"), "mongodb://127.0.0.1:1");
    try (ServingDatabase database = ServingDatabase.open(config)) {
      assertThat(database.description()).contains("the embedded MongoDB at");
      assertThat(database.database().getCollection("movies").countDocuments()).isZero();
    }
  }

  @Test
  void aDatabaseOfTheCallersOwnSharesNoAddressAndKeepsItsFile() {
    Path file = home.resolve("benchmark/mongo/serving.mv");
    try (ServingDatabase own = ServingDatabase.embedded(file, "moviedb")) {
      own.database()
          .getCollection("movies")
          .insertOne(new Document("_id", 1L).append("title", "Alpha"));
      assertThat(own.description())
          .contains("the embedded MongoDB at mongodb://127.0.0.1:")
          .contains(file.toString());
      assertThat(own.database().getName()).isEqualTo("moviedb");
      assertThat(file.resolveSibling("mongodb.address")).doesNotExist();
    }
    assertThat(file).exists();
  }

  @Test
  void aConfiguredUriIsDescribedWithoutItsCredentials() {
    ServeConfig config =
        ServeConfig.from(
            Map.of(
                "MONGODB_URI",
                "mongodb://reader:s3cret@127.0.0.1:1/?serverSelectionTimeoutMS=100"));
    try (ServingDatabase database = ServingDatabase.open(config)) {
      assertThat(database.description()).contains("127.0.0.1:1").doesNotContain("s3cret");
    }
  }

  private static void insertOnceServed(
      ServingDatabase database, Document document, Duration patience) throws InterruptedException {
    long deadline = System.nanoTime() + patience.toNanos();
    while (true) {
      try {
        database.database().getCollection("movies").insertOne(document);
        return;
      } catch (MongoSocketException e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(100);
      }
    }
  }
}
