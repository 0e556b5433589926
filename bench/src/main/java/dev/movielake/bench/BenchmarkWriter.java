package dev.movielake.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.movielake.cli.TextTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Writes a report as {@code NAME.json} (the metrics) and {@code NAME.md} (for people). */
public final class BenchmarkWriter {
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private BenchmarkWriter() {}

  public static String json(BenchmarkReport report) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("benchmark", report.benchmark());
    root.put("rows", report.rows());
    ArrayNode results = root.putArray("results");
    for (BenchmarkResult result : report.results()) {
      ObjectNode node = results.addObject();
      node.put("metric", result.metric());
      node.put("value", result.value());
      node.put("unit", result.unit());
      node.put("target", result.target());
      node.put("met", result.met());
    }
    try {
      return MAPPER.writeValueAsString(root) + "\n";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static String markdown(BenchmarkReport report, String command) {
    StringBuilder text = new StringBuilder();
    text.append("# Benchmark: ").append(report.benchmark()).append("\n\n");
    text.append("Produced by `")
        .append(command)
        .append("` on ")
        .append(report.rows())
        .append(" rows.\n\n");
    text.append(table(report.comparison())).append('\n');
    text.append("## Metrics\n\n");
    List<List<String>> metrics = new ArrayList<>();
    metrics.add(List.of("metric", "value", "unit", "target", "met"));
    for (BenchmarkResult result : report.results()) {
      metrics.add(
          List.of(
              result.metric(),
              Double.toString(result.value()),
              result.unit(),
              result.targetText(),
              result.met() ? "yes" : "NO"));
    }
    text.append(table(metrics)).append('\n');
    if (!report.notes().isEmpty()) {
      text.append("## Notes\n\n");
      report.notes().forEach(note -> text.append("- ").append(note).append('\n'));
    }
    return text.toString();
  }

  /** A console table of the side-by-side comparison and the metrics. */
  public static String console(BenchmarkReport report) {
    List<List<String>> rows = report.comparison();
    TextTable comparison = new TextTable(rows.get(0).toArray(String[]::new));
    rows.subList(1, rows.size()).forEach(row -> comparison.row(row.toArray()));
    TextTable metrics = new TextTable("metric", "value", "unit", "target", "met");
    report
        .results()
        .forEach(
            result ->
                metrics.row(
                    result.metric(),
                    result.value(),
                    result.unit(),
                    result.targetText(),
                    result.met() ? "yes" : "NO"));
    return comparison.render() + "\n" + metrics.render();
  }

  public static void write(BenchmarkReport report, Path folder, String command) {
    try {
      Files.createDirectories(folder);
      Files.writeString(
          folder.resolve(report.benchmark() + ".json"), json(report), StandardCharsets.UTF_8);
      Files.writeString(
          folder.resolve(report.benchmark() + ".md"),
          markdown(report, command),
          StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the benchmark report to " + folder, e);
    }
  }

  private static String table(List<List<String>> rows) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < rows.size(); i++) {
      text.append("| ").append(String.join(" | ", rows.get(i))).append(" |\n");
      if (i == 0) {
        text.append("|").append("---|".repeat(rows.get(0).size())).append('\n');
      }
    }
    return text.toString();
  }
}
