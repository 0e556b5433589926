package dev.movielake.api;

import static com.mongodb.client.model.Sorts.ascending;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import dev.movielake.model.ServingCollection;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;

/** Which table snapshot each collection was last published from, and when. */
final class PublishStateEndpoint {
  private final MongoCollection<Document> publishState;

  PublishStateEndpoint(MongoDatabase database) {
    this.publishState = database.getCollection(ServingCollection.PUBLISH_STATE.collectionName());
  }

  Route route() {
    return Route.of(
        "/publish/state",
        "operations",
        "Per collection: source table, snapshot, time and documents",
        List.of(),
        arguments -> Page.all(publishState.find().sort(ascending("_id")).into(new ArrayList<>())));
  }
}
