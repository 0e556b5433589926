package dev.movielake.stream.silver.quality;

/** What a quality rule measures, as the original DataQualityRules grouped them. */
public enum QualityDimension {
  COMPLETENESS,
  VALIDITY,
  RANGE,
  UNIQUENESS
}
