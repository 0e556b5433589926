package dev.movielake.bench;

/**
 * One measured metric against its target.
 *
 * @param target the target as a comparison, e.g. {@code ">= 4"} or {@code "<= 1.5"}; null for a
 *     metric recorded without a target (then {@code met} is true)
 */
public record BenchmarkResult(
    String metric, double value, String unit, String target, boolean met) {
  public static BenchmarkResult atLeast(String metric, double value, String unit, double target) {
    return new BenchmarkResult(metric, round(value), unit, ">= " + format(target), value >= target);
  }

  public static BenchmarkResult atMost(String metric, double value, String unit, double target) {
    return new BenchmarkResult(metric, round(value), unit, "<= " + format(target), value <= target);
  }

  public static BenchmarkResult above(String metric, double value, String unit, double target) {
    return new BenchmarkResult(metric, round(value), unit, "> " + format(target), value > target);
  }

  public static BenchmarkResult below(String metric, double value, String unit, double target) {
    return new BenchmarkResult(metric, round(value), unit, "< " + format(target), value < target);
  }

  /** A metric with no target, recorded for comparison between runs. */
  public static BenchmarkResult recorded(String metric, double value, String unit) {
    return new BenchmarkResult(metric, round(value), unit, null, true);
  }

  /** The target for people: "none" for a recorded metric. */
  public String targetText() {
    return target == null ? "none" : target;
  }

  private static double round(double value) {
    return Math.round(value * 1000) / 1000.0;
  }

  private static String format(double value) {
    return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
  }
}
