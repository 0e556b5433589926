package dev.movielake.api;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Sorts.ascending;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Accumulators;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import dev.movielake.api.lakehouse.LakehouseView;
import dev.movielake.lakehouse.TableNotFoundException;
import dev.movielake.model.Layer;
import dev.movielake.model.ServingCollection;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What operators see of the lakehouse: tables, snapshots, history, maintenance and data quality.
 */
final class LakehouseEndpoints {
  static final String TAG = "lakehouse";
  static final String TABLE_PATTERN = "[A-Za-z_][A-Za-z0-9_]{0,127}";
  private static final Logger log = LoggerFactory.getLogger(LakehouseEndpoints.class);

  private final LakehouseView lakehouse;
  private final MongoCollection<Document> dataQuality;
  private final MongoCollection<Document> audits;
  private final Clock clock;
  private final int maxPageSize;

  LakehouseEndpoints(
      LakehouseView lakehouse, MongoDatabase database, Clock clock, int maxPageSize) {
    this.lakehouse = lakehouse;
    this.dataQuality = database.getCollection(ServingCollection.DATA_QUALITY.collectionName());
    this.audits = database.getCollection(ServingCollection.AUDITS.collectionName());
    this.clock = clock;
    this.maxPageSize = maxPageSize;
  }

  List<Route> routes() {
    Parameter layer =
        Parameter.pathChoice(
            "layer", "The table's layer", Arrays.stream(Layer.values()).map(Layer::id).toList());
    Parameter table =
        Parameter.pathPattern("table", "The table's name within its layer", TABLE_PATTERN);
    return List.of(
        Route.of(
            "/lakehouse/tables",
            TAG,
            "Statistics of every table, from Iceberg metadata",
            List.of(),
            arguments -> Page.all(ask(lakehouse::tables))),
        Route.of(
            "/lakehouse/tables/{layer}/{table}",
            TAG,
            "Statistics of one table",
            List.of(layer, table),
            arguments -> ask(() -> lakehouse.table(layer(arguments), arguments.text("table")))),
        Route.of(
            "/lakehouse/tables/{layer}/{table}/snapshots",
            TAG,
            "A table's snapshots, oldest first",
            List.of(layer, table, Parameter.limit(100, maxPageSize), Parameter.offset()),
            arguments ->
                Page.slice(
                    ask(() -> lakehouse.snapshots(layer(arguments), arguments.text("table"))),
                    arguments.limit(),
                    arguments.offset())),
        Route.of(
            "/lakehouse/tables/{layer}/{table}/history",
            TAG,
            "When each snapshot became current, oldest first",
            List.of(layer, table, Parameter.limit(100, maxPageSize), Parameter.offset()),
            arguments ->
                Page.slice(
                    ask(() -> lakehouse.history(layer(arguments), arguments.text("table"))),
                    arguments.limit(),
                    arguments.offset())),
        Route.of(
            "/lakehouse/maintenance",
            TAG,
            "Files per table now and around each table's latest compaction",
            List.of(),
            arguments -> ask(lakehouse::maintenance)),
        Route.of(
            "/lakehouse/quality",
            TAG,
            "Per table: the latest quality check with its rules, and the overall score of each"
                + " check over the days",
            List.of(Parameter.integer("days", "How many days of score history", 1, 365, 30L)),
            this::quality),
        Route.of(
            "/lakehouse/audits",
            TAG,
            "Audited batches of silver and gold, newest first, each at its latest state (passed,"
                + " held, released, discarded), with the expectations a held batch failed; and how"
                + " many batches are in each state",
            List.of(
                Parameter.choice("state", "Only batches in this state", List.copyOf(AUDIT_STATES)),
                Parameter.limit(50, maxPageSize)),
            this::audits));
  }

  /** The states of an audited batch, as {@code silver.audits} writes them. */
  private static final List<String> AUDIT_STATES =
      List.of("passed", "held", "released", "discarded");

  /** How many of the latest audit log entries the endpoint reads: weeks of batches. */
  private static final int AUDIT_ENTRIES_READ = 5000;

