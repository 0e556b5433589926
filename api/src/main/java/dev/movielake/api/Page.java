package dev.movielake.api;

import com.mongodb.client.MongoCollection;
import java.util.ArrayList;
import java.util.List;
import org.bson.RawBsonDocument;
import org.bson.conversions.Bson;

/**
 * One page of a list: the items from {@code offset}, at most {@code limit}, of {@code totalCount}.
 */
public record Page(List<?> items, long totalCount, int limit, int offset) {
  public Page {
    items = List.copyOf(items);
  }

  /** The offset of the next page, or null on the last one. */
  public Integer nextOffset() {
    long next = (long) offset + limit;
    return next < totalCount ? (int) next : null;
  }

  /** A page of a list held in memory. */
  public static Page slice(List<?> all, int limit, int offset) {
    int from = Math.min(offset, all.size());
    int to = Math.min(all.size(), from + limit);
    return new Page(all.subList(from, to), all.size(), limit, offset);
  }

  /** A whole list as one page. */
  public static Page all(List<?> all) {
    return new Page(all, all.size(), all.size(), 0);
  }

  /**
   * A page of a collection's documents, raw: they are served as they come, never looked into.
   * Counts only when the page does not already tell the total.
   */
  public static Page find(
      MongoCollection<RawBsonDocument> collection, Bson filter, Bson sort, Arguments arguments) {
    int limit = arguments.limit();
    int offset = arguments.offset();
    List<RawBsonDocument> items =
        collection.find(filter).sort(sort).skip(offset).limit(limit).into(new ArrayList<>());
    long total =
        items.size() < limit && (offset == 0 || !items.isEmpty())
            ? offset + items.size()
            : collection.countDocuments(filter);
    return new Page(items, total, limit, offset);
  }
}
