package dev.movielake.lakehouse.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;

class PartitionTransformTest {
  private static final Schema SCHEMA =
      new Schema(
          Types.NestedField.optional(1, "movie_id", Types.LongType.get()),
          Types.NestedField.optional(2, "title", Types.StringType.get()),
          Types.NestedField.optional(3, "release_date", Types.DateType.get()),
          Types.NestedField.optional(4, "created_at", Types.TimestampType.withZone()));

  @Test
  void parsesEveryTransformAsSparkWritesIt() {
    assertThat(PartitionTransform.parse("years(release_date)"))
        .isEqualTo(new PartitionTransform(PartitionTransform.Kind.YEARS, "release_date", 0));
    assertThat(PartitionTransform.parse("month(release_date)").kind())
        .isEqualTo(PartitionTransform.Kind.MONTHS);
    assertThat(PartitionTransform.parse("days(created_at)").kind())
        .isEqualTo(PartitionTransform.Kind.DAYS);
    assertThat(PartitionTransform.parse("hours(created_at)").kind())
        .isEqualTo(PartitionTransform.Kind.HOURS);
    assertThat(PartitionTransform.parse("bucket(16, movie_id)"))
        .isEqualTo(new PartitionTransform(PartitionTransform.Kind.BUCKET, "movie_id", 16));
    assertThat(PartitionTransform.parse(" truncate(4,title) "))
        .isEqualTo(new PartitionTransform(PartitionTransform.Kind.TRUNCATE, "title", 4));
    assertThat(PartitionTransform.parse("title")).isEqualTo(PartitionTransform.identity("title"));
    assertThat(PartitionTransform.parse("identity(title)"))
        .isEqualTo(PartitionTransform.identity("title"));
  }

  @Test
  void buildsTheIcebergSpecAndDescribesItBack() {
    PartitionSpec spec =
        Partitioning.of(
                "years(release_date)",
                "bucket(8, movie_id)",
                "truncate(2, title)",
                "days(created_at)")
            .toSpec(SCHEMA);
    assertThat(spec.fields())
        .extracting(field -> field.name())
        .containsExactly("release_date_year", "movie_id_bucket", "title_trunc", "created_at_day");
    assertThat(Partitioning.describe(spec))
        .isEqualTo(
            "years(release_date), bucket(8, movie_id), truncate(2, title), days(created_at)");
    assertThat(Partitioning.describe(PartitionSpec.unpartitioned())).isEqualTo("unpartitioned");
  }

  @Test
  void refusesMalformedFieldsAndInjection() {
    assertThatThrownBy(() -> PartitionTransform.parse("fortnights(release_date)"))
        .hasMessageContaining("accepted: column, years(col)");
    assertThatThrownBy(() -> PartitionTransform.parse("bucket(x, movie_id)"))
        .hasMessageContaining("invalid partition field");
    assertThatThrownBy(() -> PartitionTransform.parse("bucket(0, movie_id)"))
        .hasMessageContaining("positive width");
    assertThatThrownBy(() -> PartitionTransform.parse("years(release_date) DROP"))
        .hasMessageContaining("invalid");
    assertThatThrownBy(() -> PartitionTransform.parse("title; DROP TABLE movies"))
        .hasMessageContaining("invalid column name");
  }
}
