package dev.movielake.ops.schedule;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.movielake.cli.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduler's run history: one JSON object per line, appended under a file lock, so the
 * scheduler and a manual {@code schedule run} can write it at the same time and any tool can read
 * it.
 */
public final class RunHistory {
  private static final Logger LOG = LoggerFactory.getLogger(RunHistory.class);

  /**
   * The command line's JSON conventions, one object per line, and lines of later versions still
   * read.
   */
  private static final ObjectWriter WRITER =
      Json.mapper().writer().without(SerializationFeature.INDENT_OUTPUT);

  private static final ObjectReader READER =
      Json.mapper()
          .readerFor(RunRecord.class)
          .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private final Path file;

  public RunHistory(Path file) {
    this.file = file;
  }

  public Path file() {
    return file;
  }

  public synchronized void append(RunRecord record) {
    try {
      Files.createDirectories(file.getParent());
      byte[] line = (WRITER.writeValueAsString(record) + "\n").getBytes(StandardCharsets.UTF_8);
      try (FileChannel channel =
              FileChannel.open(
                  file,
                  StandardOpenOption.CREATE,
                  StandardOpenOption.WRITE,
                  StandardOpenOption.APPEND);
          FileLock ignored = channel.lock()) {
        channel.write(ByteBuffer.wrap(line));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot append to the schedule history " + file, e);
    }
  }

  /**
   * The newest runs first, at most {@code limit}, of one job or all. A damaged line is skipped with
   * a warning.
   */
  public List<RunRecord> read(Optional<String> job, int limit) {
    if (!Files.exists(file)) {
      return List.of();
    }
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the schedule history " + file, e);
    }
    List<RunRecord> records = new ArrayList<>();
    for (int index = lines.size() - 1; index >= 0 && records.size() < limit; index--) {
      String line = lines.get(index);
      if (line.isBlank()) {
        continue;
      }
      try {
        RunRecord record = READER.readValue(line);
        if (job.map(name -> name.equalsIgnoreCase(record.job())).orElse(true)) {
          records.add(record);
        }
      } catch (IOException e) {
        LOG.warn("skipping line {} of {}: not a run record ({})", index + 1, file, e.getMessage());
      }
    }
    return Collections.unmodifiableList(records);
  }
}
