package dev.movielake.api;

import com.mongodb.client.MongoDatabase;
import dev.movielake.api.lakehouse.LakehouseView;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the API can answer: 503 when MongoDB does not (nothing can be served), "degraded" with
 * 200 when only the lakehouse catalog has a problem (only the operator endpoints suffer).
 */
final class HealthEndpoint {
  private static final Logger log = LoggerFactory.getLogger(HealthEndpoint.class);
  // A probe must answer quickly, whatever the client's server selection timeout (30 s by default).
  private static final long PROBE_TIMEOUT_SECONDS = 2;

  private final MongoDatabase database;
  private final LakehouseView lakehouse;
  private final String version;

  HealthEndpoint(MongoDatabase database, LakehouseView lakehouse, String version) {
    this.database = database.withTimeout(PROBE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    this.lakehouse = lakehouse;
    this.version = version;
  }

  Route route() {
    return new Route(
        "/health",
        "operations",
        "Whether MongoDB and the lakehouse catalog answer (503 without MongoDB)",
        List.of(),
        true,
        Route.Body.ENVELOPE,
        arguments -> check());
  }

  private Reply check() {
    Map<String, Object> mongo = new LinkedHashMap<>();
    boolean mongoUp;
    try {
      database.runCommand(new Document("ping", 1));
      List<String> collections = database.listCollectionNames().into(new ArrayList<>());
      collections.sort(null);
      mongo.put("state", "up");
      mongo.put("collections", collections);
      mongoUp = true;
    } catch (RuntimeException failure) {
      log.warn("Health check: MongoDB does not answer: {}", failure.toString());
      mongo.put("state", "down");
      mongo.put("collections", List.of());
      mongoUp = false;
    }
    String problem;
    try {
      problem = lakehouse.problem();
    } catch (RuntimeException failure) {
      problem = failure.toString();
    }
    Map<String, Object> catalog = new LinkedHashMap<>();
    catalog.put("state", problem == null ? "up" : "unavailable");
    catalog.put("problem", problem);
    Map<String, Object> health = new LinkedHashMap<>();
    health.put("status", mongoUp && problem == null ? "ok" : "degraded");
    health.put("version", version);
    health.put("mongo", mongo);
    health.put("lakehouse", catalog);
    return new Reply(
        mongoUp ? 200 : 503, mongoUp, health, mongoUp ? null : "MongoDB does not answer");
  }
}
