package dev.movielake.lakehouse.sql;

import java.time.Duration;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * What one statement returned.
 *
 * @param statement the statement as run
 * @param kind what it does
 * @param schema its result's columns; none for statements that return nothing (INSERT, CREATE)
 * @param rows the rows collected, at most the limit asked for
 * @param rowCount how many rows the result has in all, also those beyond the limit
 * @param elapsed from the start of the statement to its last row collected (and counted)
 */
public record StatementResult(
    String statement,
    StatementKind kind,
    StructType schema,
    List<Row> rows,
    long rowCount,
    Duration elapsed) {
  public StatementResult {
    rows = List.copyOf(rows);
  }

  /** Whether the statement returns rows at all (a query, SHOW, CALL) rather than only doing. */
  public boolean hasColumns() {
    return schema.fields().length > 0;
  }

  /** The rows beyond the limit, which were counted but not collected. */
  public long rowsNotCollected() {
    return rowCount - rows.size();
  }
}
