package dev.movielake.lakehouse.table;

import dev.movielake.config.FeatureFlags;
import dev.movielake.lakehouse.LakehouseException;
import dev.movielake.lakehouse.TableName;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.iceberg.PartitionField;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.exceptions.ValidationException;
import org.apache.iceberg.spark.SparkSchemaUtil;
import org.apache.iceberg.types.TypeUtil;
import org.apache.spark.sql.types.StructType;

/**
 * How a write meets a table that already exists: the partitioning it asks for must be the table's
 * (a write never changes a table's partitioning, so a different one is an error rather than being
 * ignored), and columns the table lacks are added when schema evolution is on, or refused by name
 * when it is off. Called before the write, so nothing is committed when it refuses.
 */
final class ExistingTableWrite {
  private ExistingTableWrite() {}

  /**
   * Checks the write against the table and adds the columns the rows bring to the table's schema,
   * in one commit before the write (kept even if the write then fails: the columns are empty).
   *
   * <p>Not Iceberg's {@code merge-schema} write option: it needs the table property {@code
   * write.spark.accept-any-schema=true}, and with that property every later MERGE INTO the table
   * fails to resolve its columns on Spark 4.1 with Iceberg 1.12 ({@code UNRESOLVED_COLUMN} naming
   * the very column it lacks), which would break the upserts of any table that once took an append
   * with a new column. Adding them through Iceberg's API serves appends, overwrites and upserts
   * alike (MERGE has no merge-schema option anyway).
   */
  static void prepare(
      TableName name, Table table, StructType rows, WriteOptions options, boolean schemaEvolution) {
    requireTablePartitioning(name, table, options.partitioning());
    List<String> added = newColumns(table.schema(), rows);
    if (added.isEmpty()) {
      return;
    }
    if (!schemaEvolution) {
      throw new LakehouseException(
          options.mode().name().toLowerCase(Locale.ROOT)
              + " into "
              + name
              + " refused: the rows have column(s) the table lacks ("
              + String.join(", ", added)
              + ") and schema evolution is disabled by "
              + FeatureFlags.SCHEMA_EVOLUTION
              + "=false; set "
              + FeatureFlags.SCHEMA_EVOLUTION
              + "=true to add them on write, or leave them out of the rows");
    }
    // Union by name: new columns are added as optional (null in the rows already written), nested
    // ones inside their struct; names match case-insensitively, as Spark resolves them.
    table
        .updateSchema()
        .caseSensitive(false)
        .unionByNameWith(SparkSchemaUtil.convert(rows.asNullable()))
        .commit();
  }

  /**
   * The columns of the rows the table's schema does not have, nested ones by their full name; a new
   * column's own fields are not listed. Names match case-insensitively, as Spark resolves them.
   */
  static List<String> newColumns(Schema table, StructType rows) {
    Set<String> known =
        TypeUtil.indexByName(table.asStruct()).keySet().stream()
            .map(name -> name.toLowerCase(Locale.ROOT))
            .collect(Collectors.toSet());
    Map<String, Integer> incoming = TypeUtil.indexByName(SparkSchemaUtil.convert(rows).asStruct());
    List<String> added = new ArrayList<>();
    for (String column : incoming.keySet().stream().sorted().toList()) {
      String lower = column.toLowerCase(Locale.ROOT);
      boolean underAdded =
          added.stream()
              .anyMatch(parent -> lower.startsWith(parent.toLowerCase(Locale.ROOT) + "."));
      if (!known.contains(lower) && !underAdded) {
        added.add(column);
      }
    }
    return added;
  }

  /**
   * A write that asks for a partitioning gets it only when it creates the table. On an existing
   * table it must be the current spec, or an earlier one the table was evolved away from on purpose
   * ({@code pipeline partitions add|drop|replace}), whose later spec the write then follows. Any
   * other partitioning is an error naming both and the command that evolves the table.
   */
  static void requireTablePartitioning(TableName name, Table table, Partitioning requested) {
    if (requested.fields().isEmpty()) {
      return; // no request: the write follows the table
    }
    PartitionSpec current = table.spec();
    List<String> wanted;
    try {
      wanted = fields(requested.toSpec(table.schema()));
    } catch (IllegalArgumentException | ValidationException e) {
      wanted = null; // names a column the table lacks or does not fit its type: not the table's
    }
    if (wanted != null) {
      if (wanted.equals(fields(current))) {
        return;
      }
      for (PartitionSpec earlier : table.specs().values()) {
        if (earlier.specId() < current.specId() && wanted.equals(fields(earlier))) {
          return; // evolved since, on purpose: new files follow the evolved spec
        }
      }
    }
    throw new LakehouseException(
        "cannot write into "
            + name
            + " partitioned by "
            + requested
            + ": the table is partitioned by "
            + Partitioning.describe(current)
            + ", and a write does not change a table's partitioning; evolve the table first ("
            + evolution(name, current, requested)
            + ") or write without a partitioning to follow the table's");
  }

  /** A spec's fields as transform and source column id, without the void fields of v1 tables. */
  private static List<String> fields(PartitionSpec spec) {
    return spec.fields().stream()
        .filter(field -> !field.transform().isVoid())
        .map(ExistingTableWrite::field)
        .toList();
  }

  private static String field(PartitionField field) {
    return field.transform() + "@" + field.sourceId();
  }

  /** The pipeline commands that turn the table's current spec into the requested one. */
  private static String evolution(TableName name, PartitionSpec current, Partitioning requested) {
    Function<String, String> command =
        verb -> "./pipeline partitions " + verb + " " + name.layer() + " " + name.table();
    List<String> currentFields =
        current.fields().stream()
            .filter(field -> !field.transform().isVoid())
            .map(field -> Partitioning.describe(current, field))
            .toList();
    List<String> requestedFields =
        requested.fields().stream().map(PartitionTransform::toString).toList();
    Set<String> drop = new LinkedHashSet<>(currentFields);
    requestedFields.forEach(drop::remove);
    Set<String> add = new LinkedHashSet<>(requestedFields);
    currentFields.forEach(add::remove);
    if (drop.isEmpty() && add.isEmpty()) {
      // Same fields in another order: only dropping and adding them again changes the order.
      drop.addAll(currentFields);
      add.addAll(requestedFields);
    }
    List<String> steps = new ArrayList<>();
    List<String> dropped = new ArrayList<>(drop);
    List<String> added = new ArrayList<>(add);
    int pairs = Math.min(dropped.size(), added.size());
    for (int index = 0; index < pairs; index++) {
      steps.add(
          command.apply("replace")
              + " \""
              + dropped.get(index)
              + "\" \""
              + added.get(index)
              + "\"");
    }
    dropped
        .subList(pairs, dropped.size())
        .forEach(field -> steps.add(command.apply("drop") + " \"" + field + "\""));
    added
        .subList(pairs, added.size())
        .forEach(field -> steps.add(command.apply("add") + " \"" + field + "\""));
    return String.join(", then ", steps);
  }
}
