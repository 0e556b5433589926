package dev.movielake.api;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Sorts.ascending;
import static com.mongodb.client.model.Sorts.descending;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Projections;
import dev.movielake.model.ServingCollection;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * The quality monitor's scores ({@code pipeline quality}, published from {@code
 * silver.quality_scores} into {@code quality_scores}): the latest run with a score and level per
 * table, and the overall score of each run over the days.
 */
final class QualityScoreEndpoints {
  /** The scopes of the quality monitor's rows, as the stream module's QualityScores writes them. */
  private static final String OVERALL = "overall";

  private static final String TABLE = "table";
  private static final Bson TABLE_FIELDS =
      Projections.fields(
          Projections.excludeId(), Projections.exclude("_meta", "scope", "run_id", "checked_at"));

  private final MongoCollection<Document> scores;
  private final Clock clock;

  QualityScoreEndpoints(MongoDatabase database, Clock clock) {
    this.scores = database.getCollection(ServingCollection.QUALITY_SCORES.collectionName());
    this.clock = clock;
  }

  List<Route> routes() {
    return List.of(
        Route.of(
            "/lakehouse/quality/scores",
            LakehouseEndpoints.TAG,
            "The quality monitor's latest run (score and level per table and overall) and the"
                + " overall score history",
            List.of(
                Parameter.integer("days", "How many days of overall score history", 1, 365, 30L)),
            this::scores));
  }

  private Object scores(Arguments arguments) {
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("latest", latestRun());
    result.put("history", history(arguments.integer("days")));
    return result;
  }

  /** The newest overall row and the table rows of its run; null before the first published run. */
  private Map<String, Object> latestRun() {
    Document overall = scores.find(eq("scope", OVERALL)).sort(descending("checked_at")).first();
    if (overall == null) {
      return null;
    }
    Map<String, Object> run = new LinkedHashMap<>();
    run.put("run_id", overall.get("run_id"));
    run.put("checked_at", overall.get("checked_at"));
    run.put("layers", overall.get("layer"));
    run.put("rows", overall.get("rows"));
    run.put("overall_score", overall.get("score"));
    run.put("level", overall.get("level"));
    Map<String, Object> dimensions = new LinkedHashMap<>();
    for (String dimension : List.of("schema", "freshness", "volume", "completeness", "validity")) {
      dimensions.put(dimension, overall.get(dimension + "_score"));
    }
    run.put("dimensions", dimensions);
    run.put(
        "tables",
        scores
            .find(and(eq("run_id", overall.get("run_id")), eq("scope", TABLE)))
            .projection(TABLE_FIELDS)
            .sort(ascending("layer", "table_name"))
            .into(new ArrayList<>()));
    return run;
  }

  private List<Map<String, Object>> history(long days) {
    Date since = Date.from(clock.instant().minus(Duration.ofDays(days)));
    List<Map<String, Object>> points = new ArrayList<>();
    for (Document row :
        scores
            .find(and(eq("scope", OVERALL), gte("checked_at", since)))
            .sort(ascending("checked_at"))) {
      Map<String, Object> point = new LinkedHashMap<>();
      point.put("checked_at", row.get("checked_at"));
      point.put("run_id", row.get("run_id"));
      point.put("layers", row.get("layer"));
      point.put("overall_score", row.get("score"));
      point.put("level", row.get("level"));
      points.add(point);
    }
    return points;
  }
}
