package dev.movielake.model.expectation;

import java.time.Duration;

/**
 * The thresholds of the contract's batch expectations (see {@link TableExpectations}), one place
 * for the configuration to set them. The defaults pass every honest batch: TMDB and the simulator
 * always send a rating, a vote count, a popularity, a credit's name and a review's author, never a
 * rating outside 0 to 10, and silver cleans a batch to one row per key; what they catch is a source
 * gone wrong for a large part of a batch.
 *
 * @param minimumRows batch expectations judge only batches of at least this many rows: a share or
 *     an average of a handful of rows is noise
 * @param maxNullShare a batch with a larger share of rows lacking a required value is held
 * @param maxDuplicateShare a batch with a larger share of rows repeating a key is held
 * @param maxOutOfRangeShare a batch of movies with a larger share of ratings outside 0 to 10 (which
 *     silver clamps, and flags in {@code vote_average_out_of_range_flag}) is held
 * @param minAverageRating a batch of movies with at least {@code minimumRows} rated movies whose
 *     average rating is lower is held: ratings on another scale, or zeros sent for ratings
 * @param rowCountMinRatio a batch smaller than this times the median of the table's recent batches
 *     is counted as a warning
 * @param rowCountMaxRatio a batch larger than this times that median is counted as a warning
 * @param recentBatches how many of the table's previous batches the median is taken over; no
 *     verdict before the table has had that many
 * @param maxMissingReferenceShare a batch of credits or reviews with a larger share of rows whose
 *     movie silver does not have is counted as a warning (a credit may arrive before its movie)
 * @param maxBatchAge a batch whose newest observation is older is counted as a warning
 */
public record ExpectationSettings(
    int minimumRows,
    double maxNullShare,
    double maxDuplicateShare,
    double maxOutOfRangeShare,
    double minAverageRating,
    double rowCountMinRatio,
    double rowCountMaxRatio,
    int recentBatches,
    double maxMissingReferenceShare,
    Duration maxBatchAge) {

  /** The highest rating on TMDB's scale; the top of the average rating's band. */
  public static final double MAX_RATING = 10.0;

  public ExpectationSettings {
    if (minimumRows < 1) {
      throw new IllegalArgumentException("minimumRows must be 1 or more: " + minimumRows);
    }
    requireShare("maxNullShare", maxNullShare);
    requireShare("maxDuplicateShare", maxDuplicateShare);
    requireShare("maxOutOfRangeShare", maxOutOfRangeShare);
    requireShare("maxMissingReferenceShare", maxMissingReferenceShare);
    if (!(minAverageRating >= 0 && minAverageRating <= MAX_RATING)) {
      throw new IllegalArgumentException(
          "minAverageRating is a rating, 0 to " + MAX_RATING + ": " + minAverageRating);
    }
    if (!(rowCountMinRatio >= 0 && rowCountMinRatio <= 1)) {
      throw new IllegalArgumentException("rowCountMinRatio must be 0 to 1: " + rowCountMinRatio);
    }
    if (!(rowCountMaxRatio >= 1) || Double.isInfinite(rowCountMaxRatio)) {
      throw new IllegalArgumentException("rowCountMaxRatio must be 1 or more: " + rowCountMaxRatio);
    }
    if (recentBatches < 1) {
      throw new IllegalArgumentException("recentBatches must be 1 or more: " + recentBatches);
    }
    if (maxBatchAge.isNegative() || maxBatchAge.isZero()) {
      throw new IllegalArgumentException("maxBatchAge must be positive: " + maxBatchAge);
    }
  }

  /**
   * Judged from 20 rows on; held above half the rows lacking a value or repeating a key, above a
   * tenth of the ratings out of range, or below an average rating of 1 (the simulator rates from 1,
   * TMDB from 0.5); warned outside 0.05 to 20 times the median of the last 5 batches, above half
   * the rows missing their movie, or 24 hours after the newest observation.
   */
  public static ExpectationSettings defaults() {
    return new ExpectationSettings(
        20, 0.5, 0.5, 0.1, 1.0, 0.05, 20.0, 5, 0.5, Duration.ofHours(24));
  }

  private static void requireShare(String name, double share) {
    if (!(share >= 0 && share <= 1)) {
      throw new IllegalArgumentException(name + " is a share, 0 to 1: " + share);
    }
  }
}
