package dev.movielake.ops.stack;

import dev.movielake.config.EnvironmentSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The variables that point the pipeline at a running stack, in its folder's {@code stack.env}:
 * written by the supervisor once the stack is ready, read by {@code stack env}, {@code stack up}
 * and {@code demo --stack}. Owner-only, since it holds the S3 keys.
 */
public final class StackEnvironment {
  private StackEnvironment() {}

  /** The variables written by a running stack. */
  public static Map<String, String> read(Path folder) {
    try {
      return new TreeMap<>(EnvironmentSource.parse(Files.readAllLines(file(folder))));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the stack's variables in " + folder, e);
    }
  }

  public static Path file(Path folder) {
    return folder.resolve(StackState.ENVIRONMENT_FILE);
  }

  static void write(Path folder, Map<String, String> environment) {
    List<String> lines = new ArrayList<>();
    lines.add(
        "# Points the pipeline at the local stack in "
            + folder
            + " (written by 'pipeline stack up').");
    lines.add("# Use: PIPELINE_ENV_FILE=" + file(folder) + " ./pipeline demo");
    environment.forEach((key, value) -> lines.add(key + "=" + value));
    Path file = file(folder);
    try {
      Files.deleteIfExists(file);
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.write(file, lines, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
