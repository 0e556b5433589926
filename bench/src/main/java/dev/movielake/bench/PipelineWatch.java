package dev.movielake.bench;

import dev.movielake.bench.PipelineCrashes.Phase;
import dev.movielake.model.Layer;
import dev.movielake.model.PipelineTable;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What a running {@code pipeline stream} JVM is doing, seen from outside as an operator would see
 * it, so that a kill can be aimed at a phase and said to have landed in it:
 *
 * <ul>
 *   <li>a micro-batch of a streaming query: Spark writes {@code offsets/<batch>} in the query's
 *       checkpoint when the batch starts and {@code commits/<batch>} when it has ended;
 *   <li>a gold refresh: it writes the data files of the gold tables computed from silver (the
 *       refresh logs nothing before it ends, but its files appear as it writes), and it ends with
 *       the log line {@code gold refreshed: ...} (or {@code gold refresh failed});
 *   <li>a publish: the publisher logs {@code Publishing <collection> from ...} when it starts on a
 *       collection that has changes (one with none is skipped at once, unsaid), {@code Published N
 *       documents to <collection> from ...} when that collection is done, and the periodic
 *       publisher {@code Published N documents to <database>} when the whole publish has ended.
 * </ul>
 *
 * Each {@link #poll} reads what changed since the one before; events are ordered by poll.
 */
final class PipelineWatch {
  private static final Pattern COLLECTION_STARTED = Pattern.compile("Publishing (\\S+) from ");
  private static final Pattern COLLECTION_PUBLISHED =
      Pattern.compile("Published \\d+ documents to (\\S+) from ");
  private static final Pattern PUBLISH_ENDED =
      Pattern.compile("Published \\d+ documents to (?!\\S+ from )|Publishing to the serving");
  private static final Pattern REFRESH_ENDED =
      Pattern.compile("gold refreshed: |gold refresh failed");

  private final Map<Phase, Path> checkpoints = new EnumMap<>(Phase.class);
  private final Path goldFolder;
  private final Set<String> refreshedTables = new HashSet<>();
  private final Path log;

  private final Map<Phase, Long> latestBatch = new EnumMap<>(Phase.class);
  private final Map<Phase, String> latestBatchFile = new EnumMap<>(Phase.class);
  private final Map<Phase, Long> latestCommit = new EnumMap<>(Phase.class);
  private final Map<Phase, Integer> starts = new EnumMap<>(Phase.class);
  private final Map<Phase, Long> startedAtPoll = new EnumMap<>(Phase.class);
  private final Map<Phase, Long> endedAtPoll = new EnumMap<>(Phase.class);
  private final Set<Path> goldFiles = new HashSet<>();
  private String refreshWriting = "";
  private String publishing = "";
  private String lastPublished = "";
  private long logOffset;
  private byte[] partialLine = new byte[0];
  private long polls;

  /**
   * @param checkpoints the pipeline's checkpoint folder ({@code STREAM_CHECKPOINT_DIR})
   * @param goldFolder the warehouse folder of the gold database, where each table has a folder
   * @param log the JVM's output
   */
  PipelineWatch(Path checkpoints, Path goldFolder, Path log) {
    this.checkpoints.put(Phase.BRONZE, checkpoints.resolve("bronze").resolve("movies"));
    this.checkpoints.put(Phase.SILVER, checkpoints.resolve("silver").resolve("movies"));
    this.checkpoints.put(Phase.GOLD_WINDOWS, checkpoints.resolve("gold").resolve("trending"));
    this.goldFolder = goldFolder;
    for (PipelineTable table : PipelineTable.values()) {
      if (table.layer() == Layer.GOLD
          && !table.sources().isEmpty()
          && table.sources().stream().allMatch(source -> source.layer() == Layer.SILVER)) {
        refreshedTables.add(table.tableName());
      }
    }
    this.log = log;
    // What is there before the JVM runs is no event of its own.
    for (Map.Entry<Phase, Path> query : this.checkpoints.entrySet()) {
      Path offsets = query.getValue().resolve("offsets");
      latestBatch.put(query.getKey(), latest(offsets).orElse(-1));
      latestBatchFile.put(query.getKey(), version(offsets, latestBatch.get(query.getKey())));
      latestCommit.put(query.getKey(), latest(query.getValue().resolve("commits")).orElse(-1));
    }
    goldFiles.addAll(refreshFiles());
  }

  /** Reads what changed since the last poll. */
  void poll() {
    polls++;
    for (Map.Entry<Phase, Path> query : checkpoints.entrySet()) {
      Phase phase = query.getKey();
      Path offsets = query.getValue().resolve("offsets");
      long batch = latest(offsets).orElse(-1);
      String file = version(offsets, batch);
      // A new batch, or the same batch planned anew: bronze's restart drops a batch the last JVM
      // left uncommitted and Spark writes its offsets again (stream's CheckpointRepair).
      if (!file.isEmpty() && !file.equals(latestBatchFile.get(phase))) {
        started(phase);
      }
      if (!file.isEmpty()) {
        latestBatch.put(phase, batch);
        latestBatchFile.put(phase, file);
      }
      latestCommit.put(phase, latest(query.getValue().resolve("commits")).orElse(-1));
    }
    for (Path file : refreshFiles()) {
      if (goldFiles.add(file)) {
        refreshWriting = goldFolder.relativize(file).getName(0).toString();
        if (!inFlight().contains(Phase.GOLD_REFRESH)) {
          started(Phase.GOLD_REFRESH);
        }
      }
    }
    for (String line : newLogLines()) {
      Matcher collectionStarted = COLLECTION_STARTED.matcher(line);
      Matcher published = COLLECTION_PUBLISHED.matcher(line);
      if (PUBLISH_ENDED.matcher(line).find()) {
        endedAtPoll.put(Phase.PUBLISH, polls);
      } else if (collectionStarted.find()) {
        publishing = collectionStarted.group(1);
        started(Phase.PUBLISH);
      } else if (published.find()) {
        publishing = "";
        lastPublished = published.group(1);
      } else if (REFRESH_ENDED.matcher(line).find()) {
        endedAtPoll.put(Phase.GOLD_REFRESH, polls);
      }
    }
  }

  /**
   * How many times the phase was seen starting since the watch began: a batch, the first data file
   * of a gold refresh, and for a publish each collection started.
   */
  int starts(Phase phase) {
    return starts.getOrDefault(phase, 0);
  }

  /**
   * The phases under way as of the last poll. A batch is under way from its offsets to its commit
   * (a batch left open by the previous JVM counts until it is replayed and committed).
   */
  Set<Phase> inFlight() {
    Set<Phase> phases = EnumSet.noneOf(Phase.class);
    for (Phase phase : checkpoints.keySet()) {
      if (latestBatch.get(phase) > latestCommit.get(phase)) {
        phases.add(phase);
      }
    }
    for (Phase phase : List.of(Phase.GOLD_REFRESH, Phase.PUBLISH)) {
      if (startedAtPoll.getOrDefault(phase, -1L) > endedAtPoll.getOrDefault(phase, -1L)) {
        phases.add(phase);
      }
    }
    return phases;
  }

  /** The phases under way, in words, e.g. {@code silver batch 7, publish (after movies)}. */
  String describe() {
    List<String> parts = new ArrayList<>();
    for (Phase phase : inFlight()) {
      parts.add(
          switch (phase) {
            case BRONZE, SILVER, GOLD_WINDOWS -> phase.label() + " " + latestBatch.get(phase);
            case GOLD_REFRESH -> phase.label() + " (writing " + refreshWriting + ")";
            case PUBLISH ->
                phase.label()
                    + (publishing.isEmpty()
                        ? " (" + lastPublished + " done, the next under way)"
                        : " (writing " + publishing + ")");
          });
    }
    return parts.isEmpty() ? "nothing (between batches)" : String.join(", ", parts);
  }

  private void started(Phase phase) {
    starts.merge(phase, 1, Integer::sum);
    startedAtPoll.put(phase, polls);
  }

  /** The highest batch id among a checkpoint log's files; Spark's temporary files are skipped. */
  private static OptionalLong latest(Path folder) {
    if (!Files.isDirectory(folder)) {
      return OptionalLong.empty();
    }
    try (Stream<Path> files = Files.list(folder)) {
      return files
          .map(file -> file.getFileName().toString())
          .filter(name -> !name.isEmpty() && name.chars().allMatch(Character::isDigit))
          .mapToLong(Long::parseLong)
          .max();
    } catch (NoSuchFileException e) {
      return OptionalLong.empty();
    } catch (IOException | UncheckedIOException e) {
      return OptionalLong.empty(); // a file renamed under the listing: the next poll sees it
    }
  }

  /** Which writing of a batch's offsets file this is: its id and modification time. */
  private static String version(Path offsets, long batch) {
    if (batch < 0) {
      return "";
    }
    try {
      return batch + "@" + Files.getLastModifiedTime(offsets.resolve(Long.toString(batch)));
    } catch (IOException e) {
      return ""; // removed under the listing: the next poll sees what replaced it
    }
  }

  /** The data files of the gold tables a refresh writes. */
  private List<Path> refreshFiles() {
    if (!Files.isDirectory(goldFolder)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(goldFolder)) {
      return files
          .filter(
              file -> {
                Path relative = goldFolder.relativize(file);
                return relative.getNameCount() > 2
                    && refreshedTables.contains(relative.getName(0).toString())
                    && relative.getName(1).toString().equals("data")
                    && file.getFileName().toString().endsWith(".parquet");
              })
          .toList();
    } catch (IOException | UncheckedIOException e) {
      return List.of(); // a folder changed under the walk: the next poll sees it
    }
  }

  private List<String> newLogLines() {
    List<String> lines = new ArrayList<>();
    try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
      long length = file.length();
      if (length <= logOffset) {
        return lines;
      }
      byte[] bytes = new byte[(int) (length - logOffset)];
      file.seek(logOffset);
      file.readFully(bytes);
      logOffset = length;
      byte[] text = new byte[partialLine.length + bytes.length];
      System.arraycopy(partialLine, 0, text, 0, partialLine.length);
      System.arraycopy(bytes, 0, text, partialLine.length, bytes.length);
      int start = 0;
      for (int index = 0; index < text.length; index++) {
        if (text[index] == '\n') {
          lines.add(new String(text, start, index - start, StandardCharsets.UTF_8));
          start = index + 1;
        }
      }
      partialLine = Arrays.copyOfRange(text, start, text.length);
    } catch (IOException e) {
      // Not written yet: nothing to read.
    }
    return lines;
  }
}
