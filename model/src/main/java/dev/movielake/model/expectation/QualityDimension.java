package dev.movielake.model.expectation;

/**
 * What an expectation measures; stored with each pass rate in {@code silver.data_quality} and named
 * in the quality monitor's failures, so a drop can be read by kind.
 */
public enum QualityDimension {
  COMPLETENESS,
  VALIDITY,
  RANGE,
  UNIQUENESS,
  /** A batch's size against the table's recent batches. */
  VOLUME,
  /** How old a batch's newest record is. */
  FRESHNESS,
  /** Rows agree with the tables they refer to: every credit's movie exists. */
  CONSISTENCY
}
