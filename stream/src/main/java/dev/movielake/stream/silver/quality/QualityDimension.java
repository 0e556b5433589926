package dev.movielake.stream.silver.quality;

/**
 * What a quality rule measures; stored with each pass rate in {@code silver.data_quality} and named
 * in the quality monitor's failures, so a drop can be read by kind.
 */
public enum QualityDimension {
  COMPLETENESS,
  VALIDITY,
  RANGE,
  UNIQUENESS
}
