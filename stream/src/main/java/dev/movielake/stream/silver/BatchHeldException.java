package dev.movielake.stream.silver;

import dev.movielake.model.PipelineTable;
import dev.movielake.stream.silver.quality.QualityCheck;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A silver batch that failed an expectation with action {@code FAIL}: nothing of it was written,
 * and the stream stops on it, so that it is neither lost nor published. The failures are in {@code
 * silver.data_quality} under the batch's name; once the source is fixed, or the expectation
 * changed, the restarted stream writes the batch exactly once.
 */
public final class BatchHeldException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public BatchHeldException(
      PipelineTable table, String batch, List<QualityCheck.RuleResult> failures) {
    super(
        "silver."
            + table.tableName()
            + " batch "
            + batch
            + " is held, nothing of it was written: "
            + failures.stream()
                .map(
                    failure ->
                        "expectation "
                            + failure.expectation().name()
                            + (failure.observed().isPresent() ? " not met: " : " ")
                            + failure.describe())
                .collect(Collectors.joining("; "))
            + ". The stream stops on this batch (its pass rates are in silver.data_quality under"
            + " the batch's name); fix the source and restart the stream to write it.");
  }
}
