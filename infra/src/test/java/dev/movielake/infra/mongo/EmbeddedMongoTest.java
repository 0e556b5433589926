package dev.movielake.infra.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import java.nio.file.Path;
import java.util.ArrayList;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedMongoTest {
  @TempDir Path folder;

  @Test
  void documentsAndIndexesInTheFileSurviveARestart() {
    Path file = folder.resolve("mongo/serving.mv");
    try (EmbeddedMongo mongo = EmbeddedMongo.start(file);
        MongoClient client = MongoClients.create(mongo.connectionString())) {
      assertThat(mongo.connectionString()).startsWith("mongodb://127.0.0.1:");
      MongoCollection<Document> movies = client.getDatabase("moviedb").getCollection("movies");
      movies.createIndex(Indexes.descending("popularity"));
      movies.insertOne(
          new Document("_id", 603L).append("title", "The Matrix").append("popularity", 81.5));
    }
    assertThat(file).exists();

    try (EmbeddedMongo mongo = EmbeddedMongo.start(file);
        MongoClient client = MongoClients.create(mongo.connectionString())) {
      MongoCollection<Document> movies = client.getDatabase("moviedb").getCollection("movies");
      assertThat(movies.find(Filters.eq("_id", 603L)).first()).containsEntry("title", "The Matrix");
      assertThat(
              movies
                  .listIndexes()
                  .map(index -> index.get("name", String.class))
                  .into(new ArrayList<>()))
          .contains("popularity_-1");
    }
  }

  @Test
  void anInMemoryServerStartsEmptyOnAFreePort() {
    try (EmbeddedMongo first = EmbeddedMongo.startInMemory();
        EmbeddedMongo second = EmbeddedMongo.startInMemory();
        MongoClient client = MongoClients.create(first.connectionString())) {
      assertThat(first.connectionString()).isNotEqualTo(second.connectionString());
      assertThat(first.file()).isEmpty();
      assertThat(client.getDatabase("moviedb").listCollectionNames().into(new ArrayList<>()))
          .isEmpty();
    }
  }
}
