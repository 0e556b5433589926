package dev.movielake.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The medallion layers: raw and replayable, clean and conformed, business-ready. */
public enum Layer {
  BRONZE,
  SILVER,
  GOLD;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@code bronze}, {@code silver} or {@code gold}, with an error that lists them. */
  public static Layer parse(String value) {
    for (Layer layer : values()) {
      if (layer.id().equalsIgnoreCase(value == null ? "" : value.strip())) {
        return layer;
      }
    }
    throw new IllegalArgumentException(
        "unknown layer '" + value + "'; accepted values: " + accepted());
  }

  public static String accepted() {
    return Arrays.stream(values()).map(Layer::id).collect(Collectors.joining(", "));
  }

  @Override
  public String toString() {
    return id();
  }
}
