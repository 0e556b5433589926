package dev.movielake.lakehouse.maintenance.service;

import java.util.Locale;

/** How a maintenance action ended. */
public enum Outcome {
  /** The action committed (or had nothing to commit). */
  DONE,
  /**
   * Another writer's commit refused part or all of it: the service tries again at the next check,
   * the writer never does.
   */
  CONFLICT,
  /** The table's turn did not come within the check interval: a batch in flight kept it. */
  BUSY,
  /** It failed for another reason, logged in the detail. */
  FAILED;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Outcome of(String id) {
    return valueOf(id.toUpperCase(Locale.ROOT));
  }
}
