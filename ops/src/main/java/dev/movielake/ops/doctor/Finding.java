package dev.movielake.ops.doctor;

import java.util.function.UnaryOperator;

/**
 * What one check found, in one line, and the fix in one line naming the variable or command to
 * change.
 *
 * @param check the dependency or table checked, e.g. {@code catalog} or {@code table silver.movies}
 * @param fix null when there is nothing to fix
 * @param elapsedMillis how long the check took
 */
public record Finding(String check, Status status, String found, String fix, long elapsedMillis) {

  public static Finding ok(String check, String found) {
    return new Finding(check, Status.OK, found, null, 0);
  }

  public static Finding warning(String check, String found, String fix) {
    return new Finding(check, Status.WARNING, found, fix, 0);
  }

  public static Finding broken(String check, String found, String fix) {
    return new Finding(check, Status.BROKEN, found, fix, 0);
  }

  public static Finding skipped(String check, String why) {
    return new Finding(check, Status.SKIPPED, why, null, 0);
  }

  /**
   * A failure from a message written as the project writes them, {@code <problem>: <fix>}: the
   * problem becomes what was found, the rest the fix.
   */
  public static Finding broken(String check, String message) {
    int colon = message.indexOf(": ");
    return colon < 0
        ? broken(check, message, null)
        : broken(check, message.substring(0, colon), message.substring(colon + 2));
  }

  Finding timed(long millis) {
    return new Finding(check, status, found, fix, millis);
  }

  Finding masked(UnaryOperator<String> mask) {
    return new Finding(
        check, status, mask.apply(found), fix == null ? null : mask.apply(fix), elapsedMillis);
  }
}
