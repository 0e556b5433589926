package dev.movielake.stream.audit;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Where an audited batch stands. */
public enum AuditState {
  /** Its expectations held: fast-forwarded to {@code main}. */
  PASSED,
  /** An expectation with action {@code FAIL} failed: the batch waits on its branch. */
  HELD,
  /** An operator published the held batch anyway. */
  RELEASED,
  /** An operator dropped the held batch: its branch is gone, the stream moved past it. */
  DISCARDED;

  /** Decided for good: nothing more happens to the batch. */
  public boolean settled() {
    return this != HELD;
  }

  /** As the audit log, the API and JSON output write it. */
  @JsonValue
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static AuditState of(String id) {
    for (AuditState state : values()) {
      if (state.id().equalsIgnoreCase(id)) {
        return state;
      }
    }
    throw new IllegalArgumentException(
        "unknown audit state '" + id + "'; use passed, held, released or discarded");
  }
}
