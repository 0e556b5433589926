package dev.movielake.stream.silver.quality;

import java.util.List;

/**
 * The row counts of a table's previous batches, which a batch's size is judged against ({@link
 * dev.movielake.model.expectation.BatchCheck.RowCount}). The pipeline reads them from {@code
 * silver.data_quality} ({@link QualityLog#history}); a test gives them by hand.
 */
@FunctionalInterface
public interface BatchHistory {
  /** None: no batch is judged on its size. */
  BatchHistory NONE = batches -> List.of();

  /**
   * The row counts of at most {@code batches} of the table's latest batches before the one being
   * checked, newest first.
   */
  List<Long> rowCounts(int batches);
}
