package dev.movielake.lakehouse.table;

import dev.movielake.lakehouse.LakehouseException;
import dev.movielake.lakehouse.TableName;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.iceberg.PartitionField;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Table;
import org.apache.iceberg.UpdatePartitionSpec;
import org.apache.iceberg.UpdateSchema;
import org.apache.iceberg.exceptions.ValidationException;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.TypeUtil;
import org.apache.iceberg.types.Types;

/**
 * Schema and partition evolution of a live table, each as one metadata-only commit. A column that
 * any partition spec ever used is protected: dropping or renaming it would make the files written
 * under that spec unreadable (apache/iceberg#4563, #5676, #10626).
 */
public final class TableEvolution {
  private TableEvolution() {}

  public static void evolveSchema(TableName name, Table table, SchemaChange change) {
    for (SchemaChange.Operation operation : change.operations()) {
      if (operation instanceof SchemaChange.DropColumn drop) {
        requireNotPartitionSource(name, table, drop.name(), "drop");
      } else if (operation instanceof SchemaChange.RenameColumn rename) {
        requireNotPartitionSource(name, table, rename.name(), "rename");
      }
    }
    try {
      UpdateSchema update = table.updateSchema();
      for (SchemaChange.Operation operation : change.operations()) {
        apply(update, operation);
      }
      update.commit();
    } catch (IllegalArgumentException | IllegalStateException | ValidationException e) {
      throw new LakehouseException(
          "cannot change the schema of "
              + name
              + ": "
              + e.getMessage()
              + " (allowed widenings: int to bigint, float to double, decimal to a larger"
              + " precision)",
          e);
    }
  }

  private static void apply(UpdateSchema update, SchemaChange.Operation operation) {
    if (operation instanceof SchemaChange.AddColumn add) {
      Type type = ColumnType.parse(add.type());
      int dot = add.name().lastIndexOf('.');
      if (dot < 0) {
        update.addColumn(add.name(), type, add.doc());
      } else {
        update.addColumn(
            add.name().substring(0, dot), add.name().substring(dot + 1), type, add.doc());
      }
    } else if (operation instanceof SchemaChange.DropColumn drop) {
      update.deleteColumn(drop.name());
    } else if (operation instanceof SchemaChange.RenameColumn rename) {
      update.renameColumn(rename.name(), rename.newName());
    } else if (operation instanceof SchemaChange.WidenColumn widen) {
      Type type = ColumnType.parse(widen.type());
      if (!type.isPrimitiveType()) {
        throw new LakehouseException(
            "cannot widen "
                + widen.name()
                + " to "
                + widen.type()
                + ": only primitive types widen");
      }
      update.updateColumn(widen.name(), type.asPrimitiveType());
    } else if (operation instanceof SchemaChange.MoveColumn move) {
      switch (move.position()) {
        case FIRST -> update.moveFirst(move.name());
        case BEFORE -> update.moveBefore(move.name(), move.reference());
        case AFTER -> update.moveAfter(move.name(), move.reference());
      }
    } else if (operation instanceof SchemaChange.MakeOptional optional) {
      update.makeColumnOptional(optional.name());
    }
  }

  private static void requireNotPartitionSource(
      TableName name, Table table, String column, String verb) {
    Types.NestedField field = table.schema().findField(column);
    if (field == null) {
      throw new LakehouseException(
          "cannot "
              + verb
              + " column "
              + column
              + " of "
              + name
              + ": no such column; columns are "
              + table.schema().columns().stream()
                  .map(Types.NestedField::name)
                  .collect(Collectors.joining(", ")));
    }
    Set<Integer> ids = new HashSet<>(TypeUtil.getProjectedIds(field.type()));
    ids.add(field.fieldId());
    for (PartitionSpec spec : table.specs().values()) {
      for (PartitionField partitionField : spec.fields()) {
        if (ids.contains(partitionField.sourceId())) {
          throw new LakehouseException(
              "cannot "
                  + verb
                  + " column "
                  + column
                  + " of "
                  + name
                  + ": partition spec "
                  + spec.specId()
                  + " uses it (field "
                  + partitionField.name()
                  + ", "
                  + partitionField.transform()
                  + "), and files written under that spec would become unreadable; keep the column"
                  + " (stop partitioning by it with './pipeline partitions drop')");
        }
      }
    }
  }

  public static void evolvePartitioning(TableName name, Table table, PartitionChange change) {
    Set<String> currentFields =
        table.spec().fields().stream().map(PartitionField::name).collect(Collectors.toSet());
    try {
      UpdatePartitionSpec update = table.updateSpec();
      for (PartitionChange.Operation operation : change.operations()) {
        if (operation instanceof PartitionChange.AddField add) {
          update.addField(add.field().term());
        } else if (operation instanceof PartitionChange.RemoveField remove) {
          remove(update, currentFields, remove.field());
        } else if (operation instanceof PartitionChange.ReplaceField replace) {
          remove(update, currentFields, replace.field());
          update.addField(replace.replacement().term());
        }
      }
      update.commit();
    } catch (IllegalArgumentException | ValidationException e) {
      throw new LakehouseException(
          "cannot change the partitioning of "
              + name
              + " (now "
              + table.spec()
              + "): "
              + e.getMessage(),
          e);
    }
  }

  private static void remove(UpdatePartitionSpec update, Set<String> currentFields, String field) {
    if (currentFields.contains(field)) {
      update.removeField(field);
    } else if (field.contains("(")) {
      update.removeField(PartitionTransform.parse(field).term());
    } else {
      throw new IllegalArgumentException(
          "no partition field " + field + "; current fields: " + String.join(", ", currentFields));
    }
  }
}
