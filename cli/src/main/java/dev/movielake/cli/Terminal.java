package dev.movielake.cli;

/**
 * Whether progress may be drawn as a bar (carriage-return redraws) rather than printed as lines.
 */
public final class Terminal {
  private Terminal() {}

  /**
   * Java cannot ask whether stderr alone is a terminal; a console exists only when stdin and stdout
   * are one, which is the case for an interactive run and not for pipes, redirects or CI.
   */
  public static boolean interactive() {
    return System.console() != null && !"dumb".equals(System.getenv("TERM"));
  }
}
