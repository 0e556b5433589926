package dev.movielake.stream.quality;

import dev.movielake.model.Layer;
import dev.movielake.model.PipelineTable;
import dev.movielake.model.RecordType;
import dev.movielake.stream.bronze.BronzeTable;
import dev.movielake.stream.silver.quality.QualityDimension;
import dev.movielake.stream.silver.quality.QualityRule;
import dev.movielake.stream.silver.quality.QualityRules;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.spark.sql.catalyst.analysis.UnresolvedAttribute;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.parser.CatalystSqlParser$;
import scala.jdk.javaapi.CollectionConverters;

/**
 * What the pipeline expects of one of its tables: the columns its code reads and the rules its data
 * should satisfy. Silver and gold use the per-batch rules of {@link QualityRules} (now over the
 * whole table); bronze has rules of its own on the raw envelope. Expected columns are the rules'
 * columns (read from their SQL) and the table's key, so they follow the rules as they change.
 */
public record ExpectedTable(Set<String> columns, List<QualityRule> rules) {
  /**
   * Bronze's envelope: the Kafka coordinates and the raw value, as {@link BronzeTable} writes them.
   */
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
   * Gold keys are the tables' grouping keys; the rules of {@link QualityRules#gold} name only some.
   */
  private static ExpectedTable of(PipelineTable table, LocalDate today) {
    switch (table.layer()) {
      case BRONZE:
        return bronze(RecordType.ofBronzeTable(table).orElseThrow());
      case SILVER:
        return withRules(
            QualityRules.silver(RecordType.ofSilverTable(table).orElseThrow(), today), table.key());
      default:
        return withRules(QualityRules.gold(table), table.key());
    }
  }

  /**
   * Completeness of the envelope (a payload, the record's key fields) and validity (the payload is
   * JSON, each Kafka offset is in the table once: bronze is written exactly once).
   */
  static ExpectedTable bronze(RecordType type) {
    List<QualityRule> rules = new ArrayList<>();
    rules.add(
        QualityRule.warning(
            "payload_present",
            QualityDimension.COMPLETENESS,
            "raw_value IS NOT NULL AND raw_value <> ''"));
    rules.add(
        QualityRule.warning(
            "key_present",
            QualityDimension.COMPLETENESS,
            type.requiredFields().stream()
                .map(field -> "`" + field + "` IS NOT NULL")
                .collect(Collectors.joining(" AND "))));
    rules.add(
        QualityRule.warning(
            "payload_is_json",
            QualityDimension.VALIDITY,
            "get_json_object(raw_value, '$') IS NOT NULL"));
    rules.add(
        QualityRule.unique("kafka_offset_unique", type.bronzeTable().key().toArray(String[]::new)));
    List<String> columns = new ArrayList<>(BRONZE_ENVELOPE);
    columns.addAll(type.requiredFields());
    return new ExpectedTable(new TreeSet<>(columns), rules);
  }

  private static ExpectedTable withRules(List<QualityRule> rules, List<String> key) {
    Set<String> columns = new TreeSet<>(key);
    rules.forEach(rule -> columns.addAll(columnsOf(rule)));
    return new ExpectedTable(columns, rules);
  }

  /** The columns a rule reads: its key, or the attributes of its parsed predicate. */
  static Set<String> columnsOf(QualityRule rule) {
    Set<String> columns = new TreeSet<>(rule.uniqueKey());
    if (rule.predicate() != null) {
      collect(CatalystSqlParser$.MODULE$.parseExpression(rule.predicate()), columns);
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
