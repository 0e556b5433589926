package dev.movielake.ops.doctor;

/** How a dependency fared, worst last: only {@link #BROKEN} makes the doctor fail. */
public enum Status {
  OK,
  /**
   * Works, but something should be looked at (small files, a missing topic, a disabled feature).
   */
  WARNING,
  /** Does not work: the pipeline's commands that need it fail. */
  BROKEN,
  /** Not checked because something it depends on is broken or it does not apply. */
  SKIPPED
}
