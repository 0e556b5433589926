package dev.movielake.cli;

import picocli.CommandLine.Option;

/** {@code --json}: the command's data as JSON on stdout, for scripts, instead of a table. */
public final class JsonOption {
  @Option(names = "--json", description = "Print the result as JSON instead of a table.")
  boolean enabled;

  public boolean enabled() {
    return enabled;
  }
}
