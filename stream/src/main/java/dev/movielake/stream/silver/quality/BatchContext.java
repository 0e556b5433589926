package dev.movielake.stream.silver.quality;

import dev.movielake.lakehouse.IcebergStorageManager;
import dev.movielake.model.Layer;
import dev.movielake.model.PipelineTable;
import java.time.Instant;
import java.util.Optional;

/**
 * What judging a batch as a whole needs beyond its rows: the silver tables its references point to,
 * the table's previous batches, the time freshness is measured at, and the size from which a batch
 * is judged at all. Given to {@link QualityCheck#evaluate(org.apache.spark.sql.Dataset,
 * BatchContext)} per batch, so the check holds no state of its own and a test builds one by hand.
 *
 * @param storage where the parent tables of references are read
 * @param table the table the batch is for; a reference to it also finds keys in the batch itself
 * @param checkedAt the time a batch's freshness is measured at
 * @param minimumRows batches with fewer rows have no batch verdict: a share of a handful of rows is
 *     noise
 * @param history the row counts of the table's previous batches
 * @param arrivals what arrived before silver kept one version per key: how a storm of repeated keys
 *     is seen, since the rows checked have each key once
 */
public record BatchContext(
    IcebergStorageManager storage,
    PipelineTable table,
    Instant checkedAt,
    int minimumRows,
    BatchHistory history,
    Optional<Arrivals> arrivals) {

  /**
   * The records a batch brought, and how many keys among them.
   *
   * @param rows records as they arrived
   * @param distinctKeys how many different keys they have
   */
  public record Arrivals(long rows, long distinctKeys) {}

  /** A context without arrivals: the rows checked are what arrived. */
  public BatchContext(
      IcebergStorageManager storage,
      PipelineTable table,
      Instant checkedAt,
      int minimumRows,
      BatchHistory history) {
    this(storage, table, checkedAt, minimumRows, history, Optional.empty());
  }

  public BatchContext {
    if (minimumRows < 1) {
      throw new IllegalArgumentException("minimumRows must be 1 or more: " + minimumRows);
    }
  }

  /**
   * A silver batch's context, its history read from {@code silver.data_quality}: the batches of the
   * table logged before {@code batch}.
   */
  public static BatchContext of(
      IcebergStorageManager storage,
      PipelineTable table,
      String batch,
      Instant checkedAt,
      int minimumRows,
      Arrivals arrivals) {
    return new BatchContext(
        storage,
        table,
        checkedAt,
        minimumRows,
        new QualityLog(storage).history(Layer.SILVER, table, batch),
        Optional.of(arrivals));
  }
}
