package dev.movielake.ingest.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The day incremental sync has reached, kept in a file and replaced atomically, so a crash leaves
 * either the old or the new day, never half of one, and a restart resumes from it.
 */
public final class SyncCursor {
  private final Path file;

  public SyncCursor(Path file) {
    this.file = file;
  }

  public Optional<LocalDate> read() {
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(LocalDate.parse(Files.readString(file, StandardCharsets.UTF_8).strip()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the sync cursor " + file, e);
    } catch (DateTimeParseException e) {
      throw new IllegalStateException(
          "the sync cursor "
              + file
              + " does not hold a date (YYYY-MM-DD); "
              + "fix or delete it, or pass --since",
          e);
    }
  }

  public void write(LocalDate day) {
    try {
      Files.createDirectories(file.getParent());
      Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
      Files.writeString(temporary, day.toString(), StandardCharsets.UTF_8);
      Files.move(
          temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the sync cursor " + file, e);
    }
  }
}
