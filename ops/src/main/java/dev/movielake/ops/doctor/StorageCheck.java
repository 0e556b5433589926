package dev.movielake.ops.doctor;

import dev.movielake.config.LakehouseConfig;
import dev.movielake.lakehouse.LakehouseException;
import dev.movielake.lakehouse.storage.ObjectStorageCheck;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The warehouse can be written: a local folder (or the folder it will be created in), or an S3
 * bucket that answers a HeadBucket with the configured keys, which catches a wrong endpoint, key or
 * bucket before a job fails on it. Nothing is created: a missing bucket is reported, not made.
 */
final class StorageCheck implements Check {
  private final Settings settings;
  private volatile boolean usable;

  StorageCheck(Settings settings) {
    this.settings = settings;
  }

  @Override
  public String name() {
    return "storage";
  }

  /** True when the tables' files can be read (the bucket or folder exists and answers). */
  boolean usable() {
    return usable;
  }

  @Override
  public List<Finding> run() {
    return settings.lakehouse().checkedBy(name(), this::check);
  }

  private List<Finding> check(LakehouseConfig config) {
    String warehouse = config.warehousePath();
    if (config.warehouseOnS3()) {
      return List.of(bucket(config));
    }
    if (warehouse.contains("://")) {
      usable = true;
      return List.of(
          Finding.skipped(
              name(), "warehouse " + warehouse + ": the doctor checks local folders and S3 only"));
    }
    return List.of(folder(Path.of(warehouse)));
  }

  @Override
  public Finding timedOut(Duration limit) {
    return Finding.broken(
        name(),
        "the warehouse storage did not answer within " + limit.toSeconds() + " s",
        "is MinIO/the S3 server running? check " + LakehouseConfig.S3_ENDPOINT);
  }

  private Finding bucket(LakehouseConfig config) {
    String endpoint = config.s3().endpoint().orElse("the AWS endpoint of " + config.s3().region());
    try {
      ObjectStorageCheck.Outcome outcome = ObjectStorageCheck.verify(config);
      String bucket = bucketOf(config.warehousePath());
      if (outcome == ObjectStorageCheck.Outcome.BUCKET_MISSING) {
        return Finding.warning(
            name(),
            "the bucket " + bucket + " does not exist at " + endpoint,
            "create it (mc mb / aws s3 mb s3://"
                + bucket
                + "), let the first pipeline command that writes create it,"
                + " or fix the bucket in "
                + LakehouseConfig.WAREHOUSE_PATH);
      }
      usable = true;
      return Finding.ok(
          name(), "bucket " + bucket + " at " + endpoint + " answers and accepts the keys");
    } catch (LakehouseException e) {
      return Finding.broken(name(), e.getMessage());
    }
  }

  private Finding folder(Path warehouse) {
    if (Files.isDirectory(warehouse)) {
      if (!Files.isWritable(warehouse)) {
        return Finding.broken(
            name(),
            "the warehouse folder " + warehouse + " is not writable",
            "fix its permissions, or set "
                + LakehouseConfig.WAREHOUSE_PATH
                + " to a writable folder");
      }
      usable = true;
      return Finding.ok(name(), "warehouse folder " + warehouse + " is writable");
    }
    if (Files.exists(warehouse)) {
      return Finding.broken(
          name(),
          "the warehouse " + warehouse + " is a file, not a folder",
          "set " + LakehouseConfig.WAREHOUSE_PATH + " to a folder");
    }
    Path existing = CatalogCheck.existingAncestor(warehouse);
    if (existing == null || !Files.isWritable(existing)) {
      return Finding.broken(
          name(),
          "cannot create the warehouse folder " + warehouse + ": " + existing + " is not writable",
          "set "
              + LakehouseConfig.WAREHOUSE_PATH
              + " (or "
              + LakehouseConfig.HOME
              + ") to a writable folder");
    }
    usable = true;
    return Finding.ok(
        name(),
        "warehouse folder "
            + warehouse
            + " is created on first write ("
            + existing
            + " is writable)");
  }

  private static String bucketOf(String location) {
    return location.substring(location.indexOf("://") + 3).split("/", 2)[0];
  }
}
