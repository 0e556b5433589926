package dev.movielake.config;

import dev.movielake.model.Layer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Iceberg table properties each layer's tables are created with, as the original pipeline
 * defined them: bronze keeps full column metrics for replay and audits, silver keeps counts, gold
 * keeps truncated bounds and larger row groups for wide scans.
 */
public final class LayerTableProperties {
  private static final String COPY_ON_WRITE = "copy-on-write";

  private LayerTableProperties() {}

  public static Map<String, String> forLayer(LakehouseConfig config, Layer layer) {
    TableFormatConfig format = config.tableFormat();
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put("format-version", "2");
    properties.put("write.format.default", format.fileFormat());
    properties.put(
        "write." + format.fileFormat() + ".compression-codec", format.compressionCodec());
    properties.put("write.target-file-size-bytes", Long.toString(format.targetFileSizeBytes()));
    properties.putAll(rowLevelModes(config, layer));
    properties.put(
        "write.metadata.delete-after-commit.enabled",
        Boolean.toString(format.metadataDeleteAfterCommit()));
    properties.put(
        "write.metadata.previous-versions-max",
        Integer.toString(format.metadataPreviousVersionsMax()));
    properties.put(
        "history.expire.max-snapshot-age-ms",
        Long.toString(config.maintenance().retentionDays(layer) * 86_400_000L));
    properties.put("history.expire.min-snapshots-to-keep", "1");
    properties.put("commit.retry.num-retries", Integer.toString(format.commitRetries()));
    // Which concurrent commits a row-level write (MERGE, UPDATE, DELETE) must not overlook. Silver
    // and gold are upserted by key: two processes inserting the same new key must not both win,
    // so their writes are serializable (a conflict is planned again by the writer). Bronze is
    // only appended, by Kafka offset: an operator's DELETE there (an erasure request) targets rows
    // already landed, so snapshot isolation lets it commit beside the stream's appends instead of
    // failing on every new batch.
    String isolation = layer == Layer.BRONZE ? "snapshot" : "serializable";
    for (String operation : List.of("merge", "update", "delete")) {
      properties.put("write." + operation + ".isolation-level", isolation);
    }
    properties.put("write.metadata.metrics.default", metricsMode(layer));
    properties.put(rowGroupProperty(format.fileFormat()), Long.toString(rowGroupBytes(layer)));
    if (layer == Layer.BRONZE) {
      // Bronze is appended by streams in time order, a day or two per batch: writing each task's
      // rows straight into their partition's file (fanout) needs no shuffle, which the default
      // hash distribution would add to every micro-batch.
      properties.put("write.distribution-mode", "none");
      properties.put("write.spark.fanout.enabled", "true");
    }
    return properties;
  }

  /**
   * How DELETE, UPDATE and MERGE write, one setting for all three so they behave alike. Silver and
   * gold are copy-on-write whatever {@code ICEBERG_DELETE_MODE} says: their change feeds (gold
   * reads silver's, the publisher reads both) come from Iceberg's changelog scan, which cannot read
   * delete files. Bronze, only appended to by the streams, takes the configured mode for the rare
   * operator DELETE.
   */
  public static Map<String, String> rowLevelModes(LakehouseConfig config, Layer layer) {
    String mode = layer == Layer.BRONZE ? config.tableFormat().deleteMode() : COPY_ON_WRITE;
    Map<String, String> modes = new LinkedHashMap<>();
    for (String operation : List.of("delete", "update", "merge")) {
      modes.put("write." + operation + ".mode", mode);
    }
    return modes;
  }

  private static String metricsMode(Layer layer) {
    return switch (layer) {
      case BRONZE -> "full";
      case SILVER -> "counts";
      case GOLD -> "truncate(16)";
    };
  }

  private static long rowGroupBytes(Layer layer) {
    return switch (layer) {
      case BRONZE -> 134_217_728L;
      case SILVER -> 268_435_456L;
      case GOLD -> 536_870_912L;
    };
  }

  private static String rowGroupProperty(String fileFormat) {
    return switch (fileFormat) {
      case "orc" -> "write.orc.stripe-size-bytes";
      case "avro" -> "write.avro.block-size-bytes";
      default -> "write.parquet.row-group-size-bytes";
    };
  }
}
