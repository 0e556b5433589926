package dev.movielake.ingest.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.movielake.ingest.tmdb.TmdbClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One movie end to end: details with credits, reviews and keywords in one call, the remaining
 * review pages, then its messages. Returns the people worth fetching: the leading cast and the
 * directors.
 */
final class MovieIngestion {
  /** Cast members up to this billing order count as leads. */
  static final int LEAD_CAST_ORDER = 4;

  private final TmdbClient client;
  private final TopicMessages messages;

  MovieIngestion(TmdbClient client, TopicMessages messages) {
    this.client = client;
    this.messages = messages;
  }

  /** The movie's messages and its notable people; empty when TMDB no longer has the movie. */
  record Result(List<Message> messages, List<Long> people) {}

  Optional<Result> fetch(long movieId) {
    Optional<ObjectNode> details = client.movieDetails(movieId);
    if (details.isEmpty()) {
      return Optional.empty();
    }
    ObjectNode movie = details.get();
    List<Message> out = new ArrayList<>();
    out.add(messages.movie(movie));
    JsonNode credits = movie.path("credits");
    out.addAll(messages.credits(movieId, credits));
    out.addAll(messages.reviews(movieId, reviews(movieId, movie.path("reviews"))));
    return Optional.of(new Result(out, notablePeople(credits)));
  }

  /** The appended first page of reviews, plus the other pages when there are more. */
  private List<ObjectNode> reviews(long movieId, JsonNode firstPage) {
    List<ObjectNode> reviews = new ArrayList<>();
    firstPage.path("results").forEach(review -> reviews.add((ObjectNode) review));
    int totalPages = firstPage.path("total_pages").asInt(1);
    for (int page = 2; page <= Math.min(totalPages, TmdbClient.MAX_PAGE); page++) {
      reviews.addAll(client.movieReviews(movieId, page).results());
    }
    return reviews;
  }

  private static List<Long> notablePeople(JsonNode credits) {
    List<Long> people = new ArrayList<>();
    for (JsonNode member : credits.path("cast")) {
      if (member.path("order").asInt(Integer.MAX_VALUE) <= LEAD_CAST_ORDER) {
        people.add(member.path("id").asLong());
      }
    }
    for (JsonNode member : credits.path("crew")) {
      if ("Director".equals(member.path("job").asText())) {
        people.add(member.path("id").asLong());
      }
    }
    return people;
  }
}