  /**
   * Each batch's latest entry, read from the served audit log: an operator's decision on a held
   * batch is a later entry of the same batch.
   */
  private Object audits(Arguments arguments) {
    Map<String, Document> latest = new LinkedHashMap<>();
    for (Document entry :
        audits
            .find()
            .sort(Sorts.descending("audited_at"))
            .limit(AUDIT_ENTRIES_READ)
            .projection(Projections.exclude("_id"))) {
      latest.putIfAbsent(
          entry.get("layer") + "." + entry.get("table_name") + "/" + entry.get("batch"), entry);
    }
    Map<String, Long> counts = new LinkedHashMap<>();
    AUDIT_STATES.forEach(state -> counts.put(state, 0L));
    latest
        .values()
        .forEach(entry -> counts.merge(String.valueOf(entry.get("state")), 1L, Long::sum));
    Optional<String> state = arguments.optionalText("state");
    List<Document> batches =
        latest.values().stream()
            .filter(entry -> state.isEmpty() || state.get().equals(entry.get("state")))
            .limit(arguments.limit())
            .toList();
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("counts", counts);
    result.put("batches", batches);
    return result;
  }

  /**
   * Asks the catalog: an unknown table stays a 404; any other failure is the catalog being
   * unavailable (503), logged here and not shown, since its message may name internal paths.
   */
  private static <T> T ask(Supplier<T> question) {
    try {
      return question.get();
    } catch (TableNotFoundException unknown) {
      throw ApiException.notFound(unknown.getMessage());
    } catch (RuntimeException failure) {
      log.warn("The lakehouse catalog failed", failure);
      throw new ApiException(
          ApiError.UNAVAILABLE, "the lakehouse catalog is unavailable; /health tells more");
    }
  }

  private static Layer layer(Arguments arguments) {
    return Layer.parse(arguments.text("layer"));
  }

  private Object quality(Arguments arguments) {
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("latest", latestChecks());
    result.put("history", scoreHistory(arguments.integer("days")));
    return result;
  }

  /** The latest check of each table: one aggregation finds its time, one query its rules. */
  private List<Map<String, Object>> latestChecks() {
    List<Document> latest =
        dataQuality
            .aggregate(
                List.of(
                    Aggregates.group(
                        new Document("layer", "$layer").append("table_name", "$table_name"),
                        Accumulators.max("checked_at", "$checked_at")),
                    Aggregates.sort(ascending("_id.layer", "_id.table_name"))))
            .into(new ArrayList<>());
    List<Map<String, Object>> tables = new ArrayList<>();
    for (Document group : latest) {
      Document key = group.get("_id", Document.class);
      Object checkedAt = group.get("checked_at");
      List<Document> rules =
          dataQuality
              .find(
                  and(
                      eq("layer", key.get("layer")),
                      eq("table_name", key.get("table_name")),
                      eq("checked_at", checkedAt)))
              .projection(
                  Projections.include(
                      "rule",
                      "dimension",
                      "blocking",
                      "checked",
                      "passed",
                      "pass_rate",
                      "overall_score",
                      "batch"))
              .sort(ascending("rule"))
              .into(new ArrayList<>());
      Map<String, Object> table = new LinkedHashMap<>();
      table.put("layer", key.get("layer"));
      table.put("table_name", key.get("table_name"));
      table.put("checked_at", checkedAt);
      table.put("batch", rules.isEmpty() ? null : rules.get(0).get("batch"));
      table.put("overall_score", rules.isEmpty() ? null : rules.get(0).get("overall_score"));
      for (Document rule : rules) {
        rule.remove("overall_score");
        rule.remove("batch");
      }
      table.put("rules", rules);
      tables.add(table);
    }
    return tables;
  }

  /** One point per table and check: rules of the same check share its overall score. */
  private List<Map<String, Object>> scoreHistory(long days) {
    Date since = Date.from(clock.instant().minus(Duration.ofDays(days)));
    Map<String, Map<Date, Object>> pointsByTable = new TreeMap<>();
    for (Document row :
        dataQuality
            .find(gte("checked_at", since))
            .projection(
                Projections.include("layer", "table_name", "checked_at", "overall_score"))) {
      if (row.get("checked_at") instanceof Date checkedAt) {
        String table = row.get("layer") + "." + row.get("table_name");
        pointsByTable
            .computeIfAbsent(table, ignored -> new TreeMap<>())
            .putIfAbsent(checkedAt, row.get("overall_score"));
      }
    }
    List<Map<String, Object>> history = new ArrayList<>();
    pointsByTable.forEach(
        (table, points) -> {
          List<Map<String, Object>> series = new ArrayList<>();
          points.forEach(
              (checkedAt, score) -> {
                Map<String, Object> point = new LinkedHashMap<>();
                point.put("checked_at", checkedAt);
                point.put("overall_score", score);
                series.add(point);
              });
          Map<String, Object> entry = new LinkedHashMap<>();
          entry.put("table", table);
          entry.put("points", series);
          history.add(entry);
        });
    return history;
  }
}
