package dev.movielake.app.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.movielake.app.cli.LakehouseContext;
import dev.movielake.app.cli.PipelineRunner;
import dev.movielake.cli.Json;
import dev.movielake.ops.schedule.JobLock;
import dev.movielake.ops.schedule.RunHistory;
import dev.movielake.ops.schedule.RunRecord;
import dev.movielake.ops.schedule.RunRecord.Outcome;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line of the scheduler, in-process; none of these start Spark or a job. */
class ScheduleCommandTest {
  @TempDir Path home;

  private PipelineRunner pipeline(Map<String, String> extra) {
    Map<String, String> variables = new HashMap<>(Map.of("LAKEHOUSE_HOME", home.toString()));
    variables.putAll(extra);
    return new PipelineRunner(new LakehouseContext(() -> variables));
  }

  @Test
  void listShowsEachJobWithItsNextRunAndCommands() throws Exception {
    PipelineRunner.Run list =
        pipeline(Map.of("SCHEDULE_QUALITY_CRON", "off")).run("schedule", "list", "--json");
    assertThat(list.exitCode()).as("%s", list).isZero();
    JsonNode jobs = Json.mapper().readTree(list.out());
    assertThat(jobs.findValuesAsText("job"))
        .containsExactly("ingestion", "processing", "quality", "maintenance");
    JsonNode maintenance = jobs.get(3);
    assertThat(maintenance.path("cron").asText()).isEqualTo("0 2 * * 0");
    Instant next = Instant.parse(maintenance.path("nextRun").asText());
    assertThat(next.atZone(ZoneOffset.UTC).getDayOfWeek()).isEqualTo(DayOfWeek.SUNDAY);
    assertThat(next.atZone(ZoneOffset.UTC).getHour()).isEqualTo(2);
    assertThat(maintenance.path("commands").get(0).asText())
        .isEqualTo("pipeline maintain all --planned");
    assertThat(maintenance.path("description").asText()).isEqualTo("at 02:00 on Sunday");
    assertThat(jobs.get(2).path("cron").asText()).isEqualTo("off");
    assertThat(jobs.get(2).path("nextRun").isNull()).isTrue();

    PipelineRunner.Run text = pipeline(Map.of()).run("schedule", "list");
    assertThat(text.out())
        .contains("JOB")
        .contains("maintenance")
        .contains("pipeline batch; pipeline publish");
  }

  @Test
  void historyShowsRecordedRunsAndSaysWhereItLooksWhenEmpty() throws Exception {
    PipelineRunner.Run empty = pipeline(Map.of()).run("schedule", "history");
    assertThat(empty.exitCode()).isZero();
    assertThat(empty.out()).startsWith("no runs yet in " + home.resolve("schedule/history.jsonl"));

    Instant start = Instant.parse("2026-11-22T02:00:00Z");
    new RunHistory(home.resolve("schedule/history.jsonl"))
        .append(
            new RunRecord(
                "maintenance",
                "schedule",
                start,
                start,
                start.plusSeconds(95),
                Outcome.FAILED,
                3,
                "maintenance failed on 1 table(s)",
                null));
    PipelineRunner.Run history =
        pipeline(Map.of()).run("schedule", "history", "--job", "maintenance");
    assertThat(history.out())
        .contains("maintenance")
        .contains("FAILED")
        .contains("95.0 s")
        .contains("maintenance failed on 1 table(s)");
    JsonNode runs =
        Json.mapper().readTree(pipeline(Map.of()).run("schedule", "history", "--json").out());
    assertThat(runs).hasSize(1);
    assertThat(runs.get(0).path("outcome").asText()).isEqualTo("FAILED");
    assertThat(runs.get(0).path("attempts").asInt()).isEqualTo(3);
  }

  @Test
  void aJobRunningElsewhereIsSkippedAndRecorded() throws Exception {
    try (JobLock held =
        JobLock.tryAcquire(home.resolve("schedule/locks"), "maintenance").orElseThrow()) {
      PipelineRunner.Run run = pipeline(Map.of()).run("schedule", "run", "maintenance", "--json");
      assertThat(run.exitCode()).isEqualTo(1);
      assertThat(Json.mapper().readTree(run.out()).path("outcome").asText()).isEqualTo("SKIPPED");
    }
    assertThat(new RunHistory(home.resolve("schedule/history.jsonl")).read(Optional.empty(), 5))
        .extracting(RunRecord::outcome)
        .containsExactly(Outcome.SKIPPED);
  }

  @Test
  void badInputNamesTheProblem() {
    PipelineRunner.Run unknown = pipeline(Map.of()).run("schedule", "run", "compaction");
    assertThat(unknown.exitCode()).isEqualTo(2);
    assertThat(unknown.err())
        .contains(
            "unknown job 'compaction'; the jobs are ingestion, processing, quality, maintenance");

    PipelineRunner.Run badCron =
        pipeline(Map.of("SCHEDULE_MAINTENANCE_CRON", "0 2 * *")).run("schedule", "list");
    assertThat(badCron.exitCode()).isEqualTo(1);
    assertThat(badCron.err())
        .contains("SCHEDULE_MAINTENANCE_CRON: '0 2 * *' is not a cron expression");
  }
}
