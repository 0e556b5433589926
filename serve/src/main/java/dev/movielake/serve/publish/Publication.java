package dev.movielake.serve.publish;

import dev.movielake.config.Layer;
import java.util.function.BiFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * One serving collection and how it is made from a lakehouse table.
 *
 * @param documents from the rows that changed since the last publish and the whole table (both at
 *     the snapshot being published) to the documents to upsert; each has an {@code _id} column
 * @param mode whether the collection follows the table's changes or is replaced from it each time
 */
public record Publication(
    String collection, Layer layer, String table, Mode mode, BiFunction<Dataset<Row>, Dataset<Row>, Dataset<Row>> documents) {

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

  public String sourceTable() {
    return layer.name().toLowerCase(java.util.Locale.ROOT) + "." + table;
  }
}
