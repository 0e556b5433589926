package dev.movielake.lakehouse.table;

import java.util.ArrayList;
import java.util.List;

/**
 * Partition evolution on a live table, applied in one commit. Existing files keep the spec they
 * were written with and stay readable; new writes use the new spec.
 *
 * <p>A field to remove is named by its transform ({@code years(release_date)}) or by its partition
 * field name ({@code release_date_year}).
 */
public final class PartitionChange {
  public sealed interface Operation permits AddField, RemoveField, ReplaceField {}

  public record AddField(PartitionTransform field) implements Operation {}

  public record RemoveField(String field) implements Operation {}

  public record ReplaceField(String field, PartitionTransform replacement) implements Operation {}

  private final List<Operation> operations = new ArrayList<>();

  public static PartitionChange builder() {
    return new PartitionChange();
  }

  public PartitionChange addField(String field) {
    operations.add(new AddField(PartitionTransform.parse(field)));
    return this;
  }

  public PartitionChange removeField(String field) {
    operations.add(new RemoveField(field.strip()));
    return this;
  }

  public PartitionChange replaceField(String field, String replacement) {
    operations.add(new ReplaceField(field.strip(), PartitionTransform.parse(replacement)));
    return this;
  }

  public List<Operation> operations() {
    return List.copyOf(operations);
  }
}
