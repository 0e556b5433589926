package dev.movielake.app.stack;

import dev.movielake.app.PipelineCommand;
import dev.movielake.app.cli.LakehouseCommand;
import dev.movielake.cli.Json;
import dev.movielake.cli.JsonOption;
import dev.movielake.cli.TextTable;
import dev.movielake.config.ConfigurationVariables;
import dev.movielake.ops.stack.LocalStack;
import dev.movielake.ops.stack.StackEnvironment;
import dev.movielake.ops.stack.StackState;
import dev.movielake.ops.stack.StackStatus;
import dev.movielake.ops.stack.StackSupervisor;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code pipeline stack up|down|status|env}: the production-like services on this machine, run by
 * one supervisor process in the background, so they outlive the command that started them. The
 * supervisor, the stack and its files are in {@code dev.movielake.ops.stack}; this prints them.
 */
@Command(
    name = "stack",
    description = {
      "Start, inspect and stop a local production-like stack without Docker.",
      "PostgreSQL, a Hive Metastore, an S3 server, Kafka and a MongoDB-compatible server, with all"
          + " data",
      "under one folder."
    },
    subcommands = {
      StackCommand.Up.class,
      StackCommand.Down.class,
      StackCommand.Status.class,
      StackCommand.Environment.class,
      StackCommand.Supervise.class
    })
public final class StackCommand {
  /**
   * A constant expression, as picocli's annotations need, naming the variable as
   * ConfigurationVariables lists it.
   */
  public static final String FOLDER_DEFAULT =
      "${env:" + ConfigurationVariables.STACK_HOME + ":-lakehouse/stack}";

  private static final Set<String> SECRETS =
      Set.of("ICEBERG_S3_ACCESS_KEY", "ICEBERG_S3_SECRET_KEY");

  private StackCommand() {}

  @Command(
      name = "up",
      description =
          "Start the stack in the background (or report the one already running) and "
              + "print how to point the pipeline at it.")
  static final class Up extends LakehouseCommand {
    @Mixin StackFolder folder;

    @Override
    protected int run() {
      Path home = folder.path();
      if (StackState.running(home).isPresent()) {
        out().println("The stack in " + home + " is already running.");
        printUsage(out(), folder);
        return 0;
      }
      StackState state =
          StackSupervisor.launch(
              home,
              PipelineCommand.class.getName(),
              List.of("stack", "supervise", "--folder", home.toString()),
              new StackSupervisor.Progress() {
                @Override
                public void started(long pid) {
                  err()
                      .println(
                          "Starting the stack in " + home + " (supervisor pid " + pid + ") ...");
                  err().flush();
                }

                @Override
                public void step(String line) {
                  err().println("  " + line);
                  err().flush();
                }
              });
      out().println("The stack is up.");
      printServices(out(), state);
      printUsage(out(), folder);
      return 0;
    }
  }

  @Command(
      name = "down",
      description = "Stop the stack and every process it started; the data stays in its folder.")
  static final class Down extends LakehouseCommand {
    @Mixin StackFolder folder;

    @Override
    protected int run() {
      Path home = folder.path();
      StackSupervisor.Stop stop =
          StackSupervisor.stop(
              home,
              pid -> {
                err()
                    .println("Stopping the stack in " + home + " (supervisor pid " + pid + ") ...");
                err().flush();
              });
      if (!stop.wasRunning()) {
        out().println("No stack is running in " + home + ".");
        return 0;
      }
      String killed =
          stop.killed() > 0 ? " (" + stop.killed() + " process(es) had to be killed)" : "";
      out().println("The stack is stopped" + killed + "; its data stays in " + home + ".");
      return 0;
    }
  }

  @Command(
      name = "status",
      description = "Show whether the stack runs and whether each service answers.")
  static final class Status extends LakehouseCommand {
    @Mixin StackFolder folder;

    @Mixin JsonOption json;

    @Override
    protected int run() {
      Path home = folder.path();
      StackStatus status = StackStatus.of(home);
      if (json.enabled()) {
        Json.print(out(), status);
      } else {
        out()
            .println(
                "Stack in "
                    + home
                    + ": "
                    + status.state()
                    + (status.running() ? ", every service answers" : ""));
        if (!status.services().isEmpty()) {
          TextTable table = new TextTable("service", "address", "pid", "state");
          for (StackStatus.ServiceStatus service : status.services()) {
            table.row(
                service.name(),
                service.address(),
                service.pid(),
                service.answers() ? "up" : service.processAlive() ? "not answering" : "down");
          }
          table.print(out());
        }
      }
      out().flush();
      return status.running() ? 0 : 3;
    }
  }

  @Command(
      name = "env",
      description =
          "Print the variables that point the pipeline at the running stack "
              + "(including the S3 keys: for a shell, 'eval \"$(./pipeline stack env)\"').")
  static final class Environment extends LakehouseCommand {
    @Mixin StackFolder folder;

    @Override
    protected int run() {
      Path home = folder.path();
      if (StackState.running(home).isEmpty()) {
        throw new IllegalStateException(
            "no stack is running in " + home + "; start one with 'pipeline stack up'");
      }
      StackEnvironment.read(home)
          .forEach(
              (key, value) ->
                  out().println("export " + key + "='" + value.replace("'", "'\\''") + "'"));
      out().flush();
      return 0;
    }
  }

  /**
   * The background process that owns the services; {@code up} starts it, SIGTERM ({@code down})
   * ends it.
   */
  @Command(
      name = "supervise",
      hidden = true,
      description = "Run the stack in this process until stopped.")
  static final class Supervise extends LakehouseCommand {
    @Option(names = "--folder", required = true)
    Path folder;

    @Override
    protected int run() {
      StackSupervisor.supervise(
          folder.toAbsolutePath().normalize(),
          services -> {
            err().println("stack ready: " + services);
            err().flush();
          });
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
    StackEnvironment.read(home)
        .forEach((key, value) -> shown.put(key, SECRETS.contains(key) ? "****" : value));
    out.println();
    out.println("Its variables (secrets masked) are in " + StackEnvironment.file(home) + ":");
    shown.forEach((key, value) -> out.println("  " + key + "=" + value));
    out.println();
    out.println(
        "Run the pipeline on it:  PIPELINE_ENV_FILE="
            + StackEnvironment.file(home)
            + " ./pipeline demo   (or: ./pipeline demo --stack"
            + folder.given("--stack-folder")
            + ")");
    out.println(
        "In a shell:              eval \"$(./pipeline stack env"
            + folder.given("--folder")
            + ")\"");
    out.println("Stop it:                 ./pipeline stack down" + folder.given("--folder"));
    out.flush();
  }
}
