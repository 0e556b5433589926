package dev.movielake.api;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A request's parameters, each validated against its {@link Parameter} before an endpoint sees it.
 */
public final class Arguments {
  public static final String LIMIT = "limit";
  public static final String OFFSET = "offset";

  private final Map<String, Object> values;

  Arguments(Map<String, Object> values) {
    this.values = values;
  }

  public long integer(String name) {
    return (Long) required(name);
  }

  public Optional<Long> optionalInteger(String name) {
    return Optional.ofNullable((Long) values.get(name));
  }

  public String text(String name) {
    return (String) required(name);
  }

  public Optional<String> optionalText(String name) {
    return Optional.ofNullable((String) values.get(name));
  }

  @SuppressWarnings("unchecked")
  public List<Long> integers(String name) {
    return values.get(name) == null ? List.of() : (List<Long>) values.get(name);
  }

  public int limit() {
    return Math.toIntExact(integer(LIMIT));
  }

  public int offset() {
    return Math.toIntExact(optionalInteger(OFFSET).orElse(0L));
  }

  private Object required(String name) {
    Object value = values.get(name);
    if (value == null) {
      throw new IllegalStateException("the route does not declare the parameter " + name);
    }
    return value;
  }
}
