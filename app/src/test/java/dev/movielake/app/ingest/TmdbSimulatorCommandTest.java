package dev.movielake.app.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.movielake.app.cli.LakehouseContext;
import dev.movielake.app.cli.PipelineRunner;
import dev.movielake.simulator.DataFault;
import dev.movielake.simulator.DataFaults;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pipeline tmdb-sim}'s data fault options: what they switch on, their help, and the refusals
 * that come before the simulator starts (a started one serves until Ctrl-C).
 */
class TmdbSimulatorCommandTest {
  @TempDir Path home;

  private PipelineRunner.Run pipeline(String... arguments) {
    return new PipelineRunner(new LakehouseContext(() -> Map.of("LAKEHOUSE_HOME", home.toString())))
        .run(arguments);
  }

  @Test
  void dataFaultOptionsBecomeDataFaults() {
    assertThat(TmdbSimulatorCommand.dataFaults(List.of(), null)).isEqualTo(DataFaults.none());
    assertThat(
            TmdbSimulatorCommand.dataFaults(
                List.of("empty-pages", "DUPLICATED_KEYS=0.25", "schema-change=0"), null))
        .isEqualTo(
            DataFaults.none()
                .withFault(DataFault.EMPTY_PAGES)
                .withFault(DataFault.DUPLICATED_KEYS, 0.25));
    assertThat(TmdbSimulatorCommand.dataFaults(List.of(), "runtime"))
        .as("--null-field alone switches null-field on")
        .isEqualTo(DataFaults.none().withFault(DataFault.NULL_FIELD).withNullField("runtime"));
    assertThat(TmdbSimulatorCommand.dataFaults(List.of("null-field=0.5"), "overview"))
        .isEqualTo(
            DataFaults.none().withFault(DataFault.NULL_FIELD, 0.5).withNullField("overview"));
    assertThatThrownBy(
            () -> TmdbSimulatorCommand.dataFaults(List.of("out-of-range", "out-of-range=1"), null))
        .hasMessage("--data-fault out-of-range is given twice: keep one, with its share");
  }

  @Test
  void badDataFaultOptionsAreRefusedBeforeTheSimulatorStarts() {
    PipelineRunner.Run unknown = pipeline("tmdb-sim", "--port", "0", "--data-fault", "nulls");
    assertThat(unknown.exitCode()).as(unknown.toString()).isEqualTo(1);
    assertThat(unknown.err())
        .contains("unknown data fault 'nulls': choose one of empty-pages, null-field,");
    PipelineRunner.Run share = pipeline("tmdb-sim", "--data-fault", "empty-pages=half");
    assertThat(share.exitCode()).isEqualTo(1);
    assertThat(share.err())
        .contains("invalid share 'half' in --data-fault empty-pages=half")
        .contains("e.g. empty-pages=0.25");
    PipelineRunner.Run tooMuch = pipeline("tmdb-sim", "--data-fault", "out-of-range=2");
    assertThat(tooMuch.exitCode()).isEqualTo(1);
    assertThat(tooMuch.err()).contains("out-of-range must be within 0..1, got 2.0");
    PipelineRunner.Run field = pipeline("tmdb-sim", "--null-field", "rating");
    assertThat(field.exitCode()).isEqualTo(1);
    assertThat(field.err()).contains("cannot null 'rating'").contains("choose one of adult,");
    assertThat(unknown.out() + share.out() + tooMuch.out() + field.out())
        .doesNotContain("TMDB simulator:");
  }

  @Test
  void helpNamesEveryKind() {
    PipelineRunner.Run help = pipeline("tmdb-sim", "--help");
    assertThat(help.exitCode()).isZero();
    assertThat(help.out()).contains("--data-fault=KIND[=SHARE]").contains("--null-field=NAME");
    for (DataFault fault : DataFault.values()) {
      assertThat(help.out()).contains(fault.optionName() + ":");
    }
  }
}
