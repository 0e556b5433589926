package dev.movielake.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.movielake.cli.Json;
import dev.movielake.config.HeldBatchPolicy;
import dev.movielake.lakehouse.IcebergStorageManager;
import dev.movielake.lakehouse.testing.SharedSpark;
import dev.movielake.model.Layer;
import dev.movielake.model.PipelineTable;
import dev.movielake.stream.audit.AuditGate;
import dev.movielake.stream.audit.BatchHeldException;
import dev.movielake.stream.silver.SilverBatchWriter;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** {@code pipeline audits}: operators list, look at, release and discard held batches. */
class AuditsCommandTest {
  private static final PipelineTable TABLE = PipelineTable.MOVIES_CLEAN;
  private static final StructType SCHEMA =
      StructType.fromDDL("movie_id BIGINT, title STRING, release_date DATE, observed_at TIMESTAMP");

  private final IcebergStorageManager storage = SharedSpark.storage("cli_audits");
  private final PipelineRunner pipeline = new PipelineRunner(new LakehouseContext(storage));
  private final AuditGate gate =
      new AuditGate(
          storage, HeldBatchPolicy.STOP, Duration.ofSeconds(1), held -> {}, Clock.systemUTC());

  private AuditGate.Batch batch(long batchId, long... ids) {
    List<Row> rows = new ArrayList<>();
    for (long id : ids) {
      rows.add(
          RowFactory.create(
              id, "Movie " + id, Date.valueOf("2001-05-01"), Timestamp.from(Instant.now())));
    }
    String name = "stream/" + batchId;
    return new AuditGate.Batch(
        TABLE,
        name,
        AuditGate.branchOf("stream", batchId),
        storage.spark().createDataFrame(rows, SCHEMA),
        ids.length,
        SilverBatchWriter.writeOptions(TABLE)
            .withCommitProperties(Map.of(SilverBatchWriter.BATCH_MARK, name)),
        SilverBatchWriter.BATCH_MARK);
  }

  private long onMain() {
    return storage.readFromLayer(Layer.SILVER, TABLE.tableName()).count();
  }

  @Test
  void operatorsSeeAHeldBatchAndReleaseOrDiscardIt() throws Exception {
    gate.pass(batch(0, 1));
    assertThatThrownBy(() -> gate.hold(batch(1, 2, 3), List.of("null_share: 2 of 2 rows null")))
        .isInstanceOf(BatchHeldException.class);
    assertThatThrownBy(() -> gate.hold(batch(2, 4), List.of("duplicate_keys: 1 of 1 rows")))
        .isInstanceOf(BatchHeldException.class);

    PipelineRunner.Run held = pipeline.run("audits", "list", "--state", "held", "--json");
    assertThat(held.exitCode()).as("%s", held).isZero();
    JsonNode batches = Json.mapper().readTree(held.out());
    assertThat(batches.findValuesAsText("batch")).containsExactlyInAnyOrder("stream/1", "stream/2");

    PipelineRunner.Run table = pipeline.run("audits", "list");
    assertThat(table.out())
        .containsPattern("silver\\.movies_clean\\s+stream/1\\s+held\\s+2\\s+null_share")
        .containsPattern("silver\\.movies_clean\\s+stream/0\\s+passed\\s+1");

    PipelineRunner.Run show = pipeline.run("audits", "show", "silver", "movies_clean", "stream/1");
    assertThat(show.exitCode()).as("%s", show).isZero();
    assertThat(show.out())
        .contains("silver.movies_clean batch stream/1: held")
        .contains("2 rows held")
        .contains("Movie 3")
        .contains("./pipeline audits release silver movies_clean stream/1");

    PipelineRunner.Run release =
        pipeline.run(
            "audits", "release", "silver", "movies_clean", "stream/1", "--note", "checked");
    assertThat(release.exitCode()).as("%s", release).isZero();
    assertThat(release.out()).contains("released: main has its 2 rows");
    assertThat(onMain()).isEqualTo(3);

    PipelineRunner.Run discard =
        pipeline.run("audits", "discard", "silver", "movies_clean", "stream/2", "--json");
    assertThat(discard.exitCode()).as("%s", discard).isZero();
    assertThat(Json.mapper().readTree(discard.out()).get("state").asText()).isEqualTo("discarded");
    assertThat(onMain()).isEqualTo(3);

    PipelineRunner.Run again =
        pipeline.run("audits", "release", "silver", "movies_clean", "stream/2");
    assertThat(again.exitCode()).isEqualTo(1);
    assertThat(again.err()).contains("it is discarded, and only a held batch waits for a decision");

    PipelineRunner.Run unknown = pipeline.run("audits", "show", "silver", "movies_clean", "x/9");
    assertThat(unknown.exitCode()).isEqualTo(1);
    assertThat(unknown.err()).contains("./pipeline audits list");
    assertThat(pipeline.run("audits", "list", "--state", "stuck").err())
        .contains("unknown audit state 'stuck'");
  }
}
