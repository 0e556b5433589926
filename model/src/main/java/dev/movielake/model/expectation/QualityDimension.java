package dev.movielake.model.expectation;

/**
 * What an expectation measures; stored with each pass rate in {@code silver.data_quality} and named
 * in the quality monitor's failures, so a drop can be read by kind.
 */
public enum QualityDimension {
  COMPLETENESS,
  VALIDITY,
  RANGE,
  UNIQUENESS
}
