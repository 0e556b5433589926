package dev.movielake.app.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.movielake.app.cli.LakehouseContext;
import dev.movielake.app.cli.PipelineRunner;
import dev.movielake.cli.Json;
import dev.movielake.lakehouse.IcebergStorageManager;
import dev.movielake.lakehouse.table.WriteOptions;
import dev.movielake.lakehouse.testing.MovieRows;
import dev.movielake.lakehouse.testing.SharedSpark;
import dev.movielake.model.Layer;
import dev.movielake.ops.stack.LocalStack;
import dev.movielake.ops.stack.StackEnvironment;
import dev.movielake.ops.stack.StackState;
import dev.movielake.ops.stack.StackStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code stack up}, {@code status}, {@code down} on the real services, and the pipeline working on
 * them.
 */
class StackCommandTest {
  @TempDir Path folder;
  private final PipelineRunner pipeline = new PipelineRunner(new LakehouseContext(Map::of));

  @AfterEach
  void stopWhateverIsLeft() {
    pipeline.run("stack", "down", "--folder", folder.toString());
  }

  @Test
  void upStatusAndDownLeaveNoProcessBehindAndThePipelineWorksOnTheStack() throws Exception {
    PipelineRunner.Run up = pipeline.run("stack", "up", "--folder", folder.toString());
    assertThat(up.exitCode()).as(up.toString()).isZero();
    assertThat(up.out())
        .contains("The stack is up", "ICEBERG_CATALOG_TYPE=hive", "ICEBERG_S3_SECRET_KEY=****")
        .doesNotContain(StackEnvironment.read(folder).get("ICEBERG_S3_SECRET_KEY"));
    // The hints reach this stack, not the default folder's.
    assertThat(up.out())
        .contains(
            "./pipeline stack down --folder " + folder.toAbsolutePath().normalize(),
            "./pipeline demo --stack --stack-folder " + folder.toAbsolutePath().normalize());
    StackState state = StackState.read(folder).orElseThrow();
    assertThat(state.services())
        .extracting(LocalStack.Service::name)
        .containsExactly("postgresql", "s3", "hive-metastore", "kafka", "mongodb");
    List<Long> processes =
        new ArrayList<>(state.services().stream().map(LocalStack.Service::pid).toList());
    processes.add(state.supervisorPid());
    assertThat(processes).allSatisfy(pid -> assertThat(ProcessHandle.of(pid)).isPresent());
    // PostgreSQL's postmaster is daemonized by pg_ctl: the stack reports its own process, not the
    // supervisor.
    assertThat(state.services().get(0).pid()).isNotEqualTo(state.supervisorPid());
    processes.addAll(
        ProcessHandle.of(state.supervisorPid())
            .orElseThrow()
            .descendants()
            .map(ProcessHandle::pid)
            .toList());
    assertThat(Files.getPosixFilePermissions(folder.resolve(StackState.ENVIRONMENT_FILE)))
        .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

    PipelineRunner.Run again = pipeline.run("stack", "up", "--folder", folder.toString());
    assertThat(again.out()).contains("already running");

    PipelineRunner.Run status =
        pipeline.run("stack", "status", "--folder", folder.toString(), "--json");
    assertThat(status.exitCode()).as(status.toString()).isZero();
    JsonNode json = Json.mapper().readTree(status.out());
    assertThat(json.get("running").asBoolean()).isTrue();
    assertThat(json.get("services"))
        .hasSize(5)
        .allSatisfy(service -> assertThat(service.get("answers").asBoolean()).isTrue());

    // The stack is what the seed deploys: Iceberg tables in a Hive Metastore, data on S3.
    Map<String, String> variables = new HashMap<>(StackEnvironment.read(folder));
    variables.put("ICEBERG_CATALOG_NAME", "stack_catalog");
    IcebergStorageManager storage = SharedSpark.storage("stack", variables);
    storage.writeToLayer(
        Layer.BRONZE,
        "movies",
        MovieRows.range(SharedSpark.session(), 1, 25, 2020, 2),
        WriteOptions.append().partitionedBy("years(release_date)"));
    assertThat(storage.readFromLayer(Layer.BRONZE, "movies").count()).isEqualTo(25);
    assertThat(storage.loadTable(Layer.BRONZE, "movies").location())
        .startsWith(LocalStack.WAREHOUSE);
    try (var objects = Files.walk(folder.resolve("s3").resolve(LocalStack.BUCKET))) {
      assertThat(objects.filter(path -> path.toString().endsWith(".parquet"))).isNotEmpty();
    }

    PipelineRunner.Run down = pipeline.run("stack", "down", "--folder", folder.toString());
    assertThat(down.exitCode()).as(down.toString()).isZero();
    assertThat(down.out()).contains("The stack is stopped").doesNotContain("had to be killed");
    assertThat(processes)
        .allSatisfy(
            pid ->
                assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
                    .as("process %d", pid)
                    .isFalse());
    assertThat(state.services())
        .allSatisfy(
            service ->
                assertThat(StackStatus.answers(service.address())).as(service.name()).isFalse());
    assertThat(pipeline.run("stack", "status", "--folder", folder.toString()).exitCode())
        .isEqualTo(3);
  }
}
