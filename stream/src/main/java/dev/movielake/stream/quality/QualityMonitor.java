package dev.movielake.stream.quality;

import dev.movielake.config.QualityConfig;
import dev.movielake.lakehouse.IcebergStorageManager;
import dev.movielake.lakehouse.TableName;
import dev.movielake.model.Layer;
import dev.movielake.model.PipelineTable;
import dev.movielake.model.expectation.Expectation;
import dev.movielake.model.expectation.QualityDimension;
import dev.movielake.stream.silver.quality.QualityCheck;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.iceberg.HasTableOperations;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.types.Types;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Checks whole tables, layer by layer, on five dimensions: schema (the columns the pipeline reads,
 * format version 2), freshness (age of the last commit), volume (row count against the previous
 * run's), completeness and validity (the contract's expectations over every row). A table's score
 * is the mean of its dimension scores, the overall score the mean of the tables'; the run is stored
 * in {@link QualityScores}. The per-batch checks of the streams stay where they are ({@link
 * QualityCheck} in silver and gold): this is the scheduled look at what the tables hold.
 */
public final class QualityMonitor {
  private final IcebergStorageManager storage;
  private final QualityConfig config;
  private final Clock clock;

  public QualityMonitor(IcebergStorageManager storage, QualityConfig config, Clock clock) {
    this.storage = storage;
    this.config = config;
    this.clock = clock;
  }

  /** Checks every table of the layers, stores the scores and returns the report. */
  public QualityReport run(List<Layer> layers, Consumer<String> progress) {
    Instant checkedAt = clock.instant();
    QualityScores scores = new QualityScores(storage);
    Map<String, Long> previousRows = scores.previousRows();
    List<TableName> tables = new ArrayList<>();
    for (Layer layer : layers) {
      storage.listTables(layer).stream()
          .filter(name -> !holdsChecksOrRejects(layer, name.table()))
          .sorted(Comparator.comparing(TableName::table))
          .forEach(tables::add);
    }
    List<QualityReport.TableScore> results = new ArrayList<>();
    for (int index = 0; index < tables.size(); index++) {
      TableName name = tables.get(index);
      progress.accept(
          "checking "
              + name.layer().id()
              + "."
              + name.table()
              + " ("
              + (index + 1)
              + "/"
              + tables.size()
              + ")");
      results.add(check(name, checkedAt, previousRows));
    }
    QualityReport report =
        QualityReport.of(UUID.randomUUID().toString(), checkedAt, layers, results);
    scores.record(report);
    return report;
  }

  private QualityReport.TableScore check(
      TableName name, Instant checkedAt, Map<String, Long> previousRows) {
    List<String> failures = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    Table table;
    try {
      table = storage.loadTable(name);
    } catch (RuntimeException e) {
      // One unreadable table is a finding of the run, not the end of it.
      failures.add(
          "check: the table could not be read ("
              + e.getClass().getSimpleName()
              + ": "
              + e.getMessage()
              + ")");
      return score(
          name,
          0,
          new QualityReport.DimensionScores(0, 0, 0, Optional.empty(), Optional.empty()),
          failures,
          notes);
    }
    Optional<ExpectedTable> expected =
        ExpectedTable.of(
            name.layer(), name.table(), LocalDate.ofInstant(checkedAt, ZoneOffset.UTC));
    Set<String> present = new TreeSet<>();
    for (Types.NestedField field : table.schema().columns()) {
      present.add(field.name());
    }
    double schema = schema(table, expected, present, failures);
    double freshness = freshness(table, checkedAt, failures);

    RuleScores rules;
    try {
      rules = rules(name, expected.map(ExpectedTable::rules).orElse(List.of()), present, failures);
    } catch (RuntimeException e) {
      failures.add(
          "check: the rows could not be read ("
              + e.getClass().getSimpleName()
              + ": "
              + e.getMessage()
              + ")");
      return score(
          name,
          0,
          new QualityReport.DimensionScores(
              schema, freshness, 0, Optional.of(0.0), Optional.of(0.0)),
          failures,
          notes);
    }
    double volume =
        volume(
            rules.rows(),
            previousRows.get(name.layer().id() + "." + name.table()),
            failures,
            notes);
    return score(
        name,
        rules.rows(),
        new QualityReport.DimensionScores(
            schema, freshness, volume, rules.completeness(), rules.validity()),
        failures,
        notes);
  }

  private static QualityReport.TableScore score(
      TableName name,
      long rows,
      QualityReport.DimensionScores dimensions,
      List<String> failures,
      List<String> notes) {
    double score = dimensions.mean();
    return new QualityReport.TableScore(
        name.layer(),
        name.table(),
        rows,
        score,
        QualityLevel.of(score),
        dimensions,
        failures,
        notes);
  }

