package dev.movielake.bench;

import dev.movielake.infra.process.ChildJvm;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The writer JVMs of one catalog's scenario: started together, released at once when every Spark
 * session is up, followed through their progress lines, and read for their outcomes.
 */
final class WriterProcesses {
  private static final long POLL_MILLIS = 250;

  /**
   * @param startup from launching the JVMs until all were ready and released
   * @param writing from the release until the last writer exited
   * @param reporting writers whose JVM ran to its outcome line
   */
  record Run(List<WriterOutcome> outcomes, int reporting, Duration startup, Duration writing) {}

  private final ConcurrencyPlan plan;
  private final String label;
  private final Map<String, String> environment;
  private final Path folder;
  private final List<String> jvmOptions;
  private final Duration timeout;

  /**
   * @param label the catalog's name in progress lines
   * @param environment the pipeline's configuration variables the writers read
   * @param folder receives the writers' logs and the control files
   * @param jvmOptions memory and compiler options of each writer JVM, beside Spark's flags
   */
  WriterProcesses(
      ConcurrencyPlan plan,
      String label,
      Map<String, String> environment,
      Path folder,
      List<String> jvmOptions,
      Duration timeout) {
    this.plan = plan;
    this.label = label;
    this.environment = Map.copyOf(environment);
    this.folder = folder;
    this.jvmOptions = List.copyOf(jvmOptions);
    this.timeout = timeout;
  }

  Run run(PrintWriter progress) throws InterruptedException {
    Path control = folder.resolve("control");
    createDirectories(control);
    List<String> options =
        ChildJvm.thisJvmOptions(
            option -> option.startsWith("--add-opens") || option.startsWith("-D"));
    options.addAll(jvmOptions);
    Map<ConcurrencyPlan.Writer, ChildJvm> jvms = new LinkedHashMap<>();
    Map<ConcurrencyPlan.Writer, LogFollower> logs = new LinkedHashMap<>();
    long launched = System.nanoTime();
    long released = 0;
    boolean stopped = false;
    try {
      for (ConcurrencyPlan.Writer writer : plan.writers()) {
        Path log = folder.resolve("logs").resolve(writer.name() + ".log");
        jvms.put(
            writer,
            ChildJvm.start(
                System.getProperty("java.class.path"),
                options,
                ConcurrentWriter.class.getName(),
                List.of(
                    writer.name(),
                    Integer.toString(plan.rowsPerRound()),
                    Integer.toString(plan.rounds()),
                    control.toString()),
                environment,
                log));
        logs.put(writer, new LogFollower(log));
      }
      Set<ConcurrencyPlan.Writer> ready = new HashSet<>();
      long deadline = launched + timeout.toNanos();
      while (true) {
        follow(logs, ready, progress);
        if (released == 0
            && jvms.entrySet().stream()
                .allMatch(jvm -> ready.contains(jvm.getKey()) || !jvm.getValue().isAlive())) {
          createFile(control.resolve(ConcurrentWriter.GO));
          released = System.nanoTime();
          say(
              progress,
              ready.size()
                  + " of "
                  + jvms.size()
                  + " writer JVMs ready after "
                  + seconds(released - launched)
                  + " s; writing");
        }
        if (released != 0
            && !stopped
            && jvms.entrySet().stream()
                .noneMatch(jvm -> jvm.getKey().writesRows() && jvm.getValue().isAlive())) {
          createFile(control.resolve(ConcurrentWriter.STOP));
          stopped = true;
          say(progress, "the data writers are done; stopping the compactor");
        }
        if (jvms.values().stream().noneMatch(ChildJvm::isAlive)) {
          break;
        }
        if (System.nanoTime() > deadline) {
          say(
              progress,
              "still running after " + timeout.toMinutes() + " minutes: killing the writers left");
          jvms.values().stream().filter(ChildJvm::isAlive).forEach(ChildJvm::kill);
          break;
        }
        Thread.sleep(POLL_MILLIS);
      }
      follow(logs, ready, progress);
    } finally {
      // An error in this JVM must not leave eight Spark JVMs behind.
      jvms.values().stream().filter(ChildJvm::isAlive).forEach(ChildJvm::kill);
    }
    long finished = System.nanoTime();
    List<WriterOutcome> outcomes = new ArrayList<>();
    int reporting = 0;
    for (Map.Entry<ConcurrencyPlan.Writer, ChildJvm> jvm : jvms.entrySet()) {
      Optional<WriterOutcome> outcome = outcome(jvm.getValue());
      reporting += outcome.isPresent() ? 1 : 0;
      outcomes.add(outcome.orElseGet(() -> silent(jvm.getKey(), jvm.getValue())));
    }
    if (reporting == 0) {
      ChildJvm first = jvms.values().iterator().next();
      throw new IllegalStateException(
          "no writer JVM of the "
              + label
              + " scenario ran to its end, so nothing was measured; the first one's log ("
              + first.log()
              + ") ends with:\n"
              + first.logTail());
    }
    return new Run(
        outcomes,
        reporting,
        Duration.ofNanos((released == 0 ? finished : released) - launched),
        Duration.ofNanos(released == 0 ? 0 : finished - released));
  }

