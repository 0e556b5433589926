package dev.movielake.infra.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A main class in a JVM of its own, with this JVM's class path and its {@code --add-opens} and
 * {@code -D} flags (Spark's), so it can be killed like a crashed process. Its output goes to a log
 * file.
 */
public final class ChildJvm {
  private final Process process;
  private final Path log;

  private ChildJvm(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  /**
   * @param environment variables set on top of this process's environment
   */
  public static ChildJvm start(
      String mainClass, List<String> arguments, Map<String, String> environment, Path log) {
    List<String> options =
        thisJvmOptions(option -> option.startsWith("--add-opens") || option.startsWith("-D"));
    options.add("-Xmx1500m");
    return start(
        System.getProperty("java.class.path"), options, mainClass, arguments, environment, log);
  }

  /**
   * The options this JVM was started with that {@code keep} accepts, for a child that needs the
   * same (Spark's).
   */
  public static List<String> thisJvmOptions(Predicate<String> keep) {
    List<String> options = new ArrayList<>();
    for (String option : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (keep.test(option)) {
        options.add(option);
      }
    }
    return options;
  }

  /**
   * A main class on a class path of its own (a server's, see {@link ServerClasspath}), with only
   * the given JVM options.
   */
  public static ChildJvm start(
      String classpath,
      List<String> jvmOptions,
      String mainClass,
      List<String> arguments,
      Map<String, String> environment,
      Path log) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(classpath);
    command.add(mainClass);
    command.addAll(arguments);
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().putAll(environment);
    try {
      Files.createDirectories(log.getParent());
      return new ChildJvm(builder.start(), log);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start a JVM for " + mainClass, e);
    }
  }

  public long pid() {
    return process.pid();
  }

  public Path log() {
    return log;
  }

  /** Waits for the JVM to exit; false if it is still running after {@code timeout}. */
  public boolean waitFor(Duration timeout) throws InterruptedException {
    return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** The exit code of a JVM that has exited. */
  public int exitCode() {
    return process.exitValue();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /**
   * SIGTERM, so the server runs its shutdown hooks; SIGKILL if it is still there after the grace
   * period.
   */
  public void stop(Duration grace) {
    process.destroy();
    try {
      if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        kill();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  /** SIGKILL, as a crash: no shutdown hook, no query stop, no flush. */
  public void kill() {
    process.destroyForcibly();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the JVM " + process.pid() + " outlived SIGKILL by 30 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while killing the JVM", e);
    }
  }

  /** The end of its output, for error messages. */
  public String logTail() {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return "(cannot read " + log + ": " + e.getMessage() + ")";
    }
  }
}
