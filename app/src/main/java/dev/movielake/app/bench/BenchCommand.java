package dev.movielake.app.bench;

import dev.movielake.app.cli.JsonOption;
import dev.movielake.app.cli.LakehouseCommand;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code pipeline bench NAME}: measures side by side, prints a table, writes docs/benchmarks/NAME.md and .json. */
@Command(
    name = "bench",
    description = {
      "Measures side by side; prints a table and writes NAME.md and NAME.json.",
      "Benchmarks: lakehouse (the seed's Parquet vs Iceberg table: partition filter, schema change,",
      "metadata query, time travel)."
    })
public final class BenchCommand extends LakehouseCommand {
  @Parameters(paramLabel = "NAME", description = "The benchmark to run: ${COMPLETION-CANDIDATES}.", completionCandidates = Names.class)
  String name;

  @Option(names = "--rows", defaultValue = "5000000", description = "Rows of generated data (default ${DEFAULT-VALUE}).")
  long rows;

  @Option(names = "--output", defaultValue = "docs/benchmarks", description = "Folder for NAME.md and NAME.json (default ${DEFAULT-VALUE}).")
  Path output;

  @Mixin JsonOption json;

  static final class Names implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      return List.of("lakehouse").iterator();
    }
  }

  @Override
  protected int run() {
    if (rows < 1000) {
      throw new IllegalArgumentException("--rows must be at least 1000, got " + rows);
    }
    Benchmark benchmark = switch (name) {
      case "lakehouse" -> new LakehouseBenchmark(storage().spark(), context().config());
      default -> throw new IllegalArgumentException("unknown benchmark '" + name + "'; accepted values: lakehouse");
    };
    err().println("Benchmark " + name + " on " + rows + " rows");
    BenchmarkReport report = benchmark.run(rows, err());
    String command = "./pipeline bench " + name + " --rows " + rows;
    BenchmarkWriter.write(report, output, command);
    if (json.enabled()) {
      out().print(BenchmarkWriter.json(report));
    } else {
      out().println(BenchmarkWriter.console(report));
      out().println("Written to " + output.resolve(name + ".md") + " and " + output.resolve(name + ".json"));
    }
    out().flush();
    return 0;
  }
}
