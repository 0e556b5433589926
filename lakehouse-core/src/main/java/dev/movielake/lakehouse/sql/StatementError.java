package dev.movielake.lakehouse.sql;

import dev.movielake.lakehouse.LakehouseException;
import org.apache.spark.sql.AnalysisException;

/**
 * A statement Spark could not parse or analyse (a misspelt keyword, an unknown table or column), in
 * one line: Spark's message with its error class, SQLSTATE and position, without the plan or the
 * stack trace, since the user's fix is in the statement.
 */
public final class StatementError extends LakehouseException {
  private StatementError(String message, AnalysisException cause) {
    super(message, cause);
  }

  public static StatementError of(AnalysisException exception) {
    // message() is Spark's text without the position and the plan it appends in getMessage().
    String message = exception.message().strip().replaceAll("\\s*\\R\\s*", " ");
    if (exception.line().isDefined() && exception.startPosition().isDefined()) {
      message +=
          " (line " + exception.line().get() + ", pos " + exception.startPosition().get() + ")";
    }
    return new StatementError(message, exception);
  }
}
