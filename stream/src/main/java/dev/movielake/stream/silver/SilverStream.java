package dev.movielake.stream.silver;

import dev.movielake.lakehouse.IcebergStorageManager;
import dev.movielake.model.RecordType;
import dev.movielake.model.expectation.ExpectationSettings;
import dev.movielake.stream.CheckpointFolder;
import dev.movielake.stream.StreamIdentity;
import dev.movielake.stream.audit.AuditGate;
import dev.movielake.stream.bronze.BronzeTable;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.Trigger;

/**
 * One Structured Streaming query per silver table, reading its bronze table incrementally through
 * Iceberg's streaming source (each new bronze snapshot is new input). The checkpoint holds the last
 * bronze snapshot consumed, so a restart continues from there.
 */
public final class SilverStream {
  private final IcebergStorageManager storage;
  private final Clock clock;
  private final AuditGate gate;
  private final ExpectationSettings expectations;

  /**
   * @param gate what each batch's commits go through: its branch, then main, or held
   * @param expectations the thresholds each batch is judged by as a whole
   */
  public SilverStream(
      IcebergStorageManager storage,
      Clock clock,
      AuditGate gate,
      ExpectationSettings expectations) {
    this.storage = storage;
    this.clock = clock;
    this.gate = gate;
    this.expectations = expectations;
  }

  /**
   * @param maxRowsPerBatch bronze rows one micro-batch reads at most (whole files: a soft limit)
   */
  public StreamingQuery start(
      RecordType type,
      CheckpointFolder checkpoint,
      Trigger trigger,
      Optional<Long> maxRowsPerBatch) {
    try {
      return BronzeTable.readStream(storage, type, maxRowsPerBatch)
          .writeStream()
          .queryName("silver_" + type.recordType())
          .option("checkpointLocation", checkpoint.toString())
          .trigger(trigger)
          .foreachBatch(
              new SilverBatchWriter(
                  storage, type, StreamIdentity.of(checkpoint), clock, gate, expectations))
          .start();
    } catch (TimeoutException e) {
      throw new IllegalStateException(
          "the silver stream of "
              + type.requireSilverTable().tableName()
              + " did not start: "
              + e.getMessage(),
          e);
    }
  }
}
