package dev.movielake.config;

/**
 * How table data is written: file format and codec, file size, row-level delete mode, metadata
 * clean-up and commit retries. Applied as table properties when a table is created.
 */
public record TableFormatConfig(
    String fileFormat,
    String compressionCodec,
    long targetFileSizeBytes,
    String deleteMode,
    boolean metadataDeleteAfterCommit,
    int metadataPreviousVersionsMax,
    int commitRetries) {}