  private static double schema(
      Table table, Optional<ExpectedTable> expected, Set<String> present, List<String> failures) {
    boolean passed = true;
    List<String> missing =
        expected.map(ExpectedTable::columns).orElse(Set.of()).stream()
            .filter(column -> !present.contains(column))
            .toList();
    if (!missing.isEmpty()) {
      failures.add("schema: missing column(s) " + String.join(", ", missing));
      passed = false;
    }
    int formatVersion =
        table instanceof HasTableOperations operations
            ? operations.operations().current().formatVersion()
            : 0;
    if (formatVersion < 2) {
      failures.add(
          "schema: format-version "
              + formatVersion
              + ", expected 2 (row-level deletes and upserts need it)");
      passed = false;
    }
    return passed ? 1 : 0;
  }

  private double freshness(Table table, Instant checkedAt, List<String> failures) {
    Snapshot current = table.currentSnapshot();
    long limitHours = config.freshness().toHours();
    if (current == null) {
      failures.add("freshness: no commit yet, limit " + limitHours + " h");
      return 0;
    }
    Duration age = Duration.between(Instant.ofEpochMilli(current.timestampMillis()), checkedAt);
    if (age.compareTo(config.freshness()) > 0) {
      failures.add(
          "freshness: last commit " + age.toHours() + " h ago, limit " + limitHours + " h");
      return 0;
    }
    return 1;
  }

  private double volume(long rows, Long previous, List<String> failures, List<String> notes) {
    if (previous == null) {
      notes.add("volume: first check, " + rows + " rows recorded");
      return 1;
    }
    if (previous == 0) {
      if (rows > 0) {
        notes.add("volume: grew from an empty table to " + rows + " rows");
      }
      return 1;
    }
    double change = (rows - previous) / (double) previous;
    if (change < config.volumeMinChange() || change > config.volumeMaxChange()) {
      failures.add(
          String.format(
              Locale.ROOT,
              "volume: %d -> %d rows (%+.1f%%), accepted %+.0f%% to %+.0f%%",
              previous,
              rows,
              change * 100,
              config.volumeMinChange() * 100,
              config.volumeMaxChange() * 100));
      return 0;
    }
    return 1;
  }

  private record RuleScores(long rows, Optional<Double> completeness, Optional<Double> validity) {}

  /**
   * The rules over every row in one pass. A rule whose columns are missing cannot pass: it counts
   * as 0, so a broken schema also shows in the dimensions that depend on it.
   */
  private RuleScores rules(
      TableName name, List<Expectation> rules, Set<String> present, List<String> failures) {
    Dataset<Row> rows = storage.spark().sql("SELECT * FROM " + name.sql());
    List<Expectation> runnable = new ArrayList<>();
    Map<Expectation, Double> passRates = new HashMap<>();
    for (Expectation rule : rules) {
      List<String> missing =
          ExpectedTable.columnsOf(rule).stream()
              .filter(column -> !present.contains(column))
              .toList();
      if (missing.isEmpty()) {
        runnable.add(rule);
      } else {
        passRates.put(rule, 0.0);
        failures.add(
            dimension(rule)
                + ": "
                + rule.name()
                + " cannot be checked, missing "
                + String.join(", ", missing));
      }
    }
    long count;
    if (runnable.isEmpty()) {
      count = rows.count();
    } else {
      QualityCheck.Result result = new QualityCheck(runnable).evaluate(rows);
      count = result.rows();
      for (QualityCheck.RuleResult rule : result.rules()) {
        passRates.put(rule.expectation(), rule.passRate());
        if (rule.passed() < rule.checked()) {
          long failed = rule.checked() - rule.passed();
          failures.add(
              String.format(
                  Locale.ROOT,
                  "%s: %s %.1f%% (%d of %d rows %s)",
                  dimension(rule.expectation()),
                  rule.expectation().name(),
                  rule.passRate() * 100,
                  failed,
                  rule.checked(),
                  rule.expectation().perRow() ? "fail" : "repeat a key"));
        }
      }
    }
    return new RuleScores(count, mean(rules, passRates, true), mean(rules, passRates, false));
  }

  private static Optional<Double> mean(
      List<Expectation> rules, Map<Expectation, Double> passRates, boolean completeness) {
    var average =
        rules.stream()
            .filter(rule -> (rule.dimension() == QualityDimension.COMPLETENESS) == completeness)
            .mapToDouble(passRates::get)
            .average();
    return average.isPresent() ? Optional.of(average.getAsDouble()) : Optional.empty();
  }

  /** Ranges and uniqueness are kinds of validity here: the monitor reports five dimensions. */
  private static String dimension(Expectation rule) {
    return rule.dimension() == QualityDimension.COMPLETENESS ? "completeness" : "validity";
  }

  /**
   * Tables that hold the checks' own output or their rejects: judging them by the rules makes no
   * sense.
   */
  private static boolean holdsChecksOrRejects(Layer layer, String table) {
    return PipelineTable.find(layer, table)
        .map(known -> known.role() != PipelineTable.Role.RECORDS)
        .orElse(false);
  }
}
