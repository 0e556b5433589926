package dev.movielake.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.movielake.config.IngestConfig;
import dev.movielake.config.KafkaConfig;
import dev.movielake.config.TmdbConfig;
import dev.movielake.infra.kafka.EmbeddedKafka;
import dev.movielake.ingest.kafka.RecordPublisher;
import dev.movielake.ingest.kafka.TopicAdmin;
import dev.movielake.ingest.kafka.TopicSettings;
import dev.movielake.ingest.run.IncrementalIngestion;
import dev.movielake.ingest.run.IngestionProgress;
import dev.movielake.ingest.run.IngestionReport;
import dev.movielake.ingest.run.SyncCursor;
import dev.movielake.ingest.tmdb.TmdbClient;
import dev.movielake.ingest.tmdb.TmdbCounters;
import dev.movielake.simulator.SimulatorOptions;
import dev.movielake.simulator.TmdbSimulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IncrementalIngestionTest {
  @TempDir Path folder;

  @Test
  void refetchesOnlyChangedMoviesAndResumesFromTheCursor() throws Exception {
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    try (EmbeddedKafka broker = EmbeddedKafka.start(folder.resolve("kafka"));
        TmdbSimulator simulator =
            TmdbSimulator.start(SimulatorOptions.defaults().withMovies(150).withSeed(21))) {
      Map<String, String> variables = new HashMap<>();
      KafkaConfig kafka = IngestConfig.from(variables).kafka();
      TopicAdmin.ensure(broker.bootstrapServers(), TopicSettings.of(kafka));
      TmdbConfig tmdb =
          new TmdbConfig(
              Optional.of(simulator.baseUrl()),
              Optional.of("simulator-key"),
              Optional.empty(),
              200,
              4,
              6,
              Duration.ofSeconds(5),
              1,
              150,
              21);
      SyncCursor cursor = new SyncCursor(folder.resolve("state/cursor"));

      // Thirty days back: three windows of at most fourteen days.
      LocalDate since = today.minusDays(30);
      Set<Long> expected =
          simulator.catalog().changedBetween(since, today).stream()
              .filter(id -> !simulator.catalog().deletedMovieIds().contains(id))
              .collect(Collectors.toSet());
      IngestionReport first;
      try (RecordPublisher publisher = new RecordPublisher(broker.bootstrapServers(), kafka)) {
        first =
            new IncrementalIngestion(
                    new TmdbClient(simulator.baseUrl(), tmdb, new TmdbCounters()),
                    publisher,
                    kafka,
                    4,
                    IngestionProgress.NONE)
                .run(Optional.of(since), cursor, today);
      }
      assertThat(cursor.read()).contains(today);
      Set<Long> published =
          TopicReader.keyCounts(broker.bootstrapServers(), "movies").keySet().stream()
              .map(Long::parseLong)
              .collect(Collectors.toSet());
      assertThat(published).isEqualTo(expected);
      assertThat(first.movies()).isEqualTo(expected.size());

      // Changes since: only the touched movies (and today's) come again, from the cursor.
      long touched =
          simulator.catalog().movieIds().stream()
              .filter(id -> !simulator.catalog().deletedMovieIds().contains(id))
              .findFirst()
              .orElseThrow();
      simulator.catalog().touch(touched, Instant.now());
      Set<Long> todays = simulator.catalog().changedBetween(today, today);
      try (RecordPublisher publisher = new RecordPublisher(broker.bootstrapServers(), kafka)) {
        IngestionReport second =
            new IncrementalIngestion(
                    new TmdbClient(simulator.baseUrl(), tmdb, new TmdbCounters()),
                    publisher,
                    kafka,
                    4,
                    IngestionProgress.NONE)
                .run(Optional.empty(), cursor, today);
        assertThat(todays).contains(touched);
        assertThat(second.movies())
            .isEqualTo(
                todays.stream()
                    .filter(id -> !simulator.catalog().deletedMovieIds().contains(id))
                    .count());
      }
    }
  }

  @Test
  void theCursorIsReplacedAtomicallyAndABrokenOneNamesTheFix() throws Exception {
    SyncCursor cursor = new SyncCursor(folder.resolve("cursor"));
    assertThat(cursor.read()).isEmpty();
    cursor.write(LocalDate.of(2026, 11, 1));
    cursor.write(LocalDate.of(2026, 11, 2));
    assertThat(cursor.read()).contains(LocalDate.of(2026, 11, 2));
    assertThat(folder.resolve("cursor.tmp")).doesNotExist();
    Files.writeString(folder.resolve("cursor"), "garbage");
    assertThatThrownBy(cursor::read).hasMessageContaining("--since");
  }
}
