package dev.movielake.app.bench;

/**
 * One measured metric against its target.
 *
 * @param target the target as a comparison, e.g. {@code ">= 4"} or {@code "<= 1.5"}
 */
public record BenchmarkResult(String metric, double value, String unit, String target, boolean met) {
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

  private static double round(double value) {
    return Math.round(value * 1000) / 1000.0;
  }

  private static String format(double value) {
    return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
  }
}