  private void follow(
      Map<ConcurrencyPlan.Writer, LogFollower> logs,
      Set<ConcurrencyPlan.Writer> ready,
      PrintWriter progress) {
    logs.forEach(
        (writer, log) -> {
          for (String line : log.newLines()) {
            if (!line.startsWith(WriterOutcome.PROGRESS)) {
              continue;
            }
            String message = line.substring(WriterOutcome.PROGRESS.length());
            if (message.equals(WriterOutcome.READY)) {
              ready.add(writer);
            } else {
              say(progress, writer.name() + " " + message);
            }
          }
        });
  }

  private static Optional<WriterOutcome> outcome(ChildJvm jvm) {
    try {
      String text = new String(Files.readAllBytes(jvm.log()), StandardCharsets.UTF_8);
      return WriterOutcome.find(text.lines().toList());
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** A writer that printed no outcome: all its rounds count as failed. */
  private WriterOutcome silent(ConcurrencyPlan.Writer writer, ChildJvm jvm) {
    return WriterOutcome.withoutResult(
        writer.name(),
        writer.writesRows() ? plan.rounds() : 1,
        "its JVM ended (exit code "
            + jvm.exitCode()
            + ") without printing its outcome; see "
            + jvm.log());
  }

  private void say(PrintWriter progress, String line) {
    progress.println("    " + label + ": " + line);
    progress.flush();
  }

  private static String seconds(long nanos) {
    return String.format(Locale.ROOT, "%.1f", nanos / 1e9);
  }

  private static void createDirectories(Path folder) {
    try {
      Files.createDirectories(folder);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + folder, e);
    }
  }

  private static void createFile(Path file) {
    try {
      Files.writeString(file, "");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the control file " + file, e);
    }
  }

  /** The complete lines a log gained since the last call. */
  private static final class LogFollower {
    private final Path log;
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
    private long position;

    LogFollower(Path log) {
      this.log = log;
    }

    List<String> newLines() {
      List<String> lines = new ArrayList<>();
      if (!Files.exists(log)) {
        return lines;
      }
      try (SeekableByteChannel channel = Files.newByteChannel(log)) {
        channel.position(position);
        ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
        int read;
        while ((read = channel.read(buffer)) > 0) {
          position += read;
          buffer.flip();
          while (buffer.hasRemaining()) {
            byte next = buffer.get();
            if (next == '\n') {
              lines.add(partial.toString(StandardCharsets.UTF_8));
              partial.reset();
            } else {
              partial.write(next);
            }
          }
          buffer.clear();
        }
      } catch (IOException e) {
        // The log is read again on the next poll; the outcome is read from the whole file anyway.
      }
      return lines;
    }
  }
}
