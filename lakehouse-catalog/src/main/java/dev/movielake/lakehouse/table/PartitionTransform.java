package dev.movielake.lakehouse.table;

import dev.movielake.lakehouse.Identifiers;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.expressions.Term;

/**
 * One hidden-partitioning field: an Iceberg transform of a real column. Queries filter on the
 * column ({@code release_date}) and Iceberg prunes files by the transform's value.
 *
 * <p>Written as in Spark's DDL: {@code years(release_date)}, {@code months(ts)}, {@code days(ts)},
 * {@code hours(ts)}, {@code bucket(16, movie_id)}, {@code truncate(4, title)}, or a bare column
 * name (identity).
 */
public record PartitionTransform(Kind kind, String column, int argument) {
  private static final Pattern CALL = Pattern.compile("^([A-Za-z_]+)\\s*\\((.*)\\)$");

  public enum Kind {
    IDENTITY,
    YEARS,
    MONTHS,
    DAYS,
    HOURS,
    BUCKET,
    TRUNCATE
  }

  public PartitionTransform {
    Identifiers.requireColumn(column);
    if ((kind == Kind.BUCKET || kind == Kind.TRUNCATE) && argument <= 0) {
      throw new IllegalArgumentException(
          kind.name().toLowerCase(Locale.ROOT) + " needs a positive width");
    }
  }

  public static PartitionTransform identity(String column) {
    return new PartitionTransform(Kind.IDENTITY, column, 0);
  }

  public static PartitionTransform parse(String text) {
    String value = text.strip();
    Matcher call = CALL.matcher(value);
    if (!call.matches()) {
      return identity(value);
    }
    String function = call.group(1).toLowerCase(Locale.ROOT);
    String[] arguments = call.group(2).split(",");
    try {
      return switch (function) {
        case "identity" -> identity(single(arguments, text));
        case "year", "years" -> new PartitionTransform(Kind.YEARS, single(arguments, text), 0);
        case "month", "months" -> new PartitionTransform(Kind.MONTHS, single(arguments, text), 0);
        case "day", "days", "date" -> new PartitionTransform(Kind.DAYS, single(arguments, text), 0);
        case "hour", "hours" -> new PartitionTransform(Kind.HOURS, single(arguments, text), 0);
        case "bucket" ->
            new PartitionTransform(Kind.BUCKET, second(arguments, text), width(arguments, text));
        case "truncate" ->
            new PartitionTransform(Kind.TRUNCATE, second(arguments, text), width(arguments, text));
        default -> throw unknown(text);
      };
    } catch (IllegalArgumentException e) {
      if (e.getMessage() != null && e.getMessage().startsWith("invalid partition")) {
        throw e;
      }
      throw new IllegalArgumentException(
          "invalid partition field '" + text + "': " + e.getMessage(), e);
    }
  }

  private static String single(String[] arguments, String text) {
    if (arguments.length != 1) {
      throw unknown(text);
    }
    return arguments[0].strip();
  }

  private static String second(String[] arguments, String text) {
    if (arguments.length != 2) {
      throw unknown(text);
    }
    return arguments[1].strip();
  }

  private static int width(String[] arguments, String text) {
    try {
      return Integer.parseInt(arguments[0].strip());
    } catch (NumberFormatException e) {
      throw unknown(text);
    }
  }

  private static IllegalArgumentException unknown(String text) {
    return new IllegalArgumentException(
        "invalid partition field '"
            + text
            + "'; accepted: column, years(col), months(col), "
            + "days(col), hours(col), bucket(N, col), truncate(W, col)");
  }

  /** Adds this field to a spec being built. */
  public void addTo(PartitionSpec.Builder builder) {
    switch (kind) {
      case IDENTITY -> builder.identity(column);
      case YEARS -> builder.year(column);
      case MONTHS -> builder.month(column);
      case DAYS -> builder.day(column);
      case HOURS -> builder.hour(column);
      case BUCKET -> builder.bucket(column, argument);
      case TRUNCATE -> builder.truncate(column, argument);
    }
  }

  /** The transform as an Iceberg term, for partition evolution. */
  public Term term() {
    return switch (kind) {
      case IDENTITY -> Expressions.ref(column);
      case YEARS -> Expressions.year(column);
      case MONTHS -> Expressions.month(column);
      case DAYS -> Expressions.day(column);
      case HOURS -> Expressions.hour(column);
      case BUCKET -> Expressions.bucket(column, argument);
      case TRUNCATE -> Expressions.truncate(column, argument);
    };
  }

  @Override
  public String toString() {
    return switch (kind) {
      case IDENTITY -> column;
      case BUCKET, TRUNCATE ->
          kind.name().toLowerCase(Locale.ROOT) + "(" + argument + ", " + column + ")";
      default -> kind.name().toLowerCase(Locale.ROOT) + "(" + column + ")";
    };
  }
}
