package dev.movielake.app.stack;

import dev.movielake.app.PipelineCommand;
import dev.movielake.app.cli.LakehouseCommand;
import dev.movielake.cli.Json;
import dev.movielake.cli.JsonOption;
import dev.movielake.cli.TextTable;
import dev.movielake.config.EnvironmentSource;
import dev.movielake.infra.process.ChildJvm;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code pipeline stack up|down|status|env}: the production-like services on this machine, run by
 * one supervisor process in the background, so they outlive the command that started them.
 */
@Command(
    name = "stack",
    description = {"Start, inspect and stop a local production-like stack without Docker.",
        "PostgreSQL, a Hive Metastore, an S3 server, Kafka and a MongoDB-compatible server, with all data",
        "under one folder."},
    subcommands = {
      StackCommand.Up.class, StackCommand.Down.class, StackCommand.Status.class, StackCommand.Environment.class,
      StackCommand.Supervise.class
    })
public final class StackCommand {
  public static final String FOLDER_DEFAULT = "${env:LAKEHOUSE_STACK_HOME:-lakehouse/stack}";
  private static final Duration START_TIMEOUT = Duration.ofMinutes(4);
  private static final Duration STOP_TIMEOUT = Duration.ofMinutes(1);
  private static final Set<String> SECRETS = Set.of("ICEBERG_S3_ACCESS_KEY", "ICEBERG_S3_SECRET_KEY");

  private StackCommand() {}

  /** The stack's state when its supervisor is alive and every service has started. */
  public static Optional<StackState> running(Path folder) {
    return StackState.read(folder)
        .filter(state -> state.status() == StackState.Status.READY && state.supervisorAlive());
  }

  /** The variables written by a running stack (see {@code stack env}). */
  public static Map<String, String> environment(Path folder) {
    try {
      return new TreeMap<>(EnvironmentSource.parse(Files.readAllLines(folder.resolve(StackState.ENVIRONMENT_FILE))));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the stack's variables in " + folder, e);
    }
  }

