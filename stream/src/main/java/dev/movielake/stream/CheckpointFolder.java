package dev.movielake.stream;

import dev.movielake.config.CheckpointLocation;
import dev.movielake.config.ConfigException;
import dev.movielake.config.IngestConfig;
import dev.movielake.config.LakehouseConfig;
import dev.movielake.lakehouse.LakehouseException;
import dev.movielake.lakehouse.storage.ObjectStorageCheck;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;

/**
 * A checkpoint folder as the pipeline's own code reads and writes it (the stream's identity, the
 * repair of an uncommitted batch), through the same Hadoop file system Spark writes the checkpoint
 * with: a local folder, or {@code s3a://} with the warehouse's S3 settings. Local folders use
 * Hadoop's raw local file system, so no {@code .crc} file appears beside the pipeline's files.
 */
public final class CheckpointFolder {
  private final CheckpointLocation location;
  private final FileSystem fileSystem;
  private final Path root;

  private CheckpointFolder(CheckpointLocation location, FileSystem fileSystem, Path root) {
    this.location = location;
    this.fileSystem = fileSystem;
    this.root = root;
  }

  /**
   * @param hadoop the Spark session's Hadoop settings ({@code fs.s3a.*} among them)
   */
  public static CheckpointFolder of(CheckpointLocation location, Configuration hadoop) {
    URI uri =
        location
            .localFolder()
            .map(folder -> folder.toUri())
            .orElseGet(() -> URI.create(location.location()));
    try {
      FileSystem fileSystem = FileSystem.get(uri, hadoop);
      if (fileSystem instanceof LocalFileSystem local) {
        fileSystem = local.getRawFileSystem();
      }
      return new CheckpointFolder(location, fileSystem, new Path(uri));
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot open the file system of the checkpoint " + location + ": " + e.getMessage(), e);
    }
  }

  public CheckpointLocation location() {
    return location;
  }

  /** One query's checkpoint below this folder, e.g. {@code bronze/movies}. */
  public CheckpointFolder resolve(String child) {
    CheckpointLocation resolved = location.resolve(child);
    return new CheckpointFolder(resolved, fileSystem, new Path(root, child));
  }

  /** The content of a file of this folder; empty when there is none. */
  public Optional<String> read(String name) throws IOException {
    try (FSDataInputStream in = fileSystem.open(new Path(root, name))) {
      return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (FileNotFoundException e) {
      return Optional.empty();
    }
  }

  /** Writes a file of this folder (creating the folder), replacing one of the same name. */
  public void write(String name, String text) throws IOException {
    fileSystem.mkdirs(root);
    try (FSDataOutputStream out = fileSystem.create(new Path(root, name), true)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
  }

  /** The names of the files in a sub-folder; empty when it does not exist. */
  public List<String> list(String subfolder) throws IOException {
    List<String> names = new ArrayList<>();
    try {
      for (FileStatus status : fileSystem.listStatus(new Path(root, subfolder))) {
        if (status.isFile()) {
          names.add(status.getPath().getName());
        }
      }
    } catch (FileNotFoundException e) {
      return List.of();
    }
    return names;
  }

  /** Deletes a file of a sub-folder, if it is there. */
  public void delete(String subfolder, String name) throws IOException {
    fileSystem.delete(new Path(new Path(root, subfolder), name), false);
  }

  /**
   * Checks once, before any query starts, that the checkpoints can be written: on S3, that the
   * bucket exists and answers to the warehouse's keys (a quick HeadBucket, rather than S3A's
   * retries); then, anywhere, that a file can be written into the folder and deleted again.
   *
   * @param storage the S3 settings the bucket is checked with
   * @throws ConfigException naming {@code STREAM_CHECKPOINT_DIR}, what is wrong and the fix
   */
  public void probe(LakehouseConfig storage) {
    if (location.onS3()) {
      String bucket = location.bucket();
      String endpoint =
          storage.s3().endpoint().orElse("the AWS endpoint of region " + storage.s3().region());
      ObjectStorageCheck.Outcome outcome;
      try {
        outcome = ObjectStorageCheck.verifyBucket(storage, bucket);
      } catch (LakehouseException e) {
        throw new ConfigException(
            IngestConfig.CHECKPOINT_DIR,
            "cannot use the checkpoints at " + location + ": " + e.getMessage());
      }
      if (outcome == ObjectStorageCheck.Outcome.BUCKET_MISSING) {
        throw new ConfigException(
            IngestConfig.CHECKPOINT_DIR,
            "the bucket "
                + bucket
                + " of the checkpoints at "
                + location
                + " does not exist at "
                + endpoint
                + "; create it (aws s3 mb s3://"
                + bucket
                + ") or point "
                + IngestConfig.CHECKPOINT_DIR
                + " at an existing bucket");
      }
    }
    Path probe = new Path(root, ".movielake-probe-" + UUID.randomUUID());
    try {
      fileSystem.mkdirs(root);
      try (FSDataOutputStream out = fileSystem.create(probe, true)) {
        out.write('.');
      }
      fileSystem.delete(probe, false);
    } catch (IOException | RuntimeException e) {
      throw new ConfigException(
          IngestConfig.CHECKPOINT_DIR,
          "cannot write the checkpoints at "
              + location
              + " ("
              + e.getClass().getSimpleName()
              + ": "
              + e.getMessage()
              + "); "
              + (location.onS3()
                  ? "check that the keys in "
                      + LakehouseConfig.S3_ACCESS_KEY
                      + " may write to the bucket"
                  : "make the folder writable")
              + ", or point "
              + IngestConfig.CHECKPOINT_DIR
              + " at another folder or s3a://bucket/prefix");
    }
  }

  @Override
  public String toString() {
    return location.toString();
  }
}
