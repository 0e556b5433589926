package dev.movielake.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.movielake.bench.PipelineCrashes.Phase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipelineWatchTest {
  @TempDir Path folder;
  private Path log;
  private PipelineWatch watch;

  /** A watch on a pipeline whose log is empty and that has no checkpoint or gold file yet. */
  @BeforeEach
  void watchAnEmptyLog() throws IOException {
    log = Files.writeString(folder.resolve("pipeline.log"), "");
    watch = new PipelineWatch(folder.resolve("checkpoints"), folder.resolve("gold"), log);
  }

  @Test
  void seesAPublishFromItsFirstCollectionStartToItsEnd() throws IOException {
    append("INFO Publisher - Publishing movies from silver.movies_clean at snapshot 7 (");
    watch.poll();
    assertThat(watch.inFlight()).isEmpty(); // half a line is not yet said

    append("in full)\n");
    watch.poll();
    assertThat(watch.inFlight()).containsExactly(Phase.PUBLISH);
    assertThat(watch.starts(Phase.PUBLISH)).isEqualTo(1);
    assertThat(watch.describe()).isEqualTo("publish (writing movies)");

    append(
        "INFO Publisher - Published 12 documents to movies from silver.movies_clean at snapshot 7"
            + " (in full)\n");
    watch.poll();
    assertThat(watch.inFlight()).containsExactly(Phase.PUBLISH);
    assertThat(watch.describe()).isEqualTo("publish (movies done, the next under way)");

    append("INFO PeriodicPublisher - Published 12 documents to movielake\n");
    watch.poll();
    assertThat(watch.inFlight()).isEmpty();
    assertThat(watch.describe()).isEqualTo("nothing (between batches)");
  }

  @Test
  void aFailedPublishEndsIt() throws IOException {
    append("INFO Publisher - Publishing genres from gold.genre_stats at snapshot 3 (in full)\n");
    watch.poll();
    append(
        "WARN PeriodicPublisher - Publishing to the serving collections failed; the next run"
            + " resumes from the last published snapshot: timed out\n");
    watch.poll();

    assertThat(watch.inFlight()).isEmpty();
    assertThat(watch.starts(Phase.PUBLISH)).isEqualTo(1);
  }

  private void append(String text) throws IOException {
    Files.writeString(log, text, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
  }
}
