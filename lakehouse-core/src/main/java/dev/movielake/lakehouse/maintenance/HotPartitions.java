package dev.movielake.lakehouse.maintenance;

import dev.movielake.lakehouse.Identifiers;
import dev.movielake.lakehouse.SqlLiteral;
import dev.movielake.lakehouse.TableName;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.iceberg.PartitionField;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Table;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Keeps compaction out of the stream's way: a partition committed to within the window is hot (the
 * stream is writing it, and rewriting its files would conflict with the next MERGE or lose a commit
 * race, apache/iceberg#13972), so compaction gets a {@code where} filter that leaves the hot
 * partitions out and rewrites only the cold ones. Commit times come from the {@code partitions}
 * metadata table ({@code last_updated_at}), no data is read.
 *
 * <p>The filter is written on the source columns, which Iceberg projects back onto the partitions:
 * identity values, and the year, month, day and hour ranges of time partitions. A hot table whose
 * partitions cannot be described that way (unpartitioned, bucket or truncate transforms, several
 * specs) is not compacted in this run; the reason says so.
 */
public final class HotPartitions {
  private static final DateTimeFormatter WALL_CLOCK =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");

  /**
   * @param compact false when the table is hot as a whole and compaction waits for a later run
   * @param where the filter selecting the cold partitions, when some partitions are hot
   * @param reason why, for the run's report
   */
  public record Decision(boolean compact, Optional<String> where, String reason) {
    static Decision everything() {
      return new Decision(true, Optional.empty(), "no partition written within the window");
    }
  }

  private HotPartitions() {}

  public static Decision decide(
      SparkSession spark, TableName name, Table table, Instant now, Duration window) {
    if (window.isZero() || table.currentSnapshot() == null) {
      return Decision.everything();
    }
    Instant since = now.minus(window);
    Instant lastCommit = Instant.ofEpochMilli(table.currentSnapshot().timestampMillis());
    if (lastCommit.isBefore(since)) {
      return Decision.everything();
    }
    String waiting =
        "last commit "
            + Duration.between(lastCommit, now).toMinutes()
            + " min ago, within the "
            + window.toMinutes()
            + " min streaming window (ICEBERG_COMPACTION_HOT_PARTITION_MINUTES)";
    PartitionSpec spec = table.spec();
    if (spec.isUnpartitioned()) {
      return new Decision(
          false, Optional.empty(), "compaction deferred: unpartitioned table, " + waiting);
    }
    if (table.specs().size() > 1) {
      return new Decision(
          false, Optional.empty(), "compaction deferred: partitioning has evolved, " + waiting);
    }
    for (PartitionField field : spec.fields()) {
      if (transformOf(field).isEmpty()) {
        return new Decision(
            false,
            Optional.empty(),
            "compaction deferred: partition "
                + field.name()
                + " ("
                + field.transform()
                + ") cannot be told apart by a filter, "
                + waiting);
      }
    }

    List<Row> partitions =
        spark
            .sql("SELECT partition, last_updated_at FROM " + name.sql() + ".`partitions`")
            .collectAsList();
    List<String> hot = new ArrayList<>();
    for (Row row : partitions) {
      Object updated = row.get(1);
      Instant updatedAt = updated == null ? null : instant(updated);
      if (updatedAt == null || !updatedAt.isBefore(since)) {
        hot.add(condition(table, spec, row.getStruct(0)));
      }
    }
    if (hot.isEmpty()) {
      return Decision.everything();
    }
    if (hot.size() == partitions.size()) {
      return new Decision(
          false,
          Optional.empty(),
          "compaction deferred: all "
              + partitions.size()
              + " partition(s) written within the window, "
              + waiting);
    }
    return new Decision(
        true,
        Optional.of("NOT (" + String.join(" OR ", hot) + ")"),
        hot.size()
            + " of "
            + partitions.size()
            + " partition(s) left to the stream ("
            + waiting
            + ")");
  }

  private static Optional<String> transformOf(PartitionField field) {
    String transform = field.transform().toString();
    return switch (transform) {
      case "identity", "year", "month", "day", "hour" -> Optional.of(transform);
      default -> Optional.empty();
    };
  }

