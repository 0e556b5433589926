package dev.movielake.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import dev.movielake.infra.mongo.EmbeddedMongo;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TextSearchIndexTest {
  private EmbeddedMongo mongo;
  private MongoClient client;
  private MongoDatabase database;
  private MongoCollection<Document> movies;

  @BeforeEach
  void start() {
    mongo = EmbeddedMongo.startInMemory();
    client = MongoClients.create(mongo.connectionString());
    database = client.getDatabase("moviedb");
    movies = database.getCollection("movies");
    movies.insertMany(
        List.of(
            movie(1, "L'Été meurtrier", 10.0),
            movie(2, "Summer of Sam", 30.0),
            movie(3, "500 Days of Summer", 30.0),
            movie(4, "Winter Sleep", 50.0),
            movie(5, "A Summer's Tale", 5.0),
            movie(6, "Untitled", null)));
  }

  @AfterEach
  void stop() {
    client.close();
    mongo.close();
  }

  private static Document movie(long id, String title, Double popularity) {
    return new Document("_id", id)
        .append("movie_id", id)
        .append("title", title)
        .append("popularity", popularity);
  }

  private static List<String> titles(Page page) {
    return page.items().stream()
        .map(item -> ((RawBsonDocument) item).getString("title").getValue())
        .toList();
  }

  private static Page await(TextSearchIndex index, String query, int limit, int offset)
      throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
    Optional<Page> page = index.indexed(query, limit, offset);
    while (page.isEmpty() && Instant.now().isBefore(deadline)) {
      Thread.sleep(20);
      page = index.indexed(query, limit, offset);
    }
    return page.orElseThrow(() -> new AssertionError("the index was not built within 10 s"));
  }

  @Test
  void findsLiteralTextCaseInsensitivelyMostPopularFirstWithTiesByKey() throws Exception {
    try (TextSearchIndex index = TextSearchIndex.start(database, "movies", "title", "popularity")) {
      Page summer = await(index, "SUMMER", 2, 0);
      assertThat(titles(summer)).containsExactly("Summer of Sam", "500 Days of Summer");
      assertThat(summer.totalCount()).isEqualTo(3);
      assertThat(summer.nextOffset()).isEqualTo(2);
      assertThat(titles(await(index, "summer", 2, 2))).containsExactly("A Summer's Tale");
      // Unicode case folding, which the embedded server's regular expressions lack.
      assertThat(titles(await(index, "l'été", 20, 0))).containsExactly("L'Été meurtrier");
      assertThat(await(index, ".*", 20, 0).totalCount()).isZero();
      assertThat(await(index, "'s", 20, 0).totalCount()).isEqualTo(1);
    }
  }

  @Test
  void followsPublishesAndSkipsDocumentsDeletedSinceTheLastBuild() throws Exception {
    try (TextSearchIndex index = TextSearchIndex.start(database, "movies", "title", "popularity")) {
      assertThat(titles(await(index, "winter", 20, 0))).containsExactly("Winter Sleep");

      movies.deleteOne(Filters.eq("_id", 4L));
      assertThat(titles(await(index, "winter", 20, 0)))
          .as("gone from MongoDB, not yet from the index")
          .isEmpty();

      movies.replaceOne(Filters.eq("_id", 2L), movie(2, "Winter of Sam", 30.0));
      database
          .getCollection("publish_state")
          .replaceOne(
              Filters.eq("_id", "movies"),
              new Document("_id", "movies").append("published_at", new Date()),
              new ReplaceOptions().upsert(true));
      Instant deadline =
          Instant.now().plus(Duration.ofSeconds(3 * TextSearchIndex.REFRESH_SECONDS));
      while (!titles(await(index, "winter", 20, 0)).equals(List.of("Winter of Sam"))
          && Instant.now().isBefore(deadline)) {
        Thread.sleep(100);
      }
      assertThat(titles(await(index, "winter", 20, 0))).containsExactly("Winter of Sam");
      assertThat(await(index, "summer of sam", 20, 0).totalCount()).isZero();
    }
  }
}