  static void writeEnvironment(Path folder, Map<String, String> environment) {
    List<String> lines = new ArrayList<>();
    lines.add("# Points the pipeline at the local stack in " + folder + " (written by 'pipeline stack up').");
    lines.add("# Use: PIPELINE_ENV_FILE=" + folder.resolve(StackState.ENVIRONMENT_FILE) + " ./pipeline demo");
    environment.forEach((key, value) -> lines.add(key + "=" + value));
    Path file = folder.resolve(StackState.ENVIRONMENT_FILE);
    try {
      Files.deleteIfExists(file);
      Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.write(file, lines, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  @Command(name = "up", description = "Start the stack in the background (or report the one already running) and "
      + "print how to point the pipeline at it.")
  static final class Up extends LakehouseCommand {
    @Mixin StackFolder folder;

    @Override
    protected int run() {
      Path home = folder.path();
      if (running(home).isPresent()) {
        out().println("The stack in " + home + " is already running.");
        printUsage(out(), folder);
        return 0;
      }
      StackState.read(home).filter(StackState::supervisorAlive).ifPresent(state -> {
        throw new IllegalStateException("a stack supervisor (pid " + state.supervisorPid() + ") is still "
            + state.status().name().toLowerCase() + " in " + home + "; wait, or run 'pipeline stack down' first");
      });
      StackState.delete(home);
      ChildJvm supervisor = ChildJvm.start(PipelineCommand.class.getName(),
          List.of("stack", "supervise", "--folder", home.toString()), Map.of(), home.resolve("logs").resolve("stack.log"));
      err().println("Starting the stack in " + home + " (supervisor pid " + supervisor.pid() + ") ...");
      err().flush();
      int printed = 0;
      Instant deadline = Instant.now().plus(START_TIMEOUT);
      while (Instant.now().isBefore(deadline)) {
        Optional<StackState> state = StackState.read(home).filter(s -> s.supervisorPid() == supervisor.pid());
        if (state.isPresent()) {
          for (; printed < state.get().progress().size(); printed++) {
            err().println("  " + state.get().progress().get(printed));
            err().flush();
          }
          if (state.get().status() == StackState.Status.READY) {
            out().println("The stack is up.");
            printServices(out(), state.get());
            printUsage(out(), folder);
            return 0;
          }
          if (state.get().status() == StackState.Status.FAILED) {
            throw new IllegalStateException("the stack failed to start: " + state.get().error().orElse("(no reason)")
                + "; its log is " + supervisor.log());
          }
        }
        if (!supervisor.isAlive()) {
          throw new IllegalStateException("the stack supervisor ended while starting; the end of its log "
              + supervisor.log() + ":\n" + supervisor.logTail());
        }
        sleep(Duration.ofMillis(300));
      }
      supervisor.stop(STOP_TIMEOUT);
      throw new IllegalStateException("the stack did not start within " + START_TIMEOUT.toMinutes()
          + " minutes and was stopped; see " + supervisor.log());
    }
  }

  @Command(name = "down", description = "Stop the stack and every process it started; the data stays in its folder.")
  static final class Down extends LakehouseCommand {
    @Mixin StackFolder folder;

    @Override
    protected int run() {
      Path home = folder.path();
      Optional<StackState> state = StackState.read(home);
      if (state.isEmpty() || !state.get().supervisorAlive()) {
        state.ifPresent(s -> killLeftovers(s));
        StackState.delete(home);
        out().println("No stack is running in " + home + ".");
        return 0;
      }
      ProcessHandle supervisor = ProcessHandle.of(state.get().supervisorPid()).orElseThrow();
      err().println("Stopping the stack in " + home + " (supervisor pid " + supervisor.pid() + ") ...");
      err().flush();
      supervisor.destroy(); // SIGTERM: its shutdown hook stops the services in order
      Instant deadline = Instant.now().plus(STOP_TIMEOUT);
      while (supervisor.isAlive() && Instant.now().isBefore(deadline)) {
        sleep(Duration.ofMillis(200));
      }
      if (supervisor.isAlive()) {
        supervisor.destroyForcibly();
      }
      int killed = killLeftovers(state.get());
      StackState.delete(home);
      out().println("The stack is stopped" + (killed > 0 ? " (" + killed + " process(es) had to be killed)" : "")
          + "; its data stays in " + home + ".");
      return 0;
    }

    private static int killLeftovers(StackState state) {
      int killed = 0;
      for (LocalStack.Service service : state.services()) {
        Optional<ProcessHandle> process = ProcessHandle.of(service.pid()).filter(ProcessHandle::isAlive);
        if (process.isPresent() && service.pid() != state.supervisorPid()) {
          process.get().destroyForcibly();
          killed++;
        }
      }
      return killed;
    }
  }

  @Command(name = "status", description = "Show whether the stack runs and whether each service answers.")
  static final class Status extends LakehouseCommand {
    @Mixin StackFolder folder;

    @Mixin JsonOption json;

    /** One service as seen now. */
    record ServiceStatus(String name, String address, long pid, boolean processAlive, boolean answers) {}

    /** The whole answer of {@code status --json}. */
    record StackStatus(String folder, boolean running, String state, Optional<Long> supervisorPid,
        List<ServiceStatus> services) {}

    @Override
    protected int run() {
      Path home = folder.path();
      Optional<StackState> state = StackState.read(home);
      List<ServiceStatus> services = new ArrayList<>();
      boolean alive = state.map(StackState::supervisorAlive).orElse(false);
      for (LocalStack.Service service : state.map(StackState::services).orElse(List.of())) {
        boolean processAlive = ProcessHandle.of(service.pid()).map(ProcessHandle::isAlive).orElse(false);
        services.add(new ServiceStatus(service.name(), service.address(), service.pid(), processAlive,
            processAlive && answers(service.address())));
      }
      boolean running = alive && state.get().status() == StackState.Status.READY
          && services.stream().allMatch(ServiceStatus::answers);
      String described = state.isEmpty() ? "not running" : alive ? state.get().status().name().toLowerCase() : "stopped";
      StackStatus status = new StackStatus(home.toString(), running, described,
          state.filter(s -> alive).map(StackState::supervisorPid), services);
      if (json.enabled()) {
        Json.print(out(), status);
      } else {
        out().println("Stack in " + home + ": " + described + (running ? ", every service answers" : ""));
        if (!services.isEmpty()) {
          TextTable table = new TextTable("service", "address", "pid", "state");
          for (ServiceStatus service : services) {
            table.row(service.name(), service.address(), service.pid(),
                service.answers() ? "up" : service.processAlive() ? "not answering" : "down");
          }
          table.print(out());
        }
      }
      out().flush();
      return running ? 0 : 3;
    }
  }

  @Command(name = "env", description = "Print the variables that point the pipeline at the running stack "
      + "(including the S3 keys: for a shell, 'eval \"$(./pipeline stack env)\"').")
  static final class Environment extends LakehouseCommand {
    @Mixin StackFolder folder;

    @Override
    protected int run() {
      Path home = folder.path();
      if (running(home).isEmpty()) {
        throw new IllegalStateException("no stack is running in " + home + "; start one with 'pipeline stack up'");
      }
      environment(home).forEach((key, value) -> out().println("export " + key + "='" + value.replace("'", "'\\''") + "'"));
      out().flush();
      return 0;
    }
  }

  /** The background process that owns the services; {@code up} starts it, SIGTERM ({@code down}) ends it. */
  @Command(name = "supervise", hidden = true, description = "Run the stack in this process until stopped.")
  static final class Supervise extends LakehouseCommand {
    @Option(names = "--folder", required = true)
    Path folder;

    @Override
    protected int run() {
      Path home = folder.toAbsolutePath().normalize();
      long pid = ProcessHandle.current().pid();
      StackState[] state = {StackState.starting(pid)};
      state[0].write(home);
      LocalStack stack;
      try {
        stack = LocalStack.start(home, step -> {
          state[0] = state[0].step(step);
          state[0].write(home);
        });
      } catch (RuntimeException e) {
        state[0].with(StackState.Status.FAILED, Optional.of(String.valueOf(e.getMessage())), List.of()).write(home);
        throw e;
      }
      CountDownLatch stopped = new CountDownLatch(1);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          stack.close();
        } finally {
          state[0].with(StackState.Status.STOPPED, Optional.empty(), state[0].services()).write(home);
          stopped.countDown();
        }
      }, "stack-shutdown"));
      writeEnvironment(home, stack.environment());
      state[0] = state[0].with(StackState.Status.READY, Optional.empty(), stack.services());
      state[0].write(home);
      err().println("stack ready: " + stack.services());
      err().flush();
      try {
        stopped.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return 0;
    }
  }

