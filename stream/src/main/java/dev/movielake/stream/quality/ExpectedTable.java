package dev.movielake.stream.quality;

import dev.movielake.model.Layer;
import dev.movielake.model.PipelineTable;
import dev.movielake.model.RecordType;
import dev.movielake.model.expectation.BatchCheck;
import dev.movielake.model.expectation.Check;
import dev.movielake.model.expectation.Expectation;
import dev.movielake.model.expectation.TableExpectations;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.catalyst.analysis.UnresolvedAttribute;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.parser.CatalystSqlParser$;
import scala.jdk.javaapi.CollectionConverters;

/**
 * What the pipeline expects of one of its tables: the columns its code reads and the expectations
 * its data should meet, the contract's ({@link TableExpectations}), here checked over the whole
 * table. Expected columns are the expectations' columns (read from their SQL) and the table's key,
 * so they follow the expectations as they change.
 */
public record ExpectedTable(Set<String> columns, List<Expectation> rules) {
  /** Bronze's envelope: the Kafka coordinates and the raw value, as bronze's writer stores them. */
  static final List<String> BRONZE_ENVELOPE =
      List.of(
          "kafka_topic",
          "kafka_partition",
          "kafka_offset",
          "kafka_key",
          "kafka_timestamp",
          "raw_value");

  public ExpectedTable {
    columns = new TreeSet<>(columns);
    rules = List.copyOf(rules);
  }

  /** Empty for a table the pipeline does not write (a user's own): only its metadata is checked. */
  public static Optional<ExpectedTable> of(Layer layer, String table, LocalDate today) {
    return PipelineTable.find(layer, table)
        .filter(known -> known.role() == PipelineTable.Role.RECORDS)
        .map(known -> of(known, today));
  }

  /**
   * The contract's row expectations of the table, and the columns they read with the table's key
   * (gold keys are the tables' grouping keys, which the expectations name only in part); bronze
   * also reads its envelope and the record's key fields. Batch expectations judge each batch as the
   * streams write it, against its table's recent batches: a whole table is not a batch, and its
   * freshness and volume are dimensions of the monitor's own.
   */
  private static ExpectedTable of(PipelineTable table, LocalDate today) {
    List<Expectation> rules =
        TableExpectations.of(table, today).stream()
            .filter(expectation -> !expectation.judgesBatch())
            .toList();
    Set<String> columns = new TreeSet<>(table.key());
    if (table.layer() == Layer.BRONZE) {
      columns.addAll(BRONZE_ENVELOPE);
      columns.addAll(RecordType.ofBronzeTable(table).orElseThrow().requiredFields());
    }
    rules.forEach(rule -> columns.addAll(columnsOf(rule)));
    return new ExpectedTable(columns, rules);
  }

  /**
   * The columns an expectation reads: its key or column, or the attributes of its parsed condition
   * or aggregate; none for a batch's row count.
   */
  static Set<String> columnsOf(Expectation rule) {
    Set<String> columns = new TreeSet<>();
    Check check = rule.check();
    if (check instanceof Check.RowCondition condition) {
      collect(CatalystSqlParser$.MODULE$.parseExpression(condition.sql()), columns);
    } else if (check instanceof Check.UniqueKey unique) {
      columns.addAll(unique.columns());
    } else if (check instanceof BatchCheck.DuplicateKeys duplicates) {
      columns.addAll(duplicates.key());
    } else if (check instanceof BatchCheck.NullShare nulls) {
      columns.add(nulls.column());
    } else if (check instanceof BatchCheck.Freshness freshness) {
      columns.add(freshness.timestampColumn());
    } else if (check instanceof BatchCheck.References references) {
      columns.add(references.column());
    } else if (check instanceof BatchCheck.ValueBand band) {
      collect(CatalystSqlParser$.MODULE$.parseExpression(band.aggregateSql()), columns);
    }
    return columns;
  }

  private static void collect(Expression expression, Set<String> columns) {
    if (expression instanceof UnresolvedAttribute attribute) {
      columns.add(CollectionConverters.asJava(attribute.nameParts()).get(0));
      return;
    }
    for (Expression child : CollectionConverters.asJava(expression.children())) {
      collect(child, columns);
    }
  }
}
