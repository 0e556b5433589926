package dev.movielake.ingest.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.movielake.model.RecordType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * TMDB JSON turned into the topics' messages. Every message carries the FULL record, not the list
 * entry (which lacks budget, revenue, runtime, genres, ..., the fields silver and gold compute
 * from), plus {@code ingestion_timestamp} (epoch seconds) and {@code data_source}.
 */
public final class TopicMessages {
  private static final ObjectMapper JSON = new ObjectMapper();
  public static final String DATA_SOURCE = "tmdb";

  private final Instant ingestedAt;

  public TopicMessages(Instant ingestedAt) {
    this.ingestedAt = ingestedAt;
  }

  /**
   * The movie's details without the appended credits and reviews, which have topics of their own.
   */
  public Message movie(ObjectNode details) {
    ObjectNode movie = details.deepCopy();
    movie.remove("credits");
    movie.remove("reviews");
    return new Message(
        RecordType.MOVIES.recordType(), movie.path("id").asText(), write(stamp(movie)));
  }

  public Message person(ObjectNode details) {
    return new Message(
        RecordType.PEOPLE.recordType(),
        details.path("id").asText(),
        write(stamp(details.deepCopy())));
  }

  /** One message per cast or crew member, keyed {@code {movie_id}_{person_id}_{cast|crew}}. */
  public List<Message> credits(long movieId, JsonNode credits) {
    List<Message> messages = new ArrayList<>();
    for (String type : List.of("cast", "crew")) {
      for (JsonNode member : credits.path(type)) {
        long personId = member.path("id").asLong();
        ObjectNode credit = JSON.createObjectNode();
        credit.put("movie_id", movieId);
        credit.put("person_id", personId);
        credit.put("credit_type", type);
        credit.put("credit_id", member.path("credit_id").asText(null));
        credit.put("name", member.path("name").asText(null));
        if (type.equals("cast")) {
          credit.put("character", member.path("character").asText(null));
          credit.set("order", member.path("order").isMissingNode() ? null : member.get("order"));
        } else {
          credit.put("job", member.path("job").asText(null));
          credit.put("department", member.path("department").asText(null));
        }
        for (String field :
            List.of("profile_path", "gender", "adult", "known_for_department", "popularity")) {
          if (member.has(field)) {
            credit.set(field, member.get(field));
          }
        }
        messages.add(
            new Message(
                RecordType.CREDITS.recordType(),
                movieId + "_" + personId + "_" + type,
                write(stamp(credit))));
      }
    }
    return messages;
  }

  /** Reviews with the movie they are about, keyed by review id. */
  public List<Message> reviews(long movieId, List<ObjectNode> reviews) {
    List<Message> messages = new ArrayList<>();
    for (ObjectNode review : reviews) {
      ObjectNode copy = review.deepCopy();
      copy.put("movie_id", movieId);
      String key =
          review.hasNonNull("id")
              ? review.get("id").asText()
              : movieId + "_" + review.path("author").asText();
      messages.add(new Message(RecordType.REVIEWS.recordType(), key, write(stamp(copy))));
    }
    return messages;
  }

  private ObjectNode stamp(ObjectNode node) {
    node.put("ingestion_timestamp", ingestedAt.toEpochMilli() / 1000.0);
    node.put("data_source", DATA_SOURCE);
    return node;
  }

  private static String write(JsonNode node) {
    try {
      return JSON.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise a TMDB record", e);
    }
  }
}
