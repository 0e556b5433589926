package dev.movielake.ops.stack;

import dev.movielake.cli.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a stack's supervisor tells the other commands, in {@code stack.json}: its process, how far
 * its start has come, and its services. Written whole and renamed into place, so a reader never
 * sees half a file.
 */
public record StackState(
    long supervisorPid,
    Instant startedAt,
    Status status,
    List<String> progress,
    Optional<String> error,
    List<LocalStack.Service> services) {

  public enum Status {
    STARTING,
    READY,
    FAILED,
    STOPPED
  }

  public static final String FILE = "stack.json";

  /**
   * The variables that point the pipeline at the stack, written once it is ready (see {@link
   * StackEnvironment}).
   */
  public static final String ENVIRONMENT_FILE = "stack.env";

  public StackState {
    progress = List.copyOf(progress);
    services = List.copyOf(services);
  }

  public static StackState starting(long pid) {
    return new StackState(
        pid, Instant.now(), Status.STARTING, List.of(), Optional.empty(), List.of());
  }

  public StackState step(String line) {
    List<String> lines = new ArrayList<>(progress);
    lines.add(line);
    return new StackState(supervisorPid, startedAt, status, lines, error, services);
  }

  public StackState with(
      Status newStatus, Optional<String> newError, List<LocalStack.Service> newServices) {
    return new StackState(supervisorPid, startedAt, newStatus, progress, newError, newServices);
  }

  /** The stack's state when its supervisor is alive and every service has started. */
  public static Optional<StackState> running(Path folder) {
    return read(folder).filter(state -> state.status() == Status.READY && state.supervisorAlive());
  }

  /** True while the supervisor process lives. */
  public boolean supervisorAlive() {
    return ProcessHandle.of(supervisorPid).map(ProcessHandle::isAlive).orElse(false);
  }

  public void write(Path folder) {
    try {
      Files.createDirectories(folder);
      Path temporary = folder.resolve(FILE + ".tmp");
      Files.writeString(temporary, Json.text(this), StandardCharsets.UTF_8);
      Files.move(
          temporary,
          folder.resolve(FILE),
          StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the stack's state in " + folder, e);
    }
  }

  public static Optional<StackState> read(Path folder) {
    Path file = folder.resolve(FILE);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(Json.mapper().readValue(file.toFile(), StackState.class));
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot read the stack's state " + file + "; remove it if no stack runs", e);
    }
  }

  public static void delete(Path folder) {
    try {
      Files.deleteIfExists(folder.resolve(FILE));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove " + folder.resolve(FILE), e);
    }
  }
}
