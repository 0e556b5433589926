package dev.movielake.publish;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import dev.movielake.model.ServingCollection;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import org.bson.Document;

/**
 * Which Iceberg snapshot each collection was last published from, kept in MongoDB next to the
 * collections (collection {@code publish_state}). It is written only after a collection's documents
 * are all written, so a crash mid-publish makes the next run send the same changes again, and
 * upserts by key make that harmless.
 */
final class PublishState {

  private final MongoCollection<Document> states;

  PublishState(MongoDatabase database) {
    this.states = database.getCollection(ServingCollection.PUBLISH_STATE.collectionName());
  }

  Optional<Long> snapshotId(String collection) {
    Document state = states.find(Filters.eq("_id", collection)).first();
    return state == null
        ? Optional.empty()
        : Optional.ofNullable(state.get("snapshot_id", Number.class)).map(Number::longValue);
  }

  void record(
      Publication publication,
      long snapshotId,
      Instant publishedAt,
      long documents,
      boolean incremental) {
    Document state =
        new Document("_id", publication.collection())
            .append("collection", publication.collection())
            .append("source_table", publication.sourceTable())
            .append("snapshot_id", snapshotId)
            .append("published_at", Date.from(publishedAt))
            .append("documents", documents)
            .append("mode", incremental ? "incremental" : "full");
    states.replaceOne(
        Filters.eq("_id", publication.collection()), state, new ReplaceOptions().upsert(true));
  }
}
