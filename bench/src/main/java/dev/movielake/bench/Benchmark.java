package dev.movielake.bench;

import java.io.PrintWriter;

/** A measurement run by {@code pipeline bench NAME}. */
public interface Benchmark {
  String name();

  /** Runs the benchmark, telling progress to {@code progress}. */
  BenchmarkReport run(long rows, PrintWriter progress);
}
