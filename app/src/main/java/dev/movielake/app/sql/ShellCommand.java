package dev.movielake.app.sql;

import java.util.Locale;
import java.util.Optional;

/** The shell's own commands, which need no {@code ;}: leaving it and its help. */
enum ShellCommand {
  EXIT,
  HELP;

  /** The shell command a line holds, if it is one ({@code exit}, {@code quit}, {@code help}). */
  static Optional<ShellCommand> of(String line) {
    String word = line.strip().replaceFirst(";$", "").strip().toLowerCase(Locale.ROOT);
    return switch (word) {
      case "exit", "quit", "\\q" -> Optional.of(EXIT);
      case "help", "\\?", "\\h" -> Optional.of(HELP);
      default -> Optional.empty();
    };
  }
}