  /** The rows of one partition, as a condition on the source columns. */
  private static String condition(Table table, PartitionSpec spec, Row partition) {
    List<String> parts = new ArrayList<>();
    for (int index = 0; index < spec.fields().size(); index++) {
      PartitionField field = spec.fields().get(index);
      Types.NestedField source = table.schema().findField(field.sourceId());
      String column =
          "`" + Identifiers.requireColumn(table.schema().findColumnName(field.sourceId())) + "`";
      Object value = partition.get(partition.fieldIndex(field.name()));
      if (value == null) {
        parts.add(column + " IS NULL");
        continue;
      }
      String transform = transformOf(field).orElseThrow();
      if (transform.equals("identity")) {
        parts.add(column + " = " + literal(source.type(), value));
        continue;
      }
      LocalDate start;
      LocalDate end;
      LocalDateTime hourStart = null;
      switch (transform) {
        case "year" -> {
          start = LocalDate.of(1970 + ((Number) value).intValue(), 1, 1);
          end = start.plusYears(1);
        }
        case "month" -> {
          start = LocalDate.of(1970, 1, 1).plusMonths(((Number) value).intValue());
          end = start.plusMonths(1);
        }
        case "day" -> {
          start =
              value instanceof Date date
                  ? date.toLocalDate()
                  : value instanceof LocalDate local
                      ? local
                      : LocalDate.ofEpochDay(((Number) value).longValue());
          end = start.plusDays(1);
        }
        default -> { // hour
          // Hours since the epoch: of UTC for a timestamp with zone, of the wall clock without.
          hourStart = LocalDateTime.of(1970, 1, 1, 0, 0).plusHours(((Number) value).longValue());
          start = null;
          end = null;
        }
      }
      if (hourStart != null) {
        parts.add(
            "("
                + column
                + " >= "
                + timestamp(source.type(), hourStart)
                + " AND "
                + column
                + " < "
                + timestamp(source.type(), hourStart.plusHours(1))
                + ")");
      } else if (source.type().typeId() == Type.TypeID.DATE) {
        parts.add(
            "(" + column + " >= DATE '" + start + "' AND " + column + " < DATE '" + end + "')");
      } else {
        parts.add(
            "("
                + column
                + " >= "
                + timestamp(source.type(), start.atStartOfDay())
                + " AND "
                + column
                + " < "
                + timestamp(source.type(), end.atStartOfDay())
                + ")");
      }
    }
    return "(" + String.join(" AND ", parts) + ")";
  }

  /**
   * A literal of the column's own kind, to the microsecond (an identity partition must match its
   * value exactly): a timestamp with zone as the UTC time (sessions run in UTC, see
   * LakehouseSession), one without zone as its wall-clock time, so no time zone shifts the range.
   */
  private static String timestamp(Type type, LocalDateTime wallClock) {
    boolean withZone =
        type instanceof Types.TimestampType timestamp && timestamp.shouldAdjustToUTC();
    return (withZone ? "TIMESTAMP " : "TIMESTAMP_NTZ ")
        + SqlLiteral.of(WALL_CLOCK.format(wallClock));
  }

  /**
   * A timestamp value as Spark hands it over: {@code Timestamp} or {@code Instant} for a timestamp
   * with zone (depending on {@code spark.sql.datetime.java8API.enabled}), {@code LocalDateTime} for
   * one without zone, which is read as UTC like the session.
   */
  private static Instant instant(Object value) {
    if (value instanceof Timestamp timestamp) {
      return timestamp.toInstant();
    }
    if (value instanceof LocalDateTime wallClock) {
      return wallClock.toInstant(ZoneOffset.UTC);
    }
    return (Instant) value;
  }

  private static String literal(Type type, Object value) {
    return switch (type.typeId()) {
      case STRING -> SqlLiteral.of(value.toString());
      case INTEGER, LONG, FLOAT, DOUBLE, DECIMAL -> value.toString();
      case BOOLEAN -> value.toString().toUpperCase(Locale.ROOT);
      case DATE -> "DATE '" + (value instanceof Date date ? date.toLocalDate() : value) + "'";
      case TIMESTAMP -> timestamp(type, LocalDateTime.ofInstant(instant(value), ZoneOffset.UTC));
      default -> SqlLiteral.of(value.toString());
    };
  }
}
