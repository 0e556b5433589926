package dev.movielake.publish;

import dev.movielake.model.PipelineTable;
import dev.movielake.model.ServingCollection;
import java.util.function.BiFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * One serving collection and how it is made from the lakehouse table the contract names as its
 * source.
 *
 * @param documents from the rows that changed since the last publish and the whole table (both at
 *     the snapshot being published) to the documents to upsert; each has an {@code _id} column
 * @param mode whether the collection follows the table's changes or is replaced from it each time
 */
public record Publication(
    ServingCollection target,
    Mode mode,
    BiFunction<Dataset<Row>, Dataset<Row>, Dataset<Row>> documents) {

  public enum Mode {
    /**
     * Rows are only added or updated in place (silver upserts, windowed gold merges, appends): only
     * the rows in data files added since the published snapshot are sent.
     */
    INCREMENTAL,
    /**
     * The table is recomputed as a whole (gold aggregates): every row is sent and documents the
     * table no longer has are deleted.
     */
    REPLACE
  }

  public Publication {
    if (target.source().isEmpty()) {
      throw new IllegalArgumentException(target + " is not published from a table");
    }
  }

  public String collection() {
    return target.collectionName();
  }

  public PipelineTable source() {
    return target.source().orElseThrow();
  }

  /** {@code layer.table}, as reports show it. */
  public String sourceTable() {
    return source().toString();
  }
}
