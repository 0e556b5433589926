package dev.movielake.lakehouse.table;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.iceberg.PartitionField;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;

/** The partition fields a table is created with; empty means unpartitioned. */
public record Partitioning(List<PartitionTransform> fields) {
  public Partitioning {
    fields = List.copyOf(fields);
  }

  public static Partitioning none() {
    return new Partitioning(List.of());
  }

  /**
   * From Spark DDL-like texts: {@code Partitioning.of("years(release_date)", "bucket(8,
   * movie_id)")}.
   */
  public static Partitioning of(String... fields) {
    return new Partitioning(Arrays.stream(fields).map(PartitionTransform::parse).toList());
  }

  public static Partitioning of(List<String> fields) {
    return of(fields.toArray(String[]::new));
  }

  public PartitionSpec toSpec(Schema schema) {
    PartitionSpec.Builder builder = PartitionSpec.builderFor(schema);
    fields.forEach(field -> field.addTo(builder));
    return builder.build();
  }

  /** A spec as Spark DDL would write it: {@code years(release_date), bucket(16, movie_id)}. */
  public static String describe(PartitionSpec spec) {
    if (spec.isUnpartitioned()) {
      return "unpartitioned";
    }
    return spec.fields().stream()
        .map(field -> describe(spec, field))
        .collect(Collectors.joining(", "));
  }

  /** One field of a spec as Spark DDL would write it: {@code bucket(16, movie_id)}. */
  public static String describe(PartitionSpec spec, PartitionField field) {
    return describe(field.transform().toString(), spec.schema().findColumnName(field.sourceId()));
  }

  private static String describe(String transform, String column) {
    String source = column == null ? "(dropped column)" : column;
    if (transform.startsWith("bucket[") || transform.startsWith("truncate[")) {
      String name = transform.substring(0, transform.indexOf('['));
      String width = transform.substring(transform.indexOf('[') + 1, transform.indexOf(']'));
      return name + "(" + width + ", " + source + ")";
    }
    return switch (transform) {
      case "identity" -> source;
      case "year", "month", "day", "hour" -> transform + "s(" + source + ")";
      default -> transform + "(" + source + ")";
    };
  }

  @Override
  public String toString() {
    return fields.isEmpty()
        ? "unpartitioned"
        : fields.stream().map(PartitionTransform::toString).collect(Collectors.joining(", "));
  }
}
