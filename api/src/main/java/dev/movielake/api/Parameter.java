package dev.movielake.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A path or query parameter: its type and bounds, which both validate requests and document them in
 * {@code /openapi.json}, so that the two cannot drift apart.
 *
 * @param minimum for integers and the items of integer lists
 * @param defaultValue the value when the parameter is absent; null for none
 * @param maxLength for strings
 * @param allowed for strings: the accepted values, empty for any
 * @param pattern for strings: a regular expression the whole value must match, null for any
 * @param maxItems for integer lists
 */
public record Parameter(
    String name,
    Location location,
    Type type,
    String description,
    boolean required,
    long minimum,
    long maximum,
    Object defaultValue,
    int maxLength,
    List<String> allowed,
    Pattern pattern,
    int maxItems) {

  public enum Location {
    PATH,
    QUERY;

    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public enum Type {
    INTEGER,
    STRING,
    INTEGER_LIST
  }

  private static final int SHOWN_CHARACTERS = 40;

  public Parameter {
    allowed = List.copyOf(allowed);
  }

  public static Parameter pathId(String name, String description) {
    return new Parameter(
        name,
        Location.PATH,
        Type.INTEGER,
        description,
        true,
        1,
        Long.MAX_VALUE,
        null,
        0,
        List.of(),
        null,
        0);
  }

  public static Parameter pathText(String name, String description, int maxLength) {
    return new Parameter(
        name,
        Location.PATH,
        Type.STRING,
        description,
        true,
        0,
        0,
        null,
        maxLength,
        List.of(),
        null,
        0);
  }

  public static Parameter pathPattern(String name, String description, String pattern) {
    return new Parameter(
        name,
        Location.PATH,
        Type.STRING,
        description,
        true,
        0,
        0,
        null,
        128,
        List.of(),
        Pattern.compile(pattern),
        0);
  }

  public static Parameter pathChoice(String name, String description, List<String> allowed) {
    return new Parameter(
        name, Location.PATH, Type.STRING, description, true, 0, 0, null, 32, allowed, null, 0);
  }

  /** The page size of a list: 1 to {@code maximum} (the configured maximum page size). */
  public static Parameter limit(int defaultValue, int maximum) {
    return integer(
        Arguments.LIMIT,
        "How many items to return at most",
        1,
        maximum,
        (long) Math.min(defaultValue, maximum));
  }

  /** How many items of a list to skip; bounded because deep skips cost the database a scan. */
  public static Parameter offset() {
    return integer(Arguments.OFFSET, "How many items to skip", 0, 10_000, 0L);
  }

  /** An optional integer query parameter; {@code defaultValue} null means none. */
  public static Parameter integer(
      String name, String description, long minimum, long maximum, Long defaultValue) {
    return new Parameter(
        name,
        Location.QUERY,
        Type.INTEGER,
        description,
        false,
        minimum,
        maximum,
        defaultValue,
        0,
        List.of(),
        null,
        0);
  }

  public static Parameter text(String name, String description, int maxLength, boolean required) {
    return new Parameter(
        name,
        Location.QUERY,
        Type.STRING,
        description,
        required,
        0,
        0,
        null,
        maxLength,
        List.of(),
        null,
        0);
  }

  public static Parameter choice(String name, String description, List<String> allowed) {
    return new Parameter(
        name, Location.QUERY, Type.STRING, description, false, 0, 0, null, 32, allowed, null, 0);
  }

  public static Parameter integerList(
      String name, String description, long minimum, long maximum, int maxItems) {
    return new Parameter(
        name,
        Location.QUERY,
        Type.INTEGER_LIST,
        description,
        false,
        minimum,
        maximum,
        null,
        0,
        List.of(),
        null,
        maxItems);
  }

  /**
   * The value of {@code raw}, the parameter's text or null when absent: a Long, a String or a List
   * of Long, or the default (possibly null).
   *
   * @throws ApiException with a message that names the parameter and what it accepts
   */
  public Object parse(String raw) {
    if (raw == null) {
      if (required) {
        throw ApiException.invalid(name + " is required");
      }
      return defaultValue;
    }
    return switch (type) {
      case INTEGER -> parseInteger(raw, minimum, maximum, name);
      case STRING -> parseString(raw);
      case INTEGER_LIST -> parseIntegerList(raw);
    };
  }

  private static long parseInteger(String raw, long minimum, long maximum, String name) {
    long value;
    // Digits only: Long.parseLong alone would accept a leading '+' and non-ASCII digits.
    if (raw.isEmpty()
        || raw.length() > 20
        || !raw.chars()
            .skip(raw.charAt(0) == '-' ? 1 : 0)
            .allMatch(character -> character >= '0' && character <= '9')
        || raw.equals("-")) {
      throw ApiException.invalid(
          name
              + " must be an integer between "
              + minimum
              + " and "
              + maximum
              + " (got "
              + shown(raw)
              + ")");
    }
    try {
      value = Long.parseLong(raw);
    } catch (NumberFormatException overflow) {
      throw ApiException.invalid(
          name + " must be between " + minimum + " and " + maximum + " (got " + shown(raw) + ")");
    }
    if (value < minimum || value > maximum) {
      throw ApiException.invalid(
          name + " must be between " + minimum + " and " + maximum + " (got " + value + ")");
    }
    return value;
  }

  private String parseString(String raw) {
    String value = raw.strip();
    if (value.isEmpty()) {
      throw ApiException.invalid(name + " must not be empty");
    }
    if (value.length() > maxLength) {
      throw ApiException.invalid(
          name + " must be at most " + maxLength + " characters (got " + value.length() + ")");
    }
    // Control characters (NUL above all) cannot be part of a BSON regex or key and are never meant.
    if (value.chars().anyMatch(Character::isISOControl)) {
      throw ApiException.invalid(name + " must not contain control characters");
    }
    if (!allowed.isEmpty()) {
      String lower = value.toLowerCase(Locale.ROOT);
      if (!allowed.contains(lower)) {
        throw ApiException.invalid(
            name + " must be one of " + String.join(", ", allowed) + " (got " + shown(value) + ")");
      }
      return lower;
    }
    if (pattern != null && !pattern.matcher(value).matches()) {
      throw ApiException.invalid(
          name + " must match " + pattern.pattern() + " (got " + shown(value) + ")");
    }
    return value;
  }

  private List<Long> parseIntegerList(String raw) {
    String[] items = raw.split(",", -1);
    if (items.length > maxItems) {
      throw ApiException.invalid(
          name + " must have at most " + maxItems + " values (got " + items.length + ")");
    }
    List<Long> values = new ArrayList<>(items.length);
    for (String item : items) {
      values.add(parseInteger(item.strip(), minimum, maximum, name));
    }
    return List.copyOf(values);
  }

  /** The start of a rejected value, quoted, so that an error message stays short. */
  private static String shown(String value) {
    String start =
        value.length() > SHOWN_CHARACTERS ? value.substring(0, SHOWN_CHARACTERS) + "..." : value;
    return "'" + start + "'";
  }
}
