package dev.movielake.stream;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.UUID;

/**
 * A stream's identity, kept in its checkpoint folder: the same across restarts of one checkpoint,
 * new with a new checkpoint. Commits mark themselves with it and the batch id, which is how a batch
 * replayed after a crash recognises what its earlier attempt already committed.
 */
public final class StreamIdentity {
  private static final String FILE = "movielake-stream-id";

  private StreamIdentity() {}

  public static String of(CheckpointFolder checkpoint) {
    try {
      Optional<String> existing = checkpoint.read(FILE).map(String::strip);
      if (existing.isPresent() && !existing.get().isEmpty()) {
        return existing.get();
      }
      checkpoint.write(FILE, UUID.randomUUID().toString());
      return checkpoint.read(FILE).orElseThrow().strip();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot read or create the stream id in " + checkpoint + ": " + e.getMessage(), e);
    }
  }
}
