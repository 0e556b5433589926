package dev.movielake.bench;

import java.util.List;

/**
 * A benchmark's outcome: the metrics (written to {@code NAME.json}) and the side-by-side table with
 * notes (written to {@code NAME.md}).
 *
 * @param comparison header row first, then one row per measured operation
 */
public record BenchmarkReport(
    String benchmark,
    long rows,
    List<BenchmarkResult> results,
    List<List<String>> comparison,
    List<String> notes) {}
