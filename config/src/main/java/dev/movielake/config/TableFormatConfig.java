package dev.movielake.config;

/**
 * How table data is written: file format and codec, file size, row-level delete mode, metadata
 * clean-up and commit retries. Applied as table properties when a table is created, except {@code
 * writeConflictRetries}, which the writer applies on every write.
 *
 * @param commitRetries Iceberg's own retries of a commit that lost the race for the catalog pointer
 *     ({@code commit.retry.num-retries}): it re-applies the same files on the new metadata
 * @param writeConflictRetries the pipeline's retries of a whole write whose commit stays refused (a
 *     MERGE's validation found a concurrent commit that touches its rows, or Iceberg's own retries
 *     ran out): the write is planned again from the table's new state, after a backoff
 */
public record TableFormatConfig(
    String fileFormat,
    String compressionCodec,
    long targetFileSizeBytes,
    String deleteMode,
    boolean metadataDeleteAfterCommit,
    int metadataPreviousVersionsMax,
    int commitRetries,
    int writeConflictRetries) {}
