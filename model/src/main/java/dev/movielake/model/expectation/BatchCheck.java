package dev.movielake.model.expectation;

import dev.movielake.model.Layer;
import dev.movielake.model.PipelineTable;
import java.time.Duration;
import java.util.List;

/**
 * A check of a batch as a whole: what no single row shows, but a source gone wrong does (a field
 * that stopped coming, ratings on another scale, a feed that shrank to nothing). A batch check is
 * judged only on batches of at least {@link ExpectationSettings#minimumRows()} rows, where a share
 * or an average means something; a smaller batch has no verdict.
 */
public sealed interface BatchCheck extends Check
    permits BatchCheck.NullShare,
        BatchCheck.DuplicateKeys,
        BatchCheck.RowCount,
        BatchCheck.Freshness,
        BatchCheck.References,
        BatchCheck.ValueBand {

  /** At most {@code maxShare} of the batch's rows have no value in the column. */
  record NullShare(String column, double maxShare) implements BatchCheck {
    public NullShare {
      Check.requireColumn(column);
      requireShare("maxShare", maxShare);
    }
  }

  /**
   * At most {@code maxShare} of the batch's rows repeat a key another row of the batch has. Silver
   * cleans a batch to one row per key, so a repeat there is the cleaner's fault, which the upsert
   * would otherwise meet as a MERGE matching one row twice.
   */
  record DuplicateKeys(List<String> key, double maxShare) implements BatchCheck {
    public DuplicateKeys {
      key = Check.requireColumns(key);
      requireShare("maxShare", maxShare);
    }
  }

  /**
   * The batch's row count is between {@code minRatio} and {@code maxRatio} times the median row
   * count of the table's last {@code recentBatches} batches; no verdict until the table has had
   * that many.
   */
  record RowCount(double minRatio, double maxRatio, int recentBatches) implements BatchCheck {
    public RowCount {
      if (!(minRatio >= 0 && minRatio <= 1) || !(maxRatio >= 1) || Double.isInfinite(maxRatio)) {
        throw new IllegalArgumentException(
            "a row count band needs 0 <= minRatio <= 1 <= maxRatio: " + minRatio + ", " + maxRatio);
      }
      if (recentBatches < 1) {
        throw new IllegalArgumentException("recentBatches must be 1 or more: " + recentBatches);
      }
    }
  }

  /** The newest value of the timestamp column in the batch is at most {@code maxAge} old. */
  record Freshness(String timestampColumn, Duration maxAge) implements BatchCheck {
    public Freshness {
      Check.requireColumn(timestampColumn);
      if (maxAge.isNegative() || maxAge.isZero()) {
        throw new IllegalArgumentException("maxAge must be positive: " + maxAge);
      }
    }
  }

  /**
   * At most {@code maxMissingShare} of the rows with a value in {@code column} name a key the
   * parent silver table does not have (nor the batch itself, when the parent is the batch's own
   * table): every credit's movie exists.
   */
  record References(PipelineTable parent, String column, double maxMissingShare)
      implements BatchCheck {
    public References {
      if (parent.layer() != Layer.SILVER || parent.key().size() != 1) {
        throw new IllegalArgumentException(
            "a reference names a silver table keyed by one column, not " + parent);
      }
      Check.requireColumn(column);
      requireShare("maxMissingShare", maxMissingShare);
    }
  }

  /**
   * A Spark SQL aggregate over the batch's rows (for example {@code avg(vote_average)}) is between
   * {@code min} and {@code max}; a null aggregate (no row to average) has no verdict. Written by
   * this code base, never taken from users.
   */
  record ValueBand(String aggregateSql, double min, double max) implements BatchCheck {
    public ValueBand {
      if (aggregateSql.isBlank()) {
        throw new IllegalArgumentException("a value band needs its aggregate's SQL");
      }
      if (!(min <= max) || Double.isNaN(min) || Double.isNaN(max)) {
        throw new IllegalArgumentException("a value band needs min <= max: " + min + ", " + max);
      }
    }
  }

  private static void requireShare(String name, double share) {
    if (!(share >= 0 && share <= 1)) {
      throw new IllegalArgumentException(name + " is a share, 0 to 1: " + share);
    }
  }
}
