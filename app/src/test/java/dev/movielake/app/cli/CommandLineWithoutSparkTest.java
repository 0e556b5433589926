package dev.movielake.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.movielake.app.PipelineCommand;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * What the command line decides before it needs Spark: help, usage errors, configuration errors.
 */
class CommandLineWithoutSparkTest {
  @TempDir Path home;

  private LakehouseContext context(Map<String, String> variables) {
    return new LakehouseContext(() -> variables);
  }

  @Test
  void helpOfEveryCommandExitsZeroWithoutStartingSpark() {
    LakehouseContext context = context(Map.of("LAKEHOUSE_HOME", home.toString()));
    PipelineRunner pipeline = new PipelineRunner(context);
    List<List<String>> paths = new ArrayList<>();
    PipelineCommand.commandLine(context)
        .getSubcommands()
        .values()
        .forEach(subcommand -> collect(subcommand, new ArrayList<>(), paths));
    assertThat(paths)
        .hasSizeGreaterThan(30); // every subcommand of tables, schema, partitions, maintain

    for (List<String> path : paths) {
      List<String> arguments = new ArrayList<>(path);
      arguments.add("--help");
      PipelineRunner.Run run = pipeline.run(arguments.toArray(String[]::new));
      assertThat(run.exitCode()).as("%s\n%s", arguments, run).isZero();
      assertThat(run.out())
          .as("%s", arguments)
          .startsWith("Usage: pipeline " + String.join(" ", path));
    }
    assertThat(context.isStorageInUse()).isFalse();
  }

  @Test
  void theCommandListShowsEachCommandsWholeFirstSentence() {
    // picocli lists a command under "Commands:" by the first line of its description alone.
    CommandLine commandLine =
        PipelineCommand.commandLine(context(Map.of("LAKEHOUSE_HOME", home.toString())));
    commandLine
        .getSubcommands()
        .forEach(
            (name, command) -> {
              String[] description = command.getCommandSpec().usageMessage().description();
              assertThat(description).as(name).isNotEmpty();
              assertThat(description[0]).as(name).endsWith(".");
            });
  }

  private static void collect(CommandLine command, List<String> path, List<List<String>> paths) {
    List<String> here = new ArrayList<>(path);
    here.add(command.getCommandName());
    paths.add(here);
    command.getSubcommands().values().forEach(subcommand -> collect(subcommand, here, paths));
  }

  @Test
  void unknownLayerIsAUsageErrorListingTheAcceptedValues() {
    LakehouseContext context = context(Map.of("LAKEHOUSE_HOME", home.toString()));
    PipelineRunner.Run run = new PipelineRunner(context).run("tables", "show", "mars", "movies");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err().lines())
        .singleElement()
        .asString()
        .startsWith("error: ")
        .contains("unknown layer 'mars'; accepted values: bronze, silver, gold");
    assertThat(run.out()).isEmpty();
    assertThat(context.isStorageInUse()).isFalse();
  }

  @Test
  void missingArgumentsAndConflictingOptionsAreUsageErrors() {
    PipelineRunner pipeline =
        new PipelineRunner(context(Map.of("LAKEHOUSE_HOME", home.toString())));

    PipelineRunner.Run missing = pipeline.run("schema", "add", "silver", "movies");
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.err().lines())
        .singleElement()
        .asString()
        .startsWith("error: ")
        .contains("COLUMN");

    PipelineRunner.Run neither = pipeline.run("tables", "stats");
    assertThat(neither.exitCode()).isEqualTo(2);
    assertThat(neither.err())
        .isEqualTo("error: give either LAYER TABLE or --all" + System.lineSeparator());

    PipelineRunner.Run both =
        pipeline.run(
            "tables",
            "rollback",
            "silver",
            "movies",
            "--snapshot",
            "1",
            "--timestamp",
            "2025-01-01");
    assertThat(both.exitCode()).isEqualTo(2);
    assertThat(both.err()).startsWith("error: ").contains("mutually exclusive");

    PipelineRunner.Run noSubcommand = pipeline.run("maintain");
    assertThat(noSubcommand.exitCode()).isEqualTo(2);
    assertThat(noSubcommand.err()).startsWith("error: ");
  }

  @Test
  void configurationErrorIsOneLineNamingTheVariableWithSecretsMasked() {
    Map<String, String> variables =
        Map.of(
            "LAKEHOUSE_HOME", home.toString(),
            "ICEBERG_JDBC_URI", "postgres://bob:hunter22@db.example/lake",
            "ICEBERG_JDBC_PASSWORD", "hunter22");
    PipelineRunner pipeline = new PipelineRunner(context(variables));

    PipelineRunner.Run run = pipeline.run("tables", "list");
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err().lines())
        .singleElement()
        .asString()
        .startsWith("error: ICEBERG_JDBC_URI: ")
        .contains("is not a JDBC URI")
        .doesNotContain("hunter22");

    PipelineRunner.Run verbose = pipeline.run("tables", "list", "--verbose");
    assertThat(verbose.exitCode()).isEqualTo(1);
    assertThat(verbose.err())
        .contains("ConfigException", "\tat dev.movielake.")
        .doesNotContain("hunter22");
  }
}
