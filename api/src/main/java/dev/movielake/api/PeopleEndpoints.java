package dev.movielake.api;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Sorts.ascending;
import static com.mongodb.client.model.Sorts.descending;
import static com.mongodb.client.model.Sorts.orderBy;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import dev.movielake.model.Columns;
import dev.movielake.model.ServingCollection;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.conversions.Bson;

/** People: by id, search, popularity, and the movies each one worked on. */
final class PeopleEndpoints {
  static final String TAG = "people";
  private static final List<String> MOVIE_FIELDS =
      List.of(
          Columns.MOVIE_ID,
          "title",
          "release_date",
          "release_year",
          "poster_path",
          "vote_average",
          "popularity");
  private static final List<String> CREDIT_FIELDS =
      List.of(Columns.MOVIE_ID, "credit_type", "character", "cast_order", "job", "department");
  // Newest first, undated last, then by title for a stable order.
  private static final Comparator<Document> NEWEST_FIRST =
      Comparator.comparing(
              (Document row) -> row.getString("release_date"),
              Comparator.nullsLast(Comparator.reverseOrder()))
          .thenComparing(row -> Objects.toString(row.get("title"), ""));

  private final MongoCollection<RawBsonDocument> people;
  private final MongoCollection<Document> credits;
  private final MongoCollection<Document> movies;
  private final int maxPageSize;

  private final TextSearchIndex names;

  PeopleEndpoints(MongoDatabase database, TextSearchIndex names, int maxPageSize) {
    this.names = names;
    this.people =
        database.getCollection(ServingCollection.PEOPLE.collectionName(), RawBsonDocument.class);
    this.credits = database.getCollection(ServingCollection.CREDITS.collectionName());
    this.movies = database.getCollection(ServingCollection.MOVIES.collectionName());
    this.maxPageSize = maxPageSize;
  }

  List<Route> routes() {
    Parameter personId = Parameter.pathId(Columns.PERSON_ID, "The person's TMDB id");
    return List.of(
        Route.of(
            "/people/search",
            TAG,
            "People whose name contains q (case-insensitive, literal), most popular first",
            List.of(
                Parameter.text("q", "Text the name contains", 200, true),
                Parameter.limit(20, maxPageSize),
                Parameter.offset()),
            this::search),
        Route.of(
            "/people/popular",
            TAG,
            "People by popularity, highest first",
            List.of(
                Parameter.limit(20, maxPageSize),
                Parameter.offset(),
                Parameter.text(
                    "department",
                    "Only people known for this department, e.g. Acting",
                    100,
                    false)),
            this::popular),
        Route.of("/people/{person_id}", TAG, "One person", List.of(personId), this::person),
        Route.of(
            "/people/{person_id}/movies",
            TAG,
            "The movies of one person's credits, newest first",
            List.of(
                personId,
                Parameter.choice(
                    "credit_type", "Only cast or only crew credits", List.of("cast", "crew")),
                Parameter.limit(50, maxPageSize),
                Parameter.offset()),
            this::movies));
  }

  private Object person(Arguments arguments) {
    long id = arguments.integer(Columns.PERSON_ID);
    return ApiException.foundOr(
        people.find(eq("_id", id)).first(), "person " + id + " does not exist");
  }

  private Object search(Arguments arguments) {
    return names.search(arguments.text("q"), arguments);
  }

  private Object popular(Arguments arguments) {
    Bson filter =
        arguments
            .optionalText("department")
            .map(department -> eq("known_for_department", department))
            .orElse(Filters.empty());
    return Page.find(
        people, filter, orderBy(descending("popularity"), ascending("_id")), arguments);
  }

  /** A person has at most hundreds of credits: they and their movies are joined in memory. */
  private Object movies(Arguments arguments) {
    List<Bson> conditions =
        new ArrayList<>(List.of(eq(Columns.PERSON_ID, arguments.integer(Columns.PERSON_ID))));
    arguments
        .optionalText("credit_type")
        .ifPresent(type -> conditions.add(eq("credit_type", type)));
    List<Document> personCredits =
        credits
            .find(and(conditions))
            .projection(Projections.include(CREDIT_FIELDS))
            .into(new ArrayList<>());
    Set<Long> movieIds = new LinkedHashSet<>();
    for (Document credit : personCredits) {
      if (credit.get(Columns.MOVIE_ID) instanceof Number id) {
        movieIds.add(id.longValue());
      }
    }
    Map<Long, Document> moviesById = new HashMap<>();
    for (Document movie :
        movies.find(in("_id", movieIds)).projection(Projections.include(MOVIE_FIELDS))) {
      moviesById.put(((Number) movie.get("_id")).longValue(), movie);
    }
    List<Document> rows = new ArrayList<>(personCredits.size());
    for (Document credit : personCredits) {
      Document movie =
          credit.get(Columns.MOVIE_ID) instanceof Number id ? moviesById.get(id.longValue()) : null;
      if (movie != null) {
        Document row = new Document(movie);
        row.remove("_id");
        for (String field : CREDIT_FIELDS) {
          row.putIfAbsent(field, credit.get(field));
        }
        rows.add(row);
      }
    }
    rows.sort(NEWEST_FIRST);
    return Page.slice(rows, arguments.limit(), arguments.offset());
  }
}
