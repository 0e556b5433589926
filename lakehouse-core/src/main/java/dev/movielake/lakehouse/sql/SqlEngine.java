package dev.movielake.lakehouse.sql;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.SparkContext;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.parser.ParseException;
import org.apache.spark.sql.connector.catalog.CatalogManager;

/**
 * Runs SQL statements on a Spark session whose current catalog is the lakehouse's, so {@code
 * movie_catalog.silver.movies_clean} and {@code silver.movies_clean} name the same table. Each
 * statement runs in a Spark job group of its own, which {@link #cancel()} cancels from another
 * thread (the shell's Ctrl-C). In read-only mode a statement that writes is refused after parsing,
 * before anything runs.
 */
public final class SqlEngine {
  private static final AtomicLong STATEMENTS = new AtomicLong();

  private final SparkSession spark;
  private final boolean readOnly;
  private volatile String runningGroup;
  private volatile boolean cancelRequested;

  /**
   * @param catalog the catalog unqualified names resolve in (the configured lakehouse catalog)
   * @param readOnly whether statements that write are refused
   */
  public SqlEngine(SparkSession spark, String catalog, boolean readOnly) {
    this.spark = spark;
    this.readOnly = readOnly;
    CatalogManager catalogs = spark.sessionState().catalogManager();
    if (!catalogs.currentCatalog().name().equals(catalog)) {
      catalogs.setCurrentCatalog(catalog);
    }
  }

  public SparkSession spark() {
    return spark;
  }

  public boolean readOnly() {
    return readOnly;
  }

  /**
   * Parses a statement with the session's parser (Spark's grammar with Iceberg's extensions) and
   * says what it does; runs nothing.
   *
   * @throws StatementError when it does not parse
   */
  public StatementKind kind(String statement) {
    try {
      return StatementKind.of(spark.sessionState().sqlParser().parsePlan(statement));
    } catch (ParseException e) {
      throw StatementError.of(e);
    }
  }

  /**
   * Refuses a statement that writes when this engine is read-only; a script checks all its
   * statements first, so none of them runs when one is refused.
   *
   * @throws StatementRefused when it writes in read-only mode
   * @throws StatementError when it does not parse
   */
  public StatementKind check(String statement) {
    StatementKind kind = kind(statement);
    if (readOnly && !kind.read()) {
      throw new StatementRefused(kind);
    }
    return kind;
  }

  /**
   * Runs one statement and collects at most {@code rowLimit} of its rows, counting the others.
   *
   * @throws StatementError when Spark cannot parse or analyse it
   * @throws StatementRefused when it writes in read-only mode
   * @throws StatementCancelled when {@link #cancel()} stopped it
   */
  public StatementResult run(String statement, int rowLimit) {
    StatementKind kind = check(statement);
    SparkContext context = spark.sparkContext();
    String group = "sql-" + STATEMENTS.incrementAndGet();
    long started = System.nanoTime();
    cancelRequested = false;
    context.setJobGroup(group, abbreviated(statement), true);
    runningGroup = group;
    try {
      Dataset<Row> result = spark.sql(statement);
      List<Row> rows;
      long rowCount;
      if (result.schema().fields().length == 0) {
        rows = List.of();
        rowCount = 0;
      } else if (kind.query()) {
        // A query runs again to count what is beyond the limit: cheaper than pulling every row
        // through the driver (the count reads fewer columns, and Iceberg answers some from
        // metadata), and a query has no effects to repeat.
        rows = result.limit(saturatedIncrement(rowLimit)).collectAsList();
        rowCount = rows.size() > rowLimit ? result.count() : rows.size();
        rows = rows.size() > rowLimit ? rows.subList(0, rowLimit) : rows;
      } else {
        // A command's or procedure's rows are collected once: running it again would repeat it.
        rows = result.collectAsList();
        rowCount = rows.size();
        rows = rows.size() > rowLimit ? rows.subList(0, rowLimit) : rows;
      }
      Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
      return new StatementResult(statement, kind, result.schema(), rows, rowCount, elapsed);
    } catch (Exception e) {
      // Scala declares no checked exceptions: Spark's AnalysisException arrives undeclared.
      if (e instanceof AnalysisException analysis) {
        throw StatementError.of(analysis);
      }
      if (cancelRequested) {
        throw new StatementCancelled(e);
      }
      throw e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
    } finally {
      runningGroup = null;
      context.clearJobGroup();
    }
  }

  /** Cancels the Spark jobs of the statement running now, if any; safe from any thread. */
  public void cancel() {
    String group = runningGroup;
    if (group != null) {
      cancelRequested = true;
      spark.sparkContext().cancelJobGroup(group);
    }
  }

  private static int saturatedIncrement(int value) {
    return value == Integer.MAX_VALUE ? value : value + 1;
  }

  private static String abbreviated(String statement) {
    String line = statement.replaceAll("\\s+", " ");
    return line.length() <= 200 ? line : line.substring(0, 199) + "…";
  }
}
