package dev.movielake.app.cli;

import dev.movielake.cli.Json;
import dev.movielake.cli.JsonOption;
import dev.movielake.cli.TableArgument;
import dev.movielake.cli.TextTable;
import dev.movielake.lakehouse.table.SchemaChange;
import java.util.List;
import org.apache.iceberg.Table;
import org.apache.iceberg.types.Types;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code pipeline schema ...}: schema evolution. Every change is one metadata-only commit; no data
 * file is rewritten and old snapshots stay readable.
 */
@Command(
    name = "schema",
    description = "Show and evolve a table's schema (metadata only: no data is rewritten).",
    subcommands = {
      SchemaCommand.Show.class,
      SchemaCommand.Add.class,
      SchemaCommand.Drop.class,
      SchemaCommand.Rename.class,
      SchemaCommand.Widen.class,
      SchemaCommand.Move.class
    })
public final class SchemaCommand {

  /** One top-level column; nested fields show in its type. */
  public record Column(int id, String name, String type, boolean required, String doc) {}

  static List<Column> columns(Table table) {
    return table.schema().columns().stream().map(SchemaCommand::column).toList();
  }

  private static Column column(Types.NestedField field) {
    return new Column(
        field.fieldId(), field.name(), field.type().toString(), field.isRequired(), field.doc());
  }

  static TextTable table(List<Column> columns) {
    TextTable table = new TextTable("ID", "NAME", "TYPE", "REQUIRED", "DOC");
    columns.forEach(
        column ->
            table.row(
                column.id(),
                column.name(),
                column.type(),
                column.required() ? "yes" : "no",
                column.doc()));
    return table;
  }

  @Command(name = "show", description = "Show the columns of the table's current schema.")
  static final class Show extends LakehouseCommand {
    @Mixin TableArgument name;
    @Mixin JsonOption json;

    @Override
    protected int run() {
      List<Column> columns = columns(storage().loadTable(name.layer(), name.table()));
      if (json.enabled()) {
        Json.print(out(), columns);
      } else {
        table(columns).print(out());
      }
      return 0;
    }
  }

  /** Applies one change and says what it did. */
  abstract static class Change extends LakehouseCommand {
    @Mixin TableArgument name;

    abstract SchemaChange change();

    abstract String done();

    @Override
    protected int run() {
      SchemaChange change = change(); // validates names and types before Spark starts
      storage().evolveSchema(name.layer(), name.table(), change);
      println(done() + " in " + storage().table(name.layer(), name.table()));
      return 0;
    }
  }

  @Command(name = "add", description = "Add an optional column; existing rows read it as null.")
  static final class Add extends Change {
    @Parameters(
        index = "2",
        paramLabel = "COLUMN",
        description = "The new column; parent.child adds a nested field.")
    String column;

    @Parameters(
        index = "3",
        paramLabel = "TYPE",
        description =
            "A Spark SQL type: string, int, bigint, double, boolean, date, timestamp,"
                + " decimal(12,2), array<string>, ...")
    String type;

    @Option(names = "--doc", paramLabel = "TEXT", description = "The column's documentation.")
    String doc;

    @Override
    SchemaChange change() {
      return SchemaChange.builder().addColumn(column, type, doc);
    }

    @Override
    String done() {
      return "added column " + column + " " + type;
    }
  }

  @Command(
      name = "drop",
      description = "Drop a column; columns any partition spec uses are refused.")
  static final class Drop extends Change {
    @Parameters(index = "2", paramLabel = "COLUMN", description = "The column to drop.")
    String column;

    @Override
    SchemaChange change() {
      return SchemaChange.builder().dropColumn(column);
    }

    @Override
    String done() {
      return "dropped column " + column;
    }
  }

  @Command(
      name = "rename",
      description = "Rename a column; data files are untouched (columns are tracked by id).")
  static final class Rename extends Change {
    @Parameters(index = "2", paramLabel = "COLUMN", description = "The column to rename.")
    String column;

    @Parameters(index = "3", paramLabel = "NEW_NAME", description = "Its new name.")
    String newName;

    @Override
    SchemaChange change() {
      return SchemaChange.builder().renameColumn(column, newName);
    }

    @Override
    String done() {
      return "renamed column " + column + " to " + newName;
    }
  }

  @Command(
      name = "widen",
      description =
          "Widen a column's type: int to bigint, float to double, decimal to a larger precision.")
  static final class Widen extends Change {
    @Parameters(index = "2", paramLabel = "COLUMN", description = "The column to widen.")
    String column;

    @Parameters(index = "3", paramLabel = "TYPE", description = "The wider type, e.g. bigint.")
    String type;

    @Override
    SchemaChange change() {
      return SchemaChange.builder().widenColumn(column, type);
    }

    @Override
    String done() {
      return "widened column " + column + " to " + type;
    }
  }

  @Command(name = "move", description = "Move a column first, or before or after another column.")
  static final class Move extends Change {
    @Parameters(index = "2", paramLabel = "COLUMN", description = "The column to move.")
    String column;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Position position;

    static final class Position {
      @Option(names = "--first", description = "Make it the first column.")
      boolean first;

      @Option(names = "--before", paramLabel = "OTHER", description = "Place it just before OTHER.")
      String before;

      @Option(names = "--after", paramLabel = "OTHER", description = "Place it just after OTHER.")
      String after;
    }

    @Override
    SchemaChange change() {
      SchemaChange change = SchemaChange.builder();
      if (position.first) {
        return change.moveFirst(column);
      }
      return position.before != null
          ? change.moveBefore(column, position.before)
          : change.moveAfter(column, position.after);
    }

    @Override
    String done() {
      String where =
          position.first
              ? "first"
              : position.before != null ? "before " + position.before : "after " + position.after;
      return "moved column " + column + " " + where;
    }
  }
}
