package dev.movielake.lakehouse.table;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
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

  /** From Spark DDL-like texts: {@code Partitioning.of("years(release_date)", "bucket(8, movie_id)")}. */
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

  @Override
  public String toString() {
    return fields.isEmpty()
        ? "unpartitioned"
        : fields.stream().map(PartitionTransform::toString).collect(Collectors.joining(", "));
  }
}
