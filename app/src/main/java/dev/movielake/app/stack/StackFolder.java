package dev.movielake.app.stack;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --folder} option every stack command shares. */
public final class StackFolder {
  @Option(names = "--folder", defaultValue = StackCommand.FOLDER_DEFAULT,
      description = "Where the stack keeps its data and logs (default ${DEFAULT-VALUE}; env LAKEHOUSE_STACK_HOME).")
  Path folder;

  Path path() {
    return folder.toAbsolutePath().normalize();
  }
}
