package dev.movielake.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where the streaming queries keep their checkpoints ({@code STREAM_CHECKPOINT_DIR}): a local
 * folder, which only works while the driver and every executor share one disk, or an {@code
 * s3a://bucket/prefix} on the warehouse's S3 storage, which executors on many hosts can share.
 * Hadoop's S3A file system answers to {@code s3a://} only, so {@code s3://} and {@code s3n://} are
 * refused with the spelling to use.
 *
 * @param location what Spark is given as a query's {@code checkpointLocation}: an absolute local
 *     path, or {@code s3a://bucket/prefix} without a trailing slash
 */
public record CheckpointLocation(String location) {
  private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
  private static final String S3A = "s3a://";
  private static final String ACCEPTED =
      "accepted: a local folder (a path or file:/...) or s3a://bucket/prefix";

  /** A local folder, as tests and callers with a folder of their own give it. */
  public static CheckpointLocation local(Path folder) {
    return new CheckpointLocation(folder.toAbsolutePath().normalize().toString());
  }

  /**
   * Reads a location; every value it cannot use is a {@link ConfigException} naming {@code
   * variable}, what is wrong and the form to use.
   */
  public static CheckpointLocation parse(String variable, String value) {
    String lower = value.toLowerCase(Locale.ROOT);
    if (lower.startsWith("s3a:")) {
      return s3a(variable, value);
    }
    if (lower.startsWith("s3://") || lower.startsWith("s3n://")) {
      throw new ConfigException(
          variable,
          "'"
              + value
              + "' uses a scheme Hadoop's S3 file system does not answer to; write it as "
              + S3A
              + value.substring(value.indexOf("://") + 3));
    }
    Path folder;
    if (lower.startsWith("file:")) {
      try {
        folder = Path.of(new URI(value));
      } catch (URISyntaxException | IllegalArgumentException e) {
        throw new ConfigException(
            variable,
            "'" + value + "' is not a valid file: URI; use file:///absolute/path or a plain path");
      }
    } else if (value.matches("^[A-Za-z][A-Za-z0-9+.-]*:.*")) {
      throw new ConfigException(
          variable,
          "'" + value + "' uses a scheme the checkpoints cannot be written to; " + ACCEPTED);
    } else {
      try {
        folder = Path.of(value);
      } catch (InvalidPathException e) {
        throw new ConfigException(
            variable, "'" + value + "' is not a valid path (" + e.getReason() + "); " + ACCEPTED);
      }
    }
    return local(variable, folder.toAbsolutePath().normalize());
  }

  private static CheckpointLocation s3a(String variable, String value) {
    URI uri;
    try {
      uri = new URI(value);
    } catch (URISyntaxException e) {
      throw new ConfigException(
          variable,
          "'"
              + value
              + "' is not a valid URI ("
              + e.getReason()
              + "); expected s3a://bucket/prefix, with no spaces or other characters to escape");
    }
    String bucket = uri.getAuthority();
    if (bucket == null || !BUCKET.matcher(bucket).matches()) {
      throw new ConfigException(
          variable,
          "'"
              + value
              + "' names no valid bucket; expected s3a://bucket/prefix, the bucket in lower case"
              + " letters, digits, dots and hyphens (3 to 63)");
    }
    if (uri.getQuery() != null || uri.getFragment() != null) {
      throw new ConfigException(
          variable,
          "'" + value + "' has a query or fragment; expected s3a://bucket/prefix and nothing more");
    }
    String prefix = uri.getPath() == null ? "" : uri.getPath().replaceAll("/+$", "");
    return new CheckpointLocation(S3A + bucket + prefix);
  }

  /**
   * A folder that exists or can be created: the nearest existing folder above it is writable.
   * Whether the folder itself can be written is probed when a stream starts.
   */
  private static CheckpointLocation local(String variable, Path folder) {
    if (Files.exists(folder) && !Files.isDirectory(folder)) {
      throw new ConfigException(
          variable, "'" + folder + "' exists and is not a folder; point it at a folder");
    }
    Path existing = folder;
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing == null || !Files.isWritable(existing)) {
      throw new ConfigException(
          variable,
          "'"
              + folder
              + "' cannot be created or written ("
              + existing
              + " is not writable); choose a writable folder or an s3a://bucket/prefix");
    }
    return new CheckpointLocation(folder.toString());
  }

  /** True for {@code s3a://}: Hadoop's S3A file system with the warehouse's S3 settings. */
  public boolean onS3() {
    return location.startsWith(S3A);
  }

  /** {@code s3a} or {@code file}. */
  public String scheme() {
    return onS3() ? "s3a" : "file";
  }

  /** The local folder; empty on S3. */
  public Optional<Path> localFolder() {
    return onS3() ? Optional.empty() : Optional.of(Path.of(location));
  }

  /**
   * The bucket of an S3 location.
   *
   * @throws IllegalStateException for a local folder
   */
  public String bucket() {
    if (!onS3()) {
      throw new IllegalStateException(location + " is a local folder, not on S3");
    }
    return location.substring(S3A.length()).split("/", 2)[0];
  }

  /** The location of one query's checkpoint below this one, e.g. {@code bronze/movies}. */
  public CheckpointLocation resolve(String child) {
    String relative = child.replaceAll("^/+|/+$", "");
    if (relative.isEmpty()) {
      return this;
    }
    return onS3()
        ? new CheckpointLocation(location + "/" + relative)
        : new CheckpointLocation(Path.of(location).resolve(relative).normalize().toString());
  }

  @Override
  public String toString() {
    return location;
  }
}
