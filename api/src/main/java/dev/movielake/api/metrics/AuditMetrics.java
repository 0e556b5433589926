package dev.movielake.api.metrics;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import dev.movielake.model.ServingCollection;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The write-audit-publish gate on Prometheus, from the served audit log: {@code
 * lakehouse_audits_held_total} rises with every batch an audit held (the log only grows, so the
 * count of its held entries never falls), {@code lakehouse_audits_passed_total} with every batch
 * that passed, {@code lakehouse_audits_released_total} and {@code lakehouse_audits_discarded_total}
 * with the operators' decisions. Alert on the held counter's increase.
 */
public final class AuditMetrics {
  private static final Logger log = LoggerFactory.getLogger(AuditMetrics.class);

  private final MongoCollection<Document> audits;

  private AuditMetrics(MongoDatabase database) {
    this.audits = database.getCollection(ServingCollection.AUDITS.collectionName());
  }

  /**
   * Registers the counters. Micrometer holds what a function counter reads only weakly: the caller
   * keeps the returned object for as long as the counters should count (the API server does), or
   * they read nothing once it is collected.
   */
  public static AuditMetrics register(MongoDatabase database, MeterRegistry registry) {
    AuditMetrics metrics = new AuditMetrics(database);
    for (String state : new String[] {"held", "passed", "released", "discarded"}) {
      FunctionCounter.builder("lakehouse.audits." + state, metrics, counted -> counted.count(state))
          .description("Batches of silver and gold whose audit log has a '" + state + "' entry")
          .register(registry);
    }
    return metrics;
  }

  /** Entries of one state; not a number when the database does not answer (no sample). */
  private double count(String state) {
    try {
      return audits.countDocuments(eq("state", state));
    } catch (RuntimeException e) {
      log.warn("The audit counters could not be read: {}", e.getMessage());
      return Double.NaN;
    }
  }
}
