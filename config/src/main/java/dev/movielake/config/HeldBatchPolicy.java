package dev.movielake.config;

import java.util.Locale;

/** What a stream does after its table's batch was held by an audit ({@code QUALITY_HELD_BATCH}). */
public enum HeldBatchPolicy {
  /**
   * The table's stream waits on the held batch until an operator releases or discards it, then goes
   * on; the other tables' streams keep flowing.
   */
  HOLD,
  /** The table's stream stops with the reason; started again after the decision, it goes on. */
  STOP;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
