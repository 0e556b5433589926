package dev.movielake.stream.quality;

import java.util.Locale;

/**
 * A quality score as a verdict, for the command's output, the API and the dashboard: >= 0.9
 * excellent, >= 0.8 good, >= 0.6 warning, below that critical.
 */
public enum QualityLevel {
  EXCELLENT(0.9),
  GOOD(0.8),
  WARNING(0.6),
  CRITICAL(Double.NEGATIVE_INFINITY);

  private final double minimum;

  QualityLevel(double minimum) {
    this.minimum = minimum;
  }

  public static QualityLevel of(double score) {
    for (QualityLevel level : values()) {
      if (score >= level.minimum) {
        return level;
      }
    }
    return CRITICAL; // NaN
  }

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
