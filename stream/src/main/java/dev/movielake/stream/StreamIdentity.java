package dev.movielake.stream;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * A stream's identity, kept in its checkpoint folder: the same across restarts of one checkpoint,
 * new with a new checkpoint. Commits mark themselves with it and the batch id, which is how a batch
 * replayed after a crash recognises what its earlier attempt already committed.
 */
public final class StreamIdentity {
  private static final String FILE = "movielake-stream-id";

  private StreamIdentity() {}

  public static String of(Path checkpoint) {
    Path file = checkpoint.resolve(FILE);
    try {
      Files.createDirectories(checkpoint);
      if (!Files.exists(file)) {
        Files.writeString(file, UUID.randomUUID().toString(), StandardCharsets.UTF_8);
      }
      return Files.readString(file, StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create the stream id in " + checkpoint, e);
    }
  }
}
