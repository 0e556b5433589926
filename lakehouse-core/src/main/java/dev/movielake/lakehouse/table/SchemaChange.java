package dev.movielake.lakehouse.table;

import dev.movielake.lakehouse.Identifiers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A set of schema changes applied in one commit: either all of them take effect or none. Iceberg
 * tracks columns by id, so none of them rewrites data and old snapshots stay readable.
 */
public final class SchemaChange {
  /** One change; see the builder methods for what each means. */
  public sealed interface Operation
      permits AddColumn, DropColumn, RenameColumn, WidenColumn, MoveColumn, MakeOptional {}

  public record AddColumn(String name, String type, String doc) implements Operation {}

  public record DropColumn(String name) implements Operation {}

  public record RenameColumn(String name, String newName) implements Operation {}

  public record WidenColumn(String name, String type) implements Operation {}

  /** Moves a column first, or before / after another one. */
  public record MoveColumn(String name, Position position, String reference) implements Operation {}

  public record MakeOptional(String name) implements Operation {}

  public enum Position {
    FIRST,
    BEFORE,
    AFTER
  }

  private final List<Operation> operations = new ArrayList<>();

  public static SchemaChange builder() {
    return new SchemaChange();
  }

  public SchemaChange addColumn(String name, String type) {
    return addColumn(name, type, null);
  }

  public SchemaChange addColumn(String name, String type, String doc) {
    ColumnType.parse(type);
    operations.add(new AddColumn(Identifiers.requireColumn(name), type, doc));
    return this;
  }

  public SchemaChange addColumns(List<Map.Entry<String, String>> nameAndType) {
    nameAndType.forEach(column -> addColumn(column.getKey(), column.getValue()));
    return this;
  }

  public SchemaChange dropColumn(String name) {
    operations.add(new DropColumn(Identifiers.requireColumn(name)));
    return this;
  }

  public SchemaChange renameColumn(String name, String newName) {
    operations.add(
        new RenameColumn(Identifiers.requireColumn(name), Identifiers.require("column", newName)));
    return this;
  }

  public SchemaChange renameColumns(Map<String, String> renames) {
    renames.forEach(this::renameColumn);
    return this;
  }

  /** Widens a type: int to bigint, float to double, or a decimal to a larger precision. */
  public SchemaChange widenColumn(String name, String type) {
    ColumnType.parse(type);
    operations.add(new WidenColumn(Identifiers.requireColumn(name), type));
    return this;
  }

  public SchemaChange moveFirst(String name) {
    operations.add(new MoveColumn(Identifiers.requireColumn(name), Position.FIRST, null));
    return this;
  }

  public SchemaChange moveBefore(String name, String reference) {
    operations.add(
        new MoveColumn(
            Identifiers.requireColumn(name),
            Position.BEFORE,
            Identifiers.requireColumn(reference)));
    return this;
  }

  public SchemaChange moveAfter(String name, String reference) {
    operations.add(
        new MoveColumn(
            Identifiers.requireColumn(name), Position.AFTER, Identifiers.requireColumn(reference)));
    return this;
  }

  public SchemaChange makeOptional(String name) {
    operations.add(new MakeOptional(Identifiers.requireColumn(name)));
    return this;
  }

  public List<Operation> operations() {
    return List.copyOf(operations);
  }

  public boolean isEmpty() {
    return operations.isEmpty();
  }
}
