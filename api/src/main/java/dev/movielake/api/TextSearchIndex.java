package dev.movielake.api;

import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Projections.include;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import dev.movielake.model.ServingCollection;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonString;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Case-insensitive "contains" search over one text field of a collection (movie titles, people's
 * names), held in the API's memory and ranked by a numeric field (popularity).
 *
 * <p>Why not a regular expression in MongoDB: an unanchored, case-insensitive pattern cannot use an
 * index, so every search reads the whole collection, and the embedded server reads it from its file
 * and decodes every document: 10 to 20 s per search at 100 000 movies. The index keeps only key,
 * lower-cased text and rank (about 100 bytes a document) and is rebuilt in the background when the
 * collection is published again (its {@code publish_state} changes) or its size changes, so it lags
 * a publish by at most {@link #REFRESH_SECONDS}. Until the first build, searches fall back to the
 * regular expression.
 */
final class TextSearchIndex implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(TextSearchIndex.class);
  static final long REFRESH_SECONDS = 5;

  private final MongoCollection<Document> source;
  private final MongoCollection<RawBsonDocument> documents;
  private final MongoCollection<Document> publishState;
  private final String collection;
  private final String textField;
  private final String rankField;
  private final ScheduledExecutorService refresher;
  private volatile Entries entries;
  private volatile Object version;

  /** Keys, lower-cased texts and ranks, most highly ranked first (ties by key). */
  private record Entries(Object[] keys, String[] texts) {}

  private TextSearchIndex(
      MongoDatabase database, String collection, String textField, String rankField) {
    this.source = database.getCollection(collection);
    this.documents = database.getCollection(collection, RawBsonDocument.class);
    this.publishState = database.getCollection(ServingCollection.PUBLISH_STATE.collectionName());
    this.collection = collection;
    this.textField = textField;
    this.rankField = rankField;
    this.refresher =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "search-index-" + collection);
              thread.setDaemon(true);
              return thread;
            });
  }

  /** Builds the index in the background now and keeps it fresh. */
  static TextSearchIndex start(
      MongoDatabase database, String collection, String textField, String rankField) {
    TextSearchIndex index = new TextSearchIndex(database, collection, textField, rankField);
    index.refresher.scheduleWithFixedDelay(
        index::refreshIfChanged, 0, REFRESH_SECONDS, TimeUnit.SECONDS);
    return index;
  }

  /**
   * The page of documents whose text contains {@code query}, most highly ranked first; before the
   * index is first built, from MongoDB with an escaped case-insensitive regular expression.
   */
  Page search(String query, Arguments arguments) {
    return indexed(query, arguments.limit(), arguments.offset())
        .orElseGet(
            () ->
                Page.find(
                    documents,
                    Filters.regex(textField, LiteralPattern.of(query), "i"),
                    Sorts.orderBy(Sorts.descending(rankField), Sorts.ascending("_id")),
                    arguments));
  }

  /** The page from the index, or empty until the index is built. */
  Optional<Page> indexed(String query, int limit, int offset) {
    Entries current = entries;
    if (current == null) {
      return Optional.empty();
    }
    String needle = query.toLowerCase(Locale.ROOT);
    List<Object> pageKeys = new ArrayList<>(limit);
    long total = 0;
    for (int position = 0; position < current.texts.length; position++) {
      String text = current.texts[position];
      if (text != null && text.contains(needle)) {
        if (total >= offset && pageKeys.size() < limit) {
          pageKeys.add(current.keys[position]);
        }
        total++;
      }
    }
    List<RawBsonDocument> items = new ArrayList<>(pageKeys.size());
    if (!pageKeys.isEmpty()) {
      Map<Object, RawBsonDocument> byKey = new HashMap<>();
      for (RawBsonDocument document : documents.find(in("_id", pageKeys))) {
        byKey.put(key(document.get("_id")), document);
      }
      for (Object key : pageKeys) {
        RawBsonDocument document = byKey.get(key);
        if (document != null) { // deleted since the index was built
          items.add(document);
        }
      }
    }
    return Optional.of(new Page(items, total, limit, offset));
  }

  private void refreshIfChanged() {
    try {
      Document state = publishState.find(Filters.eq("_id", collection)).first();
      Object seen =
          List.of(
              state == null ? "" : Objects.toString(state.get("published_at")),
              source.estimatedDocumentCount());
      if (!seen.equals(version)) {
        long started = System.nanoTime();
        entries = build();
        version = seen;
        log.debug(
            "Search index of {} rebuilt: {} entries in {} ms",
            collection,
            entries.keys.length,
            (System.nanoTime() - started) / 1_000_000);
      }
    } catch (RuntimeException e) {
      log.warn(
          "Cannot refresh the search index of {}; searches use the last one: {}",
          collection,
          e.getMessage());
    }
  }

  private Entries build() {
    record Entry(Object key, String text, double rank) {}
    List<Entry> all = new ArrayList<>();
    for (Document document : source.find().projection(include(textField, rankField))) {
      Object text = document.get(textField);
      Object rank = document.get(rankField);
      all.add(
          new Entry(
              key(document.get("_id")),
              text == null ? null : text.toString().toLowerCase(Locale.ROOT),
              rank instanceof Number number ? number.doubleValue() : Double.NEGATIVE_INFINITY));
    }
    all.sort(
        Comparator.comparingDouble(Entry::rank)
            .reversed()
            .thenComparing(Entry::key, TextSearchIndex::compareKeys));
    Object[] keys = new Object[all.size()];
    String[] texts = new String[all.size()];
    for (int position = 0; position < all.size(); position++) {
      keys[position] = all.get(position).key();
      texts[position] = all.get(position).text();
    }
    return new Entries(keys, texts);
  }

  /** Keys in MongoDB's order: numbers by value, before strings. */
  private static int compareKeys(Object left, Object right) {
    if (left instanceof Number a && right instanceof Number b) {
      return Double.compare(a.doubleValue(), b.doubleValue());
    }
    if (left instanceof Number || right instanceof Number) {
      return left instanceof Number ? -1 : 1;
    }
    return String.valueOf(left).compareTo(String.valueOf(right));
  }

  /**
   * A BSON value as the Java value the driver's filters take (RawBsonDocument gives BsonValues).
   */
  private static Object key(Object value) {
    if (value instanceof BsonInt64 number) {
      return number.getValue();
    }
    if (value instanceof BsonInt32 number) {
      return number.getValue();
    }
    if (value instanceof BsonString text) {
      return text.getValue();
    }
    return value;
  }

  @Override
  public void close() {
    refresher.shutdownNow();
  }
}
