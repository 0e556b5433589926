package dev.movielake.app.cli;

import dev.movielake.cli.Json;
import dev.movielake.cli.JsonOption;
import dev.movielake.cli.TableArgument;
import dev.movielake.cli.TextTable;
import dev.movielake.lakehouse.table.PartitionChange;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.iceberg.PartitionField;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code pipeline partitions ...}: partition evolution. Files keep the spec they were written with
 * and stay readable; only new writes use the new spec.
 */
@Command(
    name = "partitions",
    description =
        "Show and evolve a table's partitioning (hidden partitioning; existing files stay as"
            + " written).",
    subcommands = {
      PartitionsCommand.Show.class,
      PartitionsCommand.Add.class,
      PartitionsCommand.Drop.class,
      PartitionsCommand.Replace.class
    })
public final class PartitionsCommand {
  private static final String FIELD_FORMS =
      "column, years(col), months(col), days(col), hours(col), bucket(N, col) or truncate(W, col)";

  public record Field(int fieldId, String name, String transform, String sourceColumn) {}

  public record Spec(int specId, boolean current, List<Field> fields) {}

  static List<Spec> specs(Table table) {
    return table.specs().values().stream()
        .sorted((left, right) -> Integer.compare(left.specId(), right.specId()))
        .map(
            spec ->
                new Spec(
                    spec.specId(), spec.specId() == table.spec().specId(), fields(table, spec)))
        .toList();
  }

  private static List<Field> fields(Table table, PartitionSpec spec) {
    return spec.fields().stream()
        .map(
            field ->
                new Field(
                    field.fieldId(),
                    field.name(),
                    field.transform().toString(),
                    source(table, field)))
        .toList();
  }

  /** The source column's name, also when a later schema dropped it. */
  private static String source(Table table, PartitionField field) {
    String name = table.schema().findColumnName(field.sourceId());
    return name != null ? name : "(column " + field.sourceId() + ", dropped)";
  }

  /** A spec as its fields, e.g. {@code release_date_year: year(release_date)}. */
  static String describe(Table table, PartitionSpec spec) {
    return spec.fields().stream()
        .map(field -> field.name() + ": " + field.transform() + "(" + source(table, field) + ")")
        .collect(Collectors.joining(", "));
  }

  @Command(
      name = "show",
      description = "Show every partition spec the table has had; * marks the current one.")
  static final class Show extends LakehouseCommand {
    @Mixin TableArgument name;
    @Mixin JsonOption json;

    @Override
    protected int run() {
      List<Spec> specs = specs(storage().loadTable(name.layer(), name.table()));
      if (json.enabled()) {
        Json.print(out(), specs);
        return 0;
      }
      TextTable table = new TextTable("CURRENT", "SPEC", "FIELD", "TRANSFORM", "SOURCE");
      for (Spec spec : specs) {
        String current = spec.current() ? "*" : "";
        if (spec.fields().isEmpty()) {
          table.row(current, spec.specId(), "(unpartitioned)", null, null);
        }
        for (Field field : spec.fields()) {
          table.row(current, spec.specId(), field.name(), field.transform(), field.sourceColumn());
        }
      }
      table.print(out());
      return 0;
    }
  }

  abstract static class Change extends LakehouseCommand {
    @Mixin TableArgument name;

    abstract PartitionChange change();

    abstract String done();

    @Override
    protected int run() {
      PartitionChange change = change(); // validates the fields before Spark starts
      storage().evolvePartitioning(name.layer(), name.table(), change);
      Table table = storage().loadTable(name.layer(), name.table());
      println(
          done()
              + " in "
              + storage().table(name.layer(), name.table())
              + "; now spec "
              + table.spec().specId()
              + ": "
              + (table.spec().isUnpartitioned() ? "unpartitioned" : describe(table, table.spec())));
      return 0;
    }
  }

  @Command(name = "add", description = "Partition new writes also by FIELD.")
  static final class Add extends Change {
    @Parameters(
        index = "2",
        paramLabel = "FIELD",
        description = "The field to add: " + FIELD_FORMS + ".")
    String field;

    @Override
    PartitionChange change() {
      return PartitionChange.builder().addField(field);
    }

    @Override
    String done() {
      return "added partition field " + field;
    }
  }

  @Command(name = "drop", description = "Stop partitioning new writes by FIELD.")
  static final class Drop extends Change {
    @Parameters(
        index = "2",
        paramLabel = "FIELD",
        description =
            "The field to drop, by transform (years(release_date)) or by name (release_date_year).")
    String field;

    @Override
    PartitionChange change() {
      return PartitionChange.builder().removeField(field);
    }

    @Override
    String done() {
      return "dropped partition field " + field;
    }
  }

  @Command(
      name = "replace",
      description = "Replace partition field OLD by NEW in one commit, e.g. years(d) by months(d).")
  static final class Replace extends Change {
    @Parameters(
        index = "2",
        paramLabel = "OLD",
        description = "The field to replace, by transform or by name.")
    String field;

    @Parameters(
        index = "3",
        paramLabel = "NEW",
        description = "The field that replaces it: " + FIELD_FORMS + ".")
    String replacement;

    @Override
    PartitionChange change() {
      return PartitionChange.builder().replaceField(field, replacement);
    }

    @Override
    String done() {
      return "replaced partition field " + field + " by " + replacement;
    }
  }
}
