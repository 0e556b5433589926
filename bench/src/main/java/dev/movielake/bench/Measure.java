package dev.movielake.bench;

import java.io.PrintWriter;
import java.util.Arrays;

/** What the benchmarks measure with: wall-clock seconds of a piece of work, medians, progress. */
final class Measure {
  private Measure() {}

  /** Seconds the work took, on the monotonic clock. */
  static double seconds(Runnable work) {
    long started = System.nanoTime();
    work.run();
    return (System.nanoTime() - started) / 1e9;
  }

  static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int middle = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  }

  /** A step of a long benchmark, printed as it starts. */
  static void step(PrintWriter progress, String message) {
    progress.println("  " + message + " ...");
    progress.flush();
  }
}
