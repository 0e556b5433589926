package dev.movielake.ops.doctor;

import dev.movielake.config.CheckpointLocation;
import dev.movielake.config.IngestConfig;
import dev.movielake.config.LakehouseConfig;
import dev.movielake.lakehouse.LakehouseException;
import dev.movielake.lakehouse.storage.ObjectStorageCheck;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Where the streaming queries keep their checkpoints ({@code STREAM_CHECKPOINT_DIR}) and whether
 * they can: a local folder that is (or can be made) writable, or an {@code s3a://} bucket that
 * answers a HeadBucket with the warehouse's S3 settings. Nothing is created.
 */
final class CheckpointCheck implements Check {
  private final Settings settings;

  CheckpointCheck(Settings settings) {
    this.settings = settings;
  }

  @Override
  public String name() {
    return "checkpoints";
  }

  @Override
  public List<Finding> run() {
    return settings.ingest().checkedBy(name(), this::check);
  }

  @Override
  public Finding timedOut(Duration limit) {
    return Finding.broken(
        name(),
        "the checkpoints' S3 storage did not answer within " + limit.toSeconds() + " s",
        "is the S3 server running? check "
            + LakehouseConfig.S3_ENDPOINT
            + " and "
            + IngestConfig.CHECKPOINT_DIR);
  }

  private List<Finding> check(IngestConfig ingest) {
    CheckpointLocation location = ingest.checkpoints();
    if (location.onS3()) {
      return settings
          .lakehouse()
          .checkedBy(name(), lakehouse -> List.of(bucket(location, lakehouse)));
    }
    return List.of(folder(location.localFolder().orElseThrow()));
  }

  private Finding bucket(CheckpointLocation location, LakehouseConfig lakehouse) {
    String bucket = location.bucket();
    String endpoint =
        lakehouse.s3().endpoint().orElse("the AWS endpoint of " + lakehouse.s3().region());
    try {
      if (ObjectStorageCheck.verifyBucket(lakehouse, bucket)
          == ObjectStorageCheck.Outcome.BUCKET_MISSING) {
        return Finding.broken(
            name(),
            "s3a checkpoints at "
                + location
                + ": the bucket "
                + bucket
                + " does not exist at "
                + endpoint,
            "create it (aws s3 mb s3://"
                + bucket
                + "), or point "
                + IngestConfig.CHECKPOINT_DIR
                + " at an existing bucket");
      }
      return Finding.ok(
          name(),
          "s3a checkpoints at "
              + location
              + ": bucket "
              + bucket
              + " at "
              + endpoint
              + " answers and accepts the keys");
    } catch (LakehouseException e) {
      return Finding.broken(
          name(),
          "s3a checkpoints at " + location + ": " + e.getMessage(),
          "fix the S3 settings, or point " + IngestConfig.CHECKPOINT_DIR + " at another location");
    }
  }

  private Finding folder(Path folder) {
    if (Files.isDirectory(folder)) {
      if (!Files.isWritable(folder)) {
        return Finding.broken(
            name(),
            "the checkpoint folder " + folder + " is not writable",
            "fix its permissions, or set " + IngestConfig.CHECKPOINT_DIR + " to a writable folder");
      }
      return Finding.ok(name(), "local checkpoint folder " + folder + " is writable");
    }
    Path existing = CatalogCheck.existingAncestor(folder);
    if (existing == null || !Files.isDirectory(existing) || !Files.isWritable(existing)) {
      return Finding.broken(
          name(),
          "cannot create the checkpoint folder "
              + folder
              + ": "
              + existing
              + " is not a writable folder",
          "set " + IngestConfig.CHECKPOINT_DIR + " to a writable folder or an s3a://bucket/prefix");
    }
    return Finding.ok(
        name(),
        "local checkpoint folder "
            + folder
            + " is created on first run ("
            + existing
            + " is writable)");
  }
}