  static void printServices(PrintWriter out, StackState state) {
    TextTable table = new TextTable("service", "address", "pid");
    for (LocalStack.Service service : state.services()) {
      table.row(service.name(), service.address(), service.pid());
    }
    table.print(out);
  }

  static void printUsage(PrintWriter out, StackFolder folder) {
    Path home = folder.path();
    Map<String, String> shown = new LinkedHashMap<>();
    environment(home).forEach((key, value) -> shown.put(key, SECRETS.contains(key) ? "****" : value));
    out.println();
    out.println("Its variables (secrets masked) are in " + home.resolve(StackState.ENVIRONMENT_FILE) + ":");
    shown.forEach((key, value) -> out.println("  " + key + "=" + value));
    out.println();
    out.println("Run the pipeline on it:  PIPELINE_ENV_FILE=" + home.resolve(StackState.ENVIRONMENT_FILE)
        + " ./pipeline demo   (or: ./pipeline demo --stack" + folder.given("--stack-folder") + ")");
    out.println("In a shell:              eval \"$(./pipeline stack env" + folder.given("--folder") + ")\"");
    out.println("Stop it:                 ./pipeline stack down" + folder.given("--folder"));
    out.flush();
  }

  static boolean answers(String address) {
    try {
      URI uri = URI.create(address.startsWith("jdbc:") ? address.substring(5) : address.contains("://") ? address
          : "tcp://" + address.split(",")[0]);
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 1000);
        return true;
      }
    } catch (IOException | IllegalArgumentException e) {
      return false;
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
