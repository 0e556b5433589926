package dev.movielake.app.stack;

import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The {@code --folder} option every stack command shares. */
public final class StackFolder {
  @Option(
      names = "--folder",
      defaultValue = StackCommand.FOLDER_DEFAULT,
      description =
          "Where the stack keeps its data and logs (default ${DEFAULT-VALUE}; env"
              + " LAKEHOUSE_STACK_HOME).")
  Path folder;

  @Spec(Spec.Target.MIXEE)
  CommandSpec command;

  Path path() {
    return folder.toAbsolutePath().normalize();
  }

  /**
   * What the hints a command prints must repeat so that they reach this stack: the folder when it
   * was given on the command line (the default and LAKEHOUSE_STACK_HOME reach it without).
   */
  String given(String optionName) {
    boolean explicit =
        command != null
            && command.commandLine() != null
            && command.commandLine().getParseResult() != null
            && command.commandLine().getParseResult().hasMatchedOption("--folder");
    return explicit ? " " + optionName + " " + path() : "";
  }
}
