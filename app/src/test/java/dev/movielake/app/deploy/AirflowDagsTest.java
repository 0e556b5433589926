package dev.movielake.app.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.movielake.app.PipelineCommand;
import dev.movielake.app.cli.LakehouseContext;
import dev.movielake.config.ScheduleConfig;
import dev.movielake.config.ScheduleConfig.Job;
import dev.movielake.ops.schedule.ScheduledJob;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.ParseResult;

/**
 * The Airflow DAGs in deploy/airflow/dags: valid Python (parsed by the machine's python3, no
 * Airflow needed), on the built-in scheduler's default schedules, and calling commands the real
 * command line parses, the same ones the scheduler runs.
 */
class AirflowDagsTest {
  private static final Path DAGS =
      Path.of("").toAbsolutePath().getParent().resolve("deploy/airflow/dags");
  private static final Map<String, Job> DAG_JOBS =
      Map.of(
          "movie_data_ingestion", Job.INGESTION,
          "movie_data_processing", Job.PROCESSING,
          "data_quality_monitoring", Job.QUALITY,
          "iceberg_maintenance", Job.MAINTENANCE);

  /**
   * Reads each file with Python's own parser and prints, per DAG file, the dag_id, schedule and
   * retries of its pipeline_dag call and the commands of its pipeline_task calls, as JSON.
   */
  private static final String EXTRACT =
      String.join(
          "\n",
          "import ast, json, sys",
          "out = {}",
          "for path in sys.argv[1:]:",
          "    tree = ast.parse(open(path, encoding='utf-8').read(), path)",
          "    info = {'commands': []}",
          "    for node in ast.walk(tree):",
          "        if isinstance(node, ast.Call) and getattr(node.func, 'id', None) =="
              + " 'pipeline_dag':",
          "            info['dag_id'] = node.args[0].value",
          "            info['retries'] = 1",
          "            for keyword in node.keywords:",
          "                if keyword.arg in ('schedule', 'retries'):",
          "                    info[keyword.arg] = keyword.value.value",
          "        if isinstance(node, ast.Call) and getattr(node.func, 'id', None) =="
              + " 'pipeline_task':",
          "            info['commands'].append(node.args[1].value)",
          "    out[path] = info",
          "print(json.dumps(out))");

  private static List<Path> pythonFiles() throws IOException {
    try (Stream<Path> files = Files.list(DAGS)) {
      return files.filter(file -> file.toString().endsWith(".py")).sorted().toList();
    }
  }

  private static String python(List<String> arguments) throws Exception {
    List<String> command = new ArrayList<>(List.of("python3", "-c", EXTRACT));
    command.addAll(arguments);
    Process process;
    try {
      process = new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (IOException e) {
      Assumptions.abort(
          "python3 is not installed, so the DAGs' syntax cannot be checked: " + e.getMessage());
      throw e;
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as("python3 parsing the DAGs said:\n%s", output).isZero();
    return output;
  }

  @Test
  void everyDagIsValidPythonOnTheSchedulersScheduleCallingItsCommands() throws Exception {
    List<Path> files = pythonFiles();
    assertThat(files).extracting(file -> file.getFileName().toString()).contains("movielake.py");
    JsonNode parsed =
        new ObjectMapper().readTree(python(files.stream().map(Path::toString).toList()));

    ScheduleConfig defaults = ScheduleConfig.from(Map.of());
    Map<Job, List<String>> dagCommands = new LinkedHashMap<>();
    for (Path file : files) {
      JsonNode dag = parsed.path(file.toString());
      if (!dag.has("dag_id")) {
        continue; // the shared module
      }
      Job job = DAG_JOBS.get(dag.path("dag_id").asText());
      assertThat(job).as("%s has an unknown dag_id %s", file, dag.path("dag_id")).isNotNull();
      assertThat(dag.path("schedule").asText())
          .as(dag.path("dag_id").asText())
          .isEqualTo(defaults.jobs().get(job).cron().orElseThrow());
      assertThat(dag.path("retries").asInt())
          .as(dag.path("dag_id").asText())
          .isEqualTo(defaults.jobs().get(job).retries());
      List<String> commands = new ArrayList<>();
      dag.path("commands").forEach(command -> commands.add(command.asText()));
      dagCommands.put(job, commands);
    }
    assertThat(dagCommands.keySet()).containsExactlyInAnyOrder(Job.values());

    for (Map.Entry<Job, List<String>> entry : dagCommands.entrySet()) {
      // Each DAG runs what the scheduler's job runs, in the same order (it may add a step after).
      List<String> schedulerCommands =
          ScheduledJob.commandsOf(entry.getKey()).stream()
              .map(command -> String.join(" ", command))
              .toList();
      assertThat(entry.getValue())
          .as(entry.getKey().id())
          .startsWith(schedulerCommands.toArray(String[]::new));
      for (String command : entry.getValue()) {
        assertParses(Arrays.asList(command.split(" ")));
      }
    }
  }

  @Test
  void theSchedulersJobCommandsParseWithTheRealCommandLine() {
    for (Job job : Job.values()) {
      ScheduledJob.commandsOf(job).forEach(AirflowDagsTest::assertParses);
    }
  }

  private static void assertParses(List<String> command) {
    ParseResult parsed =
        PipelineCommand.commandLine(new LakehouseContext(Map::of))
            .parseArgs(command.toArray(String[]::new));
    while (parsed.hasSubcommand()) {
      parsed = parsed.subcommand();
    }
    assertThat(parsed.commandSpec().userObject())
        .as("'pipeline %s' runs a command", String.join(" ", command))
        .isInstanceOf(Callable.class);
  }
}
