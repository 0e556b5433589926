package dev.movielake.ingest.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * What an unfinished batch run has delivered, kept on disk: a movie or person is written here only
 * after Kafka acknowledged all its records. A rerun after an interruption resumes and skips them,
 * so the compacted topics get no second copy of a key.
 */
public final class BatchCheckpoint {
  private static final String MOVIES = "movies.done";
  private static final String PEOPLE = "people.done";
  private static final String RUNNING = "running";

  private final Path folder;
  private final Set<Long> movies;
  private final Set<Long> people;

  private BatchCheckpoint(Path folder, Set<Long> movies, Set<Long> people) {
    this.folder = folder;
    this.movies = movies;
    this.people = people;
  }

  /** Resumes the unfinished run in {@code folder}, or starts a new one. */
  public static BatchCheckpoint openOrStart(Path folder) {
    try {
      Files.createDirectories(folder);
      if (!Files.exists(folder.resolve(RUNNING))) {
        Files.deleteIfExists(folder.resolve(MOVIES));
        Files.deleteIfExists(folder.resolve(PEOPLE));
        Files.writeString(folder.resolve(RUNNING), Instant.now().toString());
      }
      return new BatchCheckpoint(
          folder, read(folder.resolve(MOVIES)), read(folder.resolve(PEOPLE)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the batch checkpoint in " + folder, e);
    }
  }

  /** True when a run was interrupted and the next one resumes it. */
  public static boolean unfinished(Path folder) {
    return Files.exists(folder.resolve(RUNNING));
  }

  public boolean resumed() {
    return !movies.isEmpty() || !people.isEmpty();
  }

  public Set<Long> movies() {
    return Set.copyOf(movies);
  }

  public Set<Long> people() {
    return Set.copyOf(people);
  }

  public synchronized void movieDone(long id) {
    if (movies.add(id)) {
      append(MOVIES, id);
    }
  }

  public synchronized void personDone(long id) {
    if (people.add(id)) {
      append(PEOPLE, id);
    }
  }

  /** The run delivered everything: the next batch starts anew. */
  public synchronized void complete() {
    try {
      Files.deleteIfExists(folder.resolve(RUNNING));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close the batch checkpoint in " + folder, e);
    }
  }

  private void append(String file, long id) {
    try {
      Files.writeString(
          folder.resolve(file),
          id + "\n",
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND,
          StandardOpenOption.DSYNC);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the batch checkpoint in " + folder, e);
    }
  }

  private static Set<Long> read(Path file) throws IOException {
    Set<Long> ids = ConcurrentHashMap.newKeySet();
    if (Files.exists(file)) {
      // A line cut short by a crash is not a complete id: it is ignored and that item is redone.
      ids.addAll(
          Files.readAllLines(file, StandardCharsets.UTF_8).stream()
              .filter(line -> line.matches("[0-9]+"))
              .map(Long::parseLong)
              .collect(Collectors.toSet()));
    }
    return ids;
  }
}
