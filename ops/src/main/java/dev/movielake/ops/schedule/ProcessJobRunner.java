package dev.movielake.ops.schedule;

import dev.movielake.infra.process.ChildJvm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs a job's pipeline commands each in a JVM of its own, with this JVM's class path and options,
 * as {@code ./pipeline <command>} would: a crash or a leak in one run cannot take the scheduler
 * down, and a run past its timeout is stopped (SIGTERM, so the command stops cleanly, then
 * SIGKILL).
 */
public final class ProcessJobRunner implements JobRunner {
  private static final Duration STOP_GRACE = Duration.ofSeconds(60);

  /**
   * How long a stopping scheduler waits for its runs: past the commands' SIGKILL, so none is left
   * running.
   */
  public static final Duration SHUTDOWN_GRACE = STOP_GRACE.plusSeconds(30);

  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

  private final String pipelineMainClass;
  private final Path logFolder;
  private final Map<String, String> environment;
  private final Clock clock;

  /**
   * @param pipelineMainClass the main class of the {@code pipeline} command line the jobs' commands
   *     belong to; that command line is built on this module, so it names itself
   * @param environment set on top of this process's environment (e.g. the scheduler's shared Kafka)
   */
  public ProcessJobRunner(
      String pipelineMainClass, Path logFolder, Map<String, String> environment, Clock clock) {
    this.pipelineMainClass = pipelineMainClass;
    this.logFolder = logFolder;
    this.environment = Map.copyOf(environment);
    this.clock = clock;
  }

  @Override
  public Attempt run(ScheduledJob job, int attempt, Duration timeout) throws InterruptedException {
    Instant deadline = clock.instant().plus(timeout);
    Path log = null;
    String stamp = STAMP.format(clock.instant());
    List<String> options =
        ChildJvm.thisJvmOptions(
            option ->
                option.startsWith("--add-opens")
                    || option.startsWith("-D")
                    || option.startsWith("-Xmx")
                    || option.startsWith("-XX:"));
    for (int index = 0; index < job.commands().size(); index++) {
      List<String> command = job.commands().get(index);
      log =
          logFolder
              .resolve(job.name())
              .resolve(
                  stamp
                      + "-attempt"
                      + attempt
                      + "-"
                      + (index + 1)
                      + "-"
                      + String.join("-", command.subList(0, Math.min(2, command.size())))
                          .replaceAll("[^A-Za-z0-9-]", "")
                      + ".log");
      ChildJvm process =
          ChildJvm.start(
              System.getProperty("java.class.path"),
              options,
              pipelineMainClass,
              command,
              environment,
              log);
      Duration left = Duration.between(clock.instant(), deadline);
      boolean exited;
      try {
        exited = !left.isNegative() && process.waitFor(left);
      } catch (InterruptedException e) {
        process.stop(STOP_GRACE);
        throw new Stopped(Optional.of(log));
      }
      if (!exited) {
        process.stop(STOP_GRACE);
        return Attempt.timeout(
            "'pipeline "
                + String.join(" ", command)
                + "' still running after the timeout of "
                + (timeout.toMinutes() > 0
                    ? timeout.toMinutes() + " min"
                    : timeout.toSeconds() + " s")
                + " ("
                + job.job().timeoutVariable()
                + "); stopped",
            Optional.of(log));
      }
      if (process.exitCode() != 0) {
        return Attempt.failure(
            "'pipeline "
                + String.join(" ", command)
                + "' exited with "
                + process.exitCode()
                + errorLine(log).map(line -> ": " + line).orElse(""),
            Optional.of(log));
      }
    }
    return Attempt.success(Optional.ofNullable(log));
  }

  /**
   * The command's own error line ({@code error: ...}, secrets already masked), else its last line.
   */
  static Optional<String> errorLine(Path log) {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      for (int index = lines.size() - 1; index >= 0; index--) {
        if (lines.get(index).startsWith("error: ")) {
          return Optional.of(lines.get(index).substring("error: ".length()));
        }
      }
      return lines.stream().filter(line -> !line.isBlank()).reduce((first, second) -> second);
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
