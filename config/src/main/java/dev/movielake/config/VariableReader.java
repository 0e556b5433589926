package dev.movielake.config;

import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Typed access to configuration variables; every failure names the variable and what it accepts.
 *
 * <p>Every configuration class reads its variables through a reader, and a reader reads only the
 * names {@link ConfigurationVariables#names()} lists: the deployment files and the doctor are
 * checked against that list, so a variable read but not listed would be missed by both. A reader
 * also remembers the names it was asked for, so a test can compare what the configuration reads
 * with the list.
 */
public final class VariableReader {
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");
  private static final Set<String> TRUE = Set.of("true", "1", "yes", "on");
  private static final Set<String> FALSE = Set.of("false", "0", "no", "off");

  private final Map<String, String> values;
  private final SortedSet<String> namesRead = new TreeSet<>();

  public VariableReader(Map<String, String> values) {
    this.values = Map.copyOf(values);
  }

  /**
   * The value when set and not blank.
   *
   * @throws IllegalStateException when {@link ConfigurationVariables#names()} does not list the
   *     name
   */
  public Optional<String> optional(String name) {
    if (!ConfigurationVariables.names().contains(name)) {
      throw new IllegalStateException(
          "the configuration reads "
              + name
              + ", which ConfigurationVariables does not list; add "
              + name
              + " to ConfigurationVariables.names() so deployment files and the doctor know it");
    }
    namesRead.add(name);
    String value = values.get(name);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
  }

  /** The names this reader was asked for so far, whether set or not, sorted. */
  public SortedSet<String> namesRead() {
    return Collections.unmodifiableSortedSet(new TreeSet<>(namesRead));
  }

  public String string(String name, String defaultValue) {
    return optional(name).orElse(defaultValue);
  }

  public String choice(String name, String defaultValue, Set<String> accepted) {
    String value = string(name, defaultValue).toLowerCase(Locale.ROOT);
    if (!accepted.contains(value)) {
      throw new ConfigException(
          name,
          "'"
              + value
              + "' is not accepted; accepted values: "
              + String.join(", ", accepted.stream().sorted().toList()));
    }
    return value;
  }

  public long positiveLong(String name, long defaultValue) {
    Optional<String> value = optional(name);
    if (value.isEmpty()) {
      return defaultValue;
    }
    try {
      long parsed = Long.parseLong(value.get().replace("_", ""));
      if (parsed > 0) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // reported below with the accepted form
    }
    throw new ConfigException(
        name,
        "'" + value.get() + "' is not a positive whole number (for example " + defaultValue + ")");
  }

  public int positiveInt(String name, int defaultValue) {
    long parsed = positiveLong(name, defaultValue);
    if (parsed > Integer.MAX_VALUE) {
      throw new ConfigException(
          name, "'" + parsed + "' is too large; at most " + Integer.MAX_VALUE);
    }
    return (int) parsed;
  }

  /** A whole number of 0 or more: a count where none is a valid choice (no retries). */
  public int nonNegativeInt(String name, int defaultValue) {
    String value = string(name, Integer.toString(defaultValue));
    try {
      int parsed = Integer.parseInt(value);
      if (parsed >= 0) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // reported below with the accepted form
    }
    throw new ConfigException(
        name,
        "'" + value + "' is not a whole number of 0 or more (for example " + defaultValue + ")");
  }

  public double fraction(String name, double defaultValue) {
    Optional<String> value = optional(name);
    if (value.isEmpty()) {
      return defaultValue;
    }
    try {
      double parsed = Double.parseDouble(value.get());
      if (parsed > 0 && parsed <= 1) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // reported below with the accepted range
    }
    throw new ConfigException(
        name,
        "'" + value.get() + "' is not a fraction in (0, 1] (for example " + defaultValue + ")");
  }

  public boolean bool(String name, boolean defaultValue) {
    Optional<String> value = optional(name);
    if (value.isEmpty()) {
      return defaultValue;
    }
    String normalized = value.get().toLowerCase(Locale.ROOT);
    if (TRUE.contains(normalized)) {
      return true;
    }
    if (FALSE.contains(normalized)) {
      return false;
    }
    throw new ConfigException(
        name, "'" + value.get() + "' is not a boolean; accepted values: true, false");
  }

  /**
   * A catalog, namespace or table name: letters, digits and underscores, not starting with a digit.
   */
  public String identifier(String name, String defaultValue) {
    String value = string(name, defaultValue);
    if (!IDENTIFIER.matcher(value).matches()) {
      throw new ConfigException(
          name,
          "'"
              + value
              + "' is not a valid identifier; use letters, digits and underscores, "
              + "starting with a letter or underscore (for example "
              + defaultValue
              + ")");
    }
    return value;
  }
}
