package dev.movielake.model.expectation;

/** What a failed expectation does to the batch it was checked on. */
public enum ExpectationAction {
  /** Keeps the row and counts the failure: the expectation measures. */
  WARN,
  /** Keeps the row out of the table: it goes to quarantine with the expectations it failed. */
  DROP,
  /** Holds the whole batch: nothing of it is written while the failure stands. */
  FAIL
}
